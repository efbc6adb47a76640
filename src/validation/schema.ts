/**
 * Structural validation of an answers file against schemas/answers.schema.json (JSON Schema 2020-12, ajv),
 * with every error turned into a sentence a procurement officer understands, naming the answer by the
 * title the schema gives it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { formatPath, type AnswerPath, type Finding } from "../diagnostics.js";
import { GENERATED_DIR, schemaFile } from "../paths.js";
import { lazyRequire } from "../lazy.js";

/** The JSON Schema compiler, needed only when the validators compiled at build time are missing or stale. */
export const ajv2020 = lazyRequire<typeof import("ajv/dist/2020.js")>("ajv/dist/2020.js");
export const ajvFormats = lazyRequire<typeof import("ajv-formats")>("ajv-formats");
/** Edit distance, for suggestions: only when an answer is mistyped. */
const levenshtein = lazyRequire<typeof import("fastest-levenshtein")>("fastest-levenshtein");

export interface SchemaNode {
  readonly title?: string;
  readonly description?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly $ref?: string;
  readonly maxLength?: number;
  readonly format?: string;
  readonly default?: unknown;
  readonly required?: readonly string[];
}

let compiled: { schema: SchemaNode & { $defs: Record<string, SchemaNode> }; validate: ValidateFunction } | undefined;

/**
 * A validator for a schema in schemas/: the one compiled at build time (scripts/compile.mjs) when it was
 * made from this very schema text, else compiled now (slower, same result).
 */
export function schemaValidator(schemaName: string, generated: string, compile: (schema: object) => ValidateFunction): { text: string; validate: ValidateFunction } {
  const text = readFileSync(schemaFile(schemaName), "utf8");
  const hash = createHash("sha256").update(text).digest("hex");
  const file = join(GENERATED_DIR, generated);
  if (existsSync(file)) {
    const module = createRequire(import.meta.url)(file) as ValidateFunction & { schemaHash?: string };
    if (module.schemaHash === hash) return { text, validate: module };
  }
  return { text, validate: compile(JSON.parse(text) as object) };
}

/** The answers schema, read and compiled once per process. */
export function answersSchema(): { schema: SchemaNode & { $defs: Record<string, SchemaNode> }; validate: ValidateFunction } {
  if (compiled === undefined) {
    const { text, validate } = schemaValidator("answers.schema.json", "answers-validator.cjs", (schema) => {
      const ajv = new (ajv2020().Ajv2020)({ allErrors: true, strict: true, strictRequired: false, verbose: true });
      ajvFormats().default(ajv, ["date", "uri"]);
      return ajv.compile(schema);
    });
    compiled = { schema: JSON.parse(text) as SchemaNode & { $defs: Record<string, SchemaNode> }, validate };
  }
  return compiled;
}

/** The schema of the answer at `path` (following `$ref`s for types, keeping the field's own title). */
export function fieldSchema(path: AnswerPath): SchemaNode | undefined {
  const { schema } = answersSchema();
  let node: SchemaNode | undefined = schema;
  for (const step of path) {
    if (node === undefined) return undefined;
    node = typeof step === "number" ? node.items : node.properties?.[step];
  }
  return node;
}

function resolved(node: SchemaNode | undefined): SchemaNode | undefined {
  if (node?.$ref === undefined) return node;
  const { schema } = answersSchema();
  const target = schema.$defs[node.$ref.replace("#/$defs/", "")];
  const { $ref: _ref, ...own } = node;
  return { ...resolved(target), ...own };
}

/** "Component licence" for ["components", 2, "license"]; falls back to the key. */
export function labelOf(path: AnswerPath): string {
  const title = fieldSchema(path)?.title;
  if (title !== undefined) return title;
  const last = path[path.length - 1];
  return last === undefined ? "The answers file" : String(last);
}

function pointerToPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === "") return [];
  const out: (string | number)[] = [];
  let cursor: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const step = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cursor)) {
      const index = Number(step);
      out.push(index);
      cursor = cursor[index];
    } else {
      out.push(step);
      cursor = cursor !== null && typeof cursor === "object" ? (cursor as Record<string, unknown>)[step] : undefined;
    }
  }
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
  array: "a list (one item per line, each starting with '- ')",
  object: "a section with its own answers",
  null: "empty",
};

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a section";
  if (typeof value === "string") return `"${value}"`;
  return String(value);
}

function nearest(value: unknown, candidates: readonly string[]): string | undefined {
  if (typeof value !== "string" || candidates.length === 0) return undefined;
  const near = levenshtein().closest(value, [...candidates]);
  return near !== undefined && levenshtein().distance(value.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(value.length / 3))
    ? near
    : undefined;
}

function humanise(error: ErrorObject, data: unknown): Finding | undefined {
  const path = pointerToPath(error.instancePath, data);
  const label = labelOf(path);
  const field = resolved(fieldSchema(path));
  const base = { severity: "error" as const, path };
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "if":
      return undefined; // The `then` branch's own error says what is missing.
    case "required": {
      const missing = String(p["missingProperty"]);
      const childPath = [...path, missing];
      const childLabel = labelOf(childPath);
      const description = fieldSchema(childPath)?.description;
      return {
        ...base,
        path: childPath,
        code: "answer.missing",
        message: `${childLabel} is missing`,
        hint: `Add "${missing}:"${path.length > 0 ? ` under the section ${describePath(path)}` : " at the top of the file"}.${description ? ` ${description}` : ""}`,
      };
    }
    case "additionalProperties": {
      const extra = String(p["additionalProperty"]);
      const known = Object.keys(field?.properties ?? {});
      const near = nearest(extra, known);
      return {
        ...base,
        path: [...path, extra],
        atKey: true,
        code: "answer.unknown",
        message: `"${extra}" is not an answer Clausier knows${path.length > 0 ? ` in the section ${describePath(path)}` : ""}`,
        hint: near !== undefined ? `Did you mean "${near}"?` : `The answers known here are: ${known.join(", ")}.`,
      };
    }
    case "type": {
      const expected = String(p["type"]);
      const value = error.data;
      let hint: string | undefined;
      if (expected === "boolean" && typeof value === "string") hint = `Write true or false, without quotes (not "${value}").`;
      else if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) hint = `Put the value in quotes: "${String(value)}".`;
      else if (expected === "array" && typeof value === "string") hint = `Write it as a list:\n  - ${value}`;
      return {
        ...base,
        code: "answer.type",
        message: `${label} must be ${TYPE_WORDS[expected] ?? expected}, not ${describeValue(value)}`,
        ...(hint !== undefined ? { hint } : {}),
      };
    }
    case "enum": {
      const allowed = (p["allowedValues"] as unknown[]).map(String);
      const near = nearest(error.data, allowed);
      return {
        ...base,
        code: "answer.choice",
        message: `${label} must be one of ${allowed.join(", ")}, not ${describeValue(error.data)}`,
        hint: near !== undefined ? `Did you mean "${near}"?` : (field?.description ?? `Write one of: ${allowed.join(", ")}.`),
      };
    }
    case "const":
      return {
        ...base,
        code: "answer.choice",
        message: `${label} must be ${String(p["allowedValue"])}, not ${describeValue(error.data)}`,
        hint: path[0] === "schemaVersion" ? "This version of Clausier reads answers files of version 1: write schemaVersion: 1." : undefined,
      } as Finding;
    case "minLength":
      return { ...base, code: "answer.empty", message: `${label} must not be empty`, hint: "Write the answer, or remove the line if the answer is optional." };
    case "maxLength": {
      const length = typeof error.data === "string" ? [...error.data].length : 0;
      return {
        ...base,
        code: "answer.too-long",
        message: `${label} is too long: ${length} characters, at most ${String(p["limit"])} are accepted`,
        hint: "Shorten it; long explanations belong in the technical specifications (CCTP), not in the annex.",
      };
    }
    case "minItems":
      return {
        ...base,
        code: "answer.empty-list",
        message: `${label} must list at least ${String(p["limit"])} item${p["limit"] === 1 ? "" : "s"}`,
        hint: field?.description,
      } as Finding;
    case "maxItems":
      return { ...base, code: "answer.too-many", message: `${label} lists too many items: at most ${String(p["limit"])} are accepted` };
    case "uniqueItems": {
      const list = error.data as unknown[];
      const j = Math.max(Number(p["i"]), Number(p["j"])); // the later of the two copies
      return {
        ...base,
        path: [...path, j],
        code: "answer.duplicate",
        message: `${label} lists ${describeValue(list[j])} twice`,
        hint: "Remove one of the two.",
      };
    }
    case "minimum":
    case "maximum":
      return {
        ...base,
        code: "answer.range",
        message: `${label} must be between ${String(field && "minimum" in field ? (field as { minimum: number }).minimum : "")} and ${String(field && "maximum" in field ? (field as { maximum: number }).maximum : "")}, not ${describeValue(error.data)}`,
      };
    case "format":
      if (p["format"] === "date") {
        return {
          ...base,
          code: "answer.date",
          message: `${label} must be a real calendar date written YYYY-MM-DD, not ${describeValue(error.data)}`,
          hint: "For example 2026-12-01 for 1 December 2026.",
        };
      }
      return { ...base, code: "answer.web-address", message: `${label} must be a web address starting with https://, not ${describeValue(error.data)}` };
    case "pattern":
      if (field?.format === "uri") {
        return { ...base, code: "answer.web-address", message: `${label} must be a web address starting with https:// and without spaces, not ${describeValue(error.data)}` };
      }
      // Forbidden characters in text: already reported, more precisely, when the file was read.
      return { ...base, code: "text.forbidden-character", message: `${label} contains characters that cannot be printed` };
    default:
      return { ...base, code: "answer.invalid", message: `${label}: ${error.message ?? "is not valid"}` };
  }
}

/** `"tender"`, `"components[2]"`: how a section is named in hints. */
const describePath = (path: AnswerPath): string => `"${formatPath(path)}"`;

export function checkSchema(data: unknown): Finding[] {
  const { validate } = answersSchema();
  if (validate(data)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const finding = humanise(error, data);
    if (finding === undefined) continue;
    const key = `${finding.code}|${finding.path.join("/")}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}
