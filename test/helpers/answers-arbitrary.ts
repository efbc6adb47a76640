/**
 * Answers files generated for property tests, from the single source of their shape: the answers schema
 * (schemas/answers.schema.json, with the slices of registered families), section by section as the
 * families own them. A JSON Schema node becomes a fast-check arbitrary; texts are tricky but printable;
 * licences, dates and addresses are drawn from real values. `validAnswers` keeps only what `validate`
 * accepts without error, so every family's rules are applied too.
 */
import fc from "fast-check";
import type { SchemaNode } from "../../src/validation/schema.js";
import { answersSchema } from "../../src/validation/schema.js";
import { validateAnswersText } from "../../src/validation/validate.js";

/** Characters that must print literally. */
export const TRICKY = ["&", "<", ">", "]]>", "{{", "}}", "{{tender.title}}", '"', "'", "\u00a0", "\u200b", "\u200f", "\u200e", "e\u0301", "😀", "ש", "日本", "- ", "1. ", "**", "&amp;", "<w:p>", "\\", " "];

export const safeChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 6, arbitrary: fc.constantFrom("a", "b", "Z", "é", "0", "-", ".", ",", " ") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);

/** Printable text; it may still be refused when a grapheme drawn at random is forbidden (private use...). */
export const safeText = (max: number): fc.Arbitrary<string> => fc.array(safeChar, { minLength: 1, maxLength: 16 }).map((a) => a.join("").slice(0, max));

const LICENCE_IDS = ["MIT", "Apache-2.0", "BSD-3-Clause", "MPL-2.0", "EUPL-1.2", "EPL-2.0", "GPL-3.0-only", "LGPL-2.1-or-later", "AGPL-3.0-or-later", "0BSD"];
const EXPRESSIONS = [...LICENCE_IDS, "MIT OR GPL-3.0-only", "MIT AND Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause"];
const DOC_LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "etalab-2.0"];
const DATES = ["2026-11-02", "2026-12-01", "2027-01-31", "2028-02-29"];
const URLS = ["https://example.org/repo", "https://git.example.org/a?b=c&d=e", "https://github.com/powsybl/powsybl-core"];

type Node = SchemaNode & { $defs?: Record<string, SchemaNode>; uniqueItems?: boolean; minItems?: number; maxItems?: number; minLength?: number };

function resolve(node: Node): Node {
  if (node.$ref === undefined) return node;
  const target = answersSchema().schema.$defs[node.$ref.replace("#/$defs/", "")] as Node;
  const { $ref: _ref, ...own } = node;
  return { ...resolve(target), ...own, ...(target.$ref !== undefined ? {} : {}) };
}

/** An arbitrary for one node of the schema; `path` says which answer it is (for licences). */
export function arbitraryFor(schemaNode: SchemaNode, path: readonly string[]): fc.Arbitrary<unknown> {
  const node = resolve(schemaNode as Node);
  const last = path[path.length - 1] ?? "";
  if (node.enum !== undefined) return fc.constantFrom(...node.enum);
  if (node.const !== undefined) return fc.constant(node.const);
  switch (node.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: Math.max(node.minimum ?? 0, 0), max: Math.min(node.maximum ?? 1000, 1000) });
    case "number":
      return fc.integer({ min: 1, max: Math.min(node.maximum ?? 100000, 100000) * 10 }).map((n) => n / 10);
    case "array": {
      const item = arbitraryFor(node.items ?? {}, [...path, "[]"]);
      const options = { minLength: node.minItems ?? 0, maxLength: Math.min(node.maxItems ?? 3, 3) };
      return node.uniqueItems ? fc.uniqueArray(item, { ...options, selector: (v) => JSON.stringify(v) }) : fc.array(item, options);
    }
    case "object": {
      const required = new Set(node.required ?? []);
      const entries = Object.entries(node.properties ?? {}).filter(([key]) => key !== "$schema");
      return fc
        .record(Object.fromEntries(entries.map(([key, child]) => [key, required.has(key) ? arbitraryFor(child, [...path, key]) : fc.option(arbitraryFor(child, [...path, key]), { nil: undefined, freq: 2 })])))
        .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
    }
    case "string":
    default:
      if (node.format === "date") return fc.constantFrom(...DATES);
      if (node.format === "uri") return fc.constantFrom(...URLS);
      if (node.pattern === "^[A-Z]{3}$") return fc.constantFrom("EUR", "CHF", "USD");
      if (schemaNode.$ref === "#/$defs/licenceExpression") return fc.constantFrom(...EXPRESSIONS);
      if (schemaNode.$ref === "#/$defs/licenceId") return fc.constantFrom(...(last === "documentationLicense" ? DOC_LICENCES : LICENCE_IDS));
      return safeText(node.maxLength ?? 200);
  }
}

/** Answers within the schema (they may break a rule the schema cannot express). */
export const schemaAnswers: fc.Arbitrary<Record<string, unknown>> = fc.constant(null).chain(() => arbitraryFor(answersSchema().schema, []) as fc.Arbitrary<Record<string, unknown>>);

/** Answers `validate` accepts without error: the schema and every family's rules hold. */
export const validAnswers: fc.Arbitrary<Record<string, unknown>> = schemaAnswers.filter((answers) => {
  const v = validateAnswersText("answers.json", JSON.stringify(answers));
  return v.answers !== undefined;
});

/** Every path to a value inside some answers (sections, items and leaves). */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => pathsIn(v, [...path, i]))];
  if (value !== null && typeof value === "object") return [path, ...Object.entries(value).flatMap(([k, v]) => pathsIn(v, [...path, k]))];
  return [path];
}

/** Values of every wrong kind, for an answer that should hold something else. */
const wrongValue = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.constant(""), fc.string({ maxLength: 8 }), fc.constant([]), fc.constant({}), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.constantFrom("name", "x", "license"), fc.integer(), { maxKeys: 2 })).map((v) => structuredClone(v));

/**
 * Answers as a person may save them half-done or break them by hand: generated answers with one to three
 * values replaced by a value of another kind (or removed).
 */
export const brokenAnswers: fc.Arbitrary<Record<string, unknown>> = schemaAnswers.chain((answers) => {
  const paths = pathsIn(answers).filter((p) => p.length > 0);
  return fc.array(fc.tuple(fc.constantFrom(...paths), fc.option(wrongValue, { nil: undefined })), { minLength: 1, maxLength: 3 }).map((changes) => {
    const copy = structuredClone(answers);
    for (const [path, value] of changes) {
      let cursor: unknown = copy;
      for (const step of path.slice(0, -1)) cursor = cursor !== null && typeof cursor === "object" ? (cursor as Record<string | number, unknown>)[step] : undefined;
      if (cursor === null || typeof cursor !== "object") continue;
      const last = path[path.length - 1]!;
      if (value === undefined) delete (cursor as Record<string | number, unknown>)[last];
      else (cursor as Record<string | number, unknown>)[last] = value;
    }
    return copy;
  });
});
