/**
 * Reads an answers file (YAML or JSON, both through the `yaml` parser) safely: nesting is bounded before the
 * file is turned into data, duplicate keys are errors, aliases and every tag are refused, text is checked for
 * forbidden characters, and a file that is not sections of answers is refused without being quoted. Keeps
 * the parsed document so that every finding can be placed at a line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { Finding } from "../diagnostics.js";
import type { Path } from "../families/family.js";
import { isLanguage, messages, type Language, type Messages } from "../i18n/messages.js";
import { MAX_YAML_DEPTH, parseYamlDocument } from "../input/yaml.js";
import { describeForbiddenCharacter, findForbiddenCharacter } from "./text.js";

export interface AnswersDocument {
  readonly file: string;
  /** The answers as plain data; undefined when the file could not be parsed at all. */
  readonly data: unknown;
  /** Line and column (1-based) of an answer, or of its key. */
  locate(path: Path, atKey?: boolean): { line: number; column: number } | undefined;
}

export interface ReadResult {
  readonly document: AnswersDocument;
  /** Problems found while reading: syntax, duplicate keys, aliases, forbidden characters. */
  readonly findings: readonly (Finding & { line?: number; column?: number })[];
  /** The language of the answers (tender.language), or the one given when the file does not say. */
  readonly language: Language;
}

/** Bytes of the file → text. Invalid UTF-8 is refused rather than replaced, with the offset of the first bad byte. */
export function decodeAnswers(bytes: Uint8Array): { text: string } | { offset: number } {
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
      return { offset };
    }
    return { offset: bytes.length };
  }
}

/** The language the answers say they are in, when they say it validly. */
export function languageOf(data: unknown): Language | undefined {
  const language = (data as { tender?: { language?: unknown } } | null | undefined)?.tender?.language;
  return isLanguage(language) ? language : undefined;
}

export function readAnswersText(file: string, text: string, fallback: Language = "en"): ReadResult {
  // Duplicate keys are found below, in one pass: yaml's own check compares each key with every key before it.
  const parsed = parseYamlDocument(text, {
    uniqueKeys: false,
    version: "1.2",
    schema: "core",
    merge: false,
    strict: true,
    keepSourceTokens: false,
  });
  const { lineCounter } = parsed;
  const pos = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // The messages speak the language of the answers once they can be read; the fallback before.
  type Raw = { code: string; key: string; params?: Record<string, string | number>; line: number; column: number };
  const raw: Raw[] = [];
  if (!parsed.ok) {
    // Refused before the file is turned into data: nothing deeper is read.
    const { line, column } = parsed.tooDeep;
    const t = messages(fallback);
    const finding = { code: "file.too-deep", severity: "error" as const, path: [], message: t("findings.limits.too-deep.message", { limit: MAX_YAML_DEPTH }), hint: t("findings.limits.too-deep.hint"), line, column };
    return { document: { file, data: undefined, locate: () => undefined }, findings: [finding], language: fallback };
  }
  const doc = parsed.document;

  for (const e of doc.errors) {
    const { line, column } = pos(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") raw.push({ code: "file.duplicate-key", key: "file.duplicate-key", line, column });
    else raw.push({ code: "file.syntax", key: "file.syntax", params: { problem: firstLine(e.message) }, line, column });
  }
  for (const w of doc.warnings) {
    const { line, column } = pos(w.pos[0]);
    raw.push({ code: "file.unsupported", key: "file.unsupported", params: { problem: firstLine(w.message) }, line, column });
  }

  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const id = keyIdentity(pair.key);
        if (id === undefined) continue;
        if (seen.has(id)) {
          const { line, column } = pos((pair.key as Node).range?.[0] ?? 0);
          raw.push({ code: "file.duplicate-key", key: "file.duplicate-key", line, column });
        }
        seen.add(id);
      }
    },
    Alias(_key, node) {
      const { line, column } = pos(node.range?.[0] ?? 0);
      raw.push({ code: "file.alias", key: "file.alias", params: { name: node.source }, line, column });
    },
    Node(_key, node) {
      // Tags are refused, the core schema's own (!!str, !!int…) too: a value is written as plain text.
      if (isScalar(node) && node.tag !== undefined) {
        const { line, column } = pos(node.range?.[0] ?? 0);
        raw.push({ code: "file.unsupported", key: "file.tag", params: { tag: node.tag.replace(/^tag:yaml\.org,2002:/, "!!") }, line, column });
      }
    },
  });

  const fatal = raw.length > 0;
  let data: unknown = undefined;
  let language = fallback;
  const findings: (Finding & { line?: number; column?: number })[] = [];
  if (!fatal) {
    data = doc.toJS({ maxAliasCount: 0 });
    language = languageOf(data) ?? fallback;
    if (doc.contents === null || data === null || data === undefined) {
      raw.push({ code: "file.empty", key: "file.empty", line: 1, column: 1 });
    } else if (typeof data !== "object" || Array.isArray(data)) {
      // Not an answers file at all (a text, a list): said without quoting it, as it may be any file.
      const what = Array.isArray(data) ? "list" : typeof data === "string" ? "text" : "value";
      raw.push({ code: "file.not-answers", key: "limits.not-answers", params: { what }, line: 1, column: 1 });
      data = undefined;
    } else {
      findings.push(...forbiddenCharacters(data, [], messages(language)));
    }
  }
  const t = messages(language);
  for (const r of raw) {
    findings.unshift({
      code: r.code,
      severity: "error",
      path: [],
      message: t.dynamic(`findings.${r.key}.message`, r.params),
      hint: t.dynamic(`findings.${r.key}.hint`, r.params),
      line: r.line,
      column: r.column,
    });
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
  return { document, findings, language };
}

/** What makes two keys of a section the same key, as yaml's uniqueKeys check says: equal scalar values. */
export function keyIdentity(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const value = key.value;
  return `${value === null ? "null" : typeof value}:${String(value)}`;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * The node at `path`, or the closest existing ancestor (a missing answer is reported at its section).
 * With `atKey`, the key of the last step rather than its value.
 */
function nodeAt(doc: Document, path: Path, atKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(step));
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

/**
 * The pairs of a section by key, made once per section: a finding is placed by looking its answer up, and a
 * file may hold thousands of findings in one section (thousands of unknown keys), so a linear search per
 * finding would take time that grows with the square of the file.
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const p of map.items) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      const key = String(p.key.value);
      if (!index.has(key)) index.set(key, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** Every string (values and keys) in the answers, checked for characters that may not be printed. */
function forbiddenCharacters(value: unknown, path: (string | number)[], t: Messages): Finding[] {
  const out: Finding[] = [];
  if (typeof value === "string") {
    const found = findForbiddenCharacter(value);
    if (found) {
      const { message, hint } = describeForbiddenCharacter(found, t);
      out.push({ code: "text.forbidden-character", severity: "error", path, message, hint });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => out.push(...forbiddenCharacters(item, [...path, i], t)));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findForbiddenCharacter(key);
      if (found) {
        const { message, hint } = describeForbiddenCharacter(found, t);
        out.push({ code: "text.forbidden-character", severity: "error", path: [...path, key], atKey: true, message: t("findings.text.in-key", { problem: message }), hint });
      }
      out.push(...forbiddenCharacters(item, [...path, key], t));
    }
  }
  return out;
}
