/**
 * Reads an answers file (YAML or JSON, both through the `yaml` parser) safely: duplicate keys are errors,
 * aliases are refused, unknown tags are errors, text is checked for forbidden characters. Keeps the parsed
 * document so that every finding can be placed at a line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import type { AnswerPath, Finding } from "../diagnostics.js";
import { describeForbiddenCharacter, findForbiddenCharacter } from "./text.js";

export interface AnswersDocument {
  readonly file: string;
  /** The answers as plain data; undefined when the file could not be parsed at all. */
  readonly data: unknown;
  /** Line and column (1-based) of an answer, or of its key. */
  locate(path: AnswerPath, atKey?: boolean): { line: number; column: number } | undefined;
}

export interface ReadResult {
  readonly document: AnswersDocument;
  /** Problems found while reading: syntax, duplicate keys, aliases, forbidden characters. */
  readonly findings: readonly (Finding & { line?: number; column?: number })[];
}

/** Bytes of the file → text. Invalid UTF-8 is refused rather than replaced, with the offset of the first bad byte. */
export function decodeAnswers(bytes: Uint8Array): { text: string } | { error: string; offset: number } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Feed the bytes one by one to a streaming decoder: it fails on the first byte that cannot be UTF-8.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let offset = 0;
    try {
      for (; offset < bytes.length; offset++) decoder.decode(bytes.subarray(offset, offset + 1), { stream: true });
      decoder.decode();
    } catch {
      return { error: "the file is not valid UTF-8 text", offset };
    }
    return { error: "the file is not valid UTF-8 text", offset: bytes.length };
  }
}

export function readAnswersText(file: string, text: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
    version: "1.2",
    schema: "core",
    merge: false,
    strict: true,
    keepSourceTokens: false,
  });
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const findings: (Finding & { line?: number; column?: number })[] = [];

  for (const e of doc.errors) {
    const { line, column } = pos(e.pos[0]);
    findings.push({
      code: e.code === "DUPLICATE_KEY" ? "file.duplicate-key" : "file.syntax",
      severity: "error",
      path: [],
      message:
        e.code === "DUPLICATE_KEY"
          ? "the same answer is given twice in this section"
          : `the file cannot be read: ${firstLine(e.message)}`,
      hint:
        e.code === "DUPLICATE_KEY"
          ? "Keep one of the two lines and delete the other."
          : "Check the indentation, colons and quotes around this line.",
      line,
      column,
    });
  }
  for (const w of doc.warnings) {
    const { line, column } = pos(w.pos[0]);
    findings.push({
      code: "file.unsupported",
      severity: "error",
      path: [],
      message: `the file uses a YAML feature Clausier does not accept: ${firstLine(w.message)}`,
      hint: "Write plain values without tags (words starting with !).",
      line,
      column,
    });
  }

  visit(doc, {
    Alias(_key, node) {
      const { line, column } = pos(node.range?.[0] ?? 0);
      findings.push({
        code: "file.alias",
        severity: "error",
        path: [],
        message: `the file refers to another part of itself (*${node.source}); this is not accepted in answers files`,
        hint: "Write the value out in full where it is needed.",
        line,
        column,
      });
    },
    Node(_key, node) {
      if (isScalar(node) && node.tag !== undefined && !node.tag.startsWith("tag:yaml.org,2002:")) {
        const { line, column } = pos(node.range?.[0] ?? 0);
        findings.push({
          code: "file.unsupported",
          severity: "error",
          path: [],
          message: `the value is marked with the tag ${node.tag}, which Clausier does not accept`,
          hint: "Remove the tag (the word starting with !).",
          line,
          column,
        });
      }
    },
  });

  const fatal = findings.length > 0;
  let data: unknown = undefined;
  if (!fatal) {
    data = doc.toJS({ maxAliasCount: 0 });
    if (doc.contents === null || data === null || data === undefined) {
      findings.push({
        code: "file.empty",
        severity: "error",
        path: [],
        message: "the file contains no answers",
        hint: "Start from one of the files in examples/ or run `clausier new`.",
        line: 1,
        column: 1,
      });
    } else {
      findings.push(...forbiddenCharacters(data, []));
    }
  }

  const document: AnswersDocument = {
    file,
    data,
    locate(path, atKey = false) {
      const node = nodeAt(doc, path, atKey);
      const offset = node?.range?.[0];
      return offset === undefined ? undefined : pos(offset);
    },
  };
  return { document, findings };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * The node at `path`, or the closest existing ancestor (a missing answer is reported at its section).
 * With `atKey`, the key of the last step rather than its value.
 */
function nodeAt(doc: Document, path: AnswerPath, atKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return node as Node;
      if (last && atKey) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step];
      if (item === undefined) return node as Node;
      node = item;
    } else {
      break;
    }
  }
  return isAlias(node) ? undefined : (node as Node | undefined);
}

/** Every string (values and keys) in the answers, checked for characters that may not be printed. */
function forbiddenCharacters(value: unknown, path: (string | number)[]): Finding[] {
  const out: Finding[] = [];
  if (typeof value === "string") {
    const found = findForbiddenCharacter(value);
    if (found) {
      const { message, hint } = describeForbiddenCharacter(found);
      out.push({ code: "text.forbidden-character", severity: "error", path, message, hint });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => out.push(...forbiddenCharacters(item, [...path, i])));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findForbiddenCharacter(key);
      if (found) {
        const { message, hint } = describeForbiddenCharacter(found);
        out.push({ code: "text.forbidden-character", severity: "error", path: [...path, key], atKey: true, message: `the name of this answer ${message}`, hint });
      }
      out.push(...forbiddenCharacters(item, [...path, key]));
    }
  }
  return out;
}
