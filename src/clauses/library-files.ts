/**
 * Reading the files of a clause library, built-in or an organisation's overlay, as hostile input: an overlay
 * is a folder anyone may have put anything in. A file is refused, before it is opened, when it is a symbolic
 * link to something outside the library folder (a link to a secrets file would otherwise have its content
 * quoted in error messages), when it is not a regular file (a named pipe would block the read for ever, a
 * device would never end), or when it is far larger than any clause file; it is opened without following a
 * link (O_NOFOLLOW) and without blocking (O_NONBLOCK), and checked again on the open file. Its text must be
 * UTF-8, its YAML plain (no aliases, no tags, no key twice) and nested within a limit. A problem is reported
 * by file and line, in the person's language, never by quoting the file.
 */
import type { LineOf } from "./shape-words.js";
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { isMap, isScalar, isSeq, visit, type Node } from "yaml";
import { decodeAnswers, keyIdentity } from "../answers/document.js";
import { codePointLabel, findForbiddenCharacter } from "../answers/text.js";
import type { Messages } from "../i18n/messages.js";
import { InputError, readOpened } from "../input/read.js";
import { MAX_YAML_DEPTH, parseYamlDocument } from "../input/yaml.js";

/** A clause file is a few kilobytes; the largest built-in one is under 8 KB. */
export const MAX_LIBRARY_FILE_BYTES = 256 * 1024;

export type LibraryRead = { readonly ok: true; readonly data: unknown; readonly lineOf: LineOf } | { readonly ok: false; readonly problems: readonly string[] };

/** A name or path as it may be printed: characters that could change the terminal or hide text are shown as U+XXXX. */
export function printable(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const found = findForbiddenCharacter(rest);
    if (found === undefined) return out + rest;
    out += `${rest.slice(0, found.index)}<${codePointLabel(found.codePoint)}>`;
    rest = rest.slice(found.index + (found.codePoint > 0xffff ? 2 : 1));
  }
}

/** Whether `path` is `folder` or inside it (both real paths). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** The system's reason a file cannot be read, as a short code (EACCES), never its content. */
const systemCode = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? "EIO";

/** Whether anything (a file, a folder, a link even to nothing) is at `path`. */
export function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The names of the `.yaml` files in a folder of the library, sorted; or why the folder cannot be listed.
 * A name with control characters or other characters that cannot be printed is refused by name.
 */
export function yamlFiles(dir: string, t: Messages): { names: string[]; problems: { name?: string; message: string }[] } {
  let stat;
  try {
    stat = statSync(dir);
  } catch (e) {
    return { names: [], problems: [{ message: t("library.files.unreadable", { code: systemCode(e) }) }] };
  }
  if (!stat.isDirectory()) return { names: [], problems: [{ message: t("library.files.not-folder") }] };
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    return { names: [], problems: [{ message: t("library.files.unreadable", { code: systemCode(e) }) }] };
  }
  const names: string[] = [];
  const problems: { name?: string; message: string }[] = [];
  for (const name of entries.filter((f) => f.endsWith(".yaml")).sort()) {
    const found = findForbiddenCharacter(name);
    if (found !== undefined) problems.push({ name, message: t("library.files.bad-name", { code: codePointLabel(found.codePoint) }) });
    else names.push(name);
  }
  return { names, problems };
}

/** Reads a library file safely: see the module's comment. `root` is the library folder it belongs to. */
export function readLibraryYaml(root: string, file: string, t: Messages): LibraryRead {
  const refuse = (message: string): LibraryRead => ({ ok: false, problems: [message] });
  let target: string;
  let stat;
  try {
    // The file's real path, through any link, in the file's name or in a folder above it (clauses/ itself
    // may be a link): it must be inside the library folder.
    try {
      target = realpathSync(file);
    } catch {
      return refuse(lstatSync(file).isSymbolicLink() ? t("library.files.link-broken") : t("library.files.unreadable", { code: "ENOENT" }));
    }
    if (!inside(realpathSync(root), target)) return refuse(t("library.files.link-outside"));
    stat = lstatSync(target);
  } catch (e) {
    return refuse(t("library.files.unreadable", { code: systemCode(e) }));
  }
  if (!stat.isFile()) return refuse(t("library.files.not-regular"));
  if (stat.size > MAX_LIBRARY_FILE_BYTES) return refuse(t("library.files.too-large", { limit: MAX_LIBRARY_FILE_BYTES }));

  let bytes: Buffer;
  let fd: number;
  try {
    // Without following a link (it may have been swapped for one since) and without waiting on a pipe.
    fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return refuse(systemCode(e) === "ELOOP" ? t("library.files.link-outside") : t("library.files.unreadable", { code: systemCode(e) }));
  }
  try {
    if (!fstatSync(fd).isFile()) return refuse(t("library.files.not-regular"));
    bytes = readOpened(fd, target, MAX_LIBRARY_FILE_BYTES);
  } catch (e) {
    if (e instanceof InputError && e.problem === "too-large") return refuse(t("library.files.too-large", { limit: MAX_LIBRARY_FILE_BYTES }));
    return refuse(t("library.files.unreadable", { code: e instanceof InputError ? e.problem : systemCode(e) }));
  } finally {
    closeSync(fd);
  }

  const decoded = decodeAnswers(bytes);
  if (!("text" in decoded)) return refuse(t("library.files.encoding", { offset: decoded.offset }));
  return parseLibraryYaml(decoded.text, t);
}

/** yaml's error codes, as a few plain phrases (never yaml's own message, which may quote the file). */
function syntaxPhrase(code: string, t: Messages): string {
  switch (code) {
    case "BAD_INDENT":
    case "TAB_AS_INDENT":
    case "BLOCK_AS_IMPLICIT_KEY":
      return t("library.files.yaml.indent");
    case "MISSING_CHAR":
    case "BAD_DQ_ESCAPE":
      return t("library.files.yaml.unclosed");
    case "MULTIPLE_DOCS":
      return t("library.files.yaml.documents");
    case "MULTILINE_IMPLICIT_KEY":
    case "KEY_OVER_1024_CHARS":
      return t("library.files.yaml.key");
    default:
      return t("library.files.yaml.other");
  }
}

/** Parses a library file's text: plain YAML only, nested within the limit. */
export function parseLibraryYaml(text: string, t: Messages): LibraryRead {
  const parsed = parseYamlDocument(text, { uniqueKeys: false, version: "1.2", schema: "core", merge: false, strict: true, keepSourceTokens: false });
  if (!parsed.ok) return { ok: false, problems: [t("library.files.too-deep", { limit: MAX_YAML_DEPTH, line: parsed.tooDeep.line })] };
  const { document, lineCounter } = parsed;
  const at = (offset: number): { line: number; column: number } => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const problems: string[] = [];
  // An unknown tag is a warning of yaml's; it is reported below with every other tag.
  for (const e of [...document.errors, ...document.warnings.filter((w) => w.code !== "TAG_RESOLVE_FAILED")]) problems.push(t("library.files.syntax", { ...at(e.pos[0]), problem: syntaxPhrase(e.code, t) }));
  visit(document, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const id = keyIdentity(pair.key);
        if (id === undefined) continue;
        if (seen.has(id)) problems.push(t("library.files.duplicate-key", at((pair.key as Node).range?.[0] ?? 0)));
        seen.add(id);
      }
    },
    Alias(_key, node) {
      problems.push(t("library.files.alias", at(node.range?.[0] ?? 0)));
    },
    Node(_key, node) {
      if (isScalar(node) && node.tag !== undefined) problems.push(t("library.files.tag", at(node.range?.[0] ?? 0)));
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  // The line of a key's name (where a maintainer looks for "terms:"), or of a list item.
  const lineOf: LineOf = (path) => {
    let offset: number | undefined;
    if (path.length === 0) offset = document.contents?.range?.[0];
    else {
      const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
      const last = path[path.length - 1];
      if (isMap(parent)) offset = (parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key as Node | undefined)?.range?.[0];
      else if (isSeq(parent) && typeof last === "number") offset = (parent.items[last] as Node | undefined)?.range?.[0];
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { ok: true, data: document.toJS({ maxAliasCount: 0 }), lineOf };
}
