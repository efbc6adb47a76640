/**
 * An SBOM's bytes → JSON data, refusing what JSON.parse would silently accept or alter:
 *  - invalid UTF-8 is refused with the offset of the first bad byte (never replaced by U+FFFD);
 *  - a UTF-8 byte order mark is accepted (and skipped);
 *  - a key given twice in one object is refused with the key and its line (JSON.parse keeps the last);
 *  - nesting deeper than MAX_SBOM_DEPTH is refused before anything walks the data (no recursion a file
 *    can make deep: the validators and the readers below then never go deeper than that).
 * Syntax, duplicate keys and depth come from one pass of Microsoft's jsonc-parser visitor (its scanner is
 * iterative and reports positions); the data itself is then made by JSON.parse, which is fast.
 */
import * as jsonc from "jsonc-parser";
import { SbomReadError } from "../errors.js";
import { decodeAnswers } from "../answers/document.js";

/** Deeper than any SBOM writer nests (CycloneDX components in components, SPDX 3 JSON-LD). */
export const MAX_SBOM_DEPTH = 128;

/** Bytes → text: UTF-8 only, a byte order mark skipped, an invalid byte refused with its offset. */
export function decodeSbom(input: string | Uint8Array): string {
  if (typeof input === "string") return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const bom = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  const bytes = bom ? input.subarray(3) : input;
  const decoded = decodeAnswers(bytes);
  if ("offset" in decoded) throw new SbomReadError("encoding", { detail: String(decoded.offset + (bom ? 3 : 0)) });
  return decoded.text;
}

/** Thrown out of the visitor to stop at the first problem. */
class Stop {
  constructor(readonly error: SbomReadError) {}
}

/** JSON text → data; a syntax error, a duplicate key or too deep a nesting throws SbomReadError with its line. */
export function parseSbomJson(text: string, maxDepth = MAX_SBOM_DEPTH): unknown {
  // One set of keys per open object, undefined for an open array.
  const open: (Set<string> | undefined)[] = [];
  const deeper = (line: number, column: number): void => {
    if (open.length > maxDepth) throw new Stop(new SbomReadError("too-deep", { line: line + 1, column: column + 1, detail: String(maxDepth) }));
  };
  try {
    jsonc.visit(
      text,
      {
        onObjectBegin: (_o, _l, line, column) => {
          open.push(new Set());
          deeper(line, column);
        },
        onObjectEnd: () => void open.pop(),
        onArrayBegin: (_o, _l, line, column) => {
          open.push(undefined);
          deeper(line, column);
        },
        onArrayEnd: () => void open.pop(),
        onObjectProperty: (property, _o, _l, line, column) => {
          const keys = open[open.length - 1];
          if (keys === undefined) return;
          if (keys.has(property)) throw new Stop(new SbomReadError("duplicate-key", { line: line + 1, column: column + 1, detail: property }));
          keys.add(property);
        },
        onError: (error, _o, _l, line, column) => {
          throw new Stop(new SbomReadError("json", { line: line + 1, column: column + 1, detail: jsonc.printParseErrorCode(error) }));
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (e) {
    if (e instanceof Stop) throw e.error;
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // What the visitor let through and JSON.parse does not (a raw control character in a string, say).
    const at = /position (\d+)/.exec((e as Error).message);
    if (at) {
      const lines = text.slice(0, Number(at[1])).split("\n");
      throw new SbomReadError("json", { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, detail: "InvalidCharacter" });
    }
    throw new SbomReadError("json", { detail: "InvalidCharacter" });
  }
}
