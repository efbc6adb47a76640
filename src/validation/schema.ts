/**
 * Structural validation of an answers file against schemas/answers.schema.json (JSON Schema 2020-12, ajv),
 * with every error turned into a sentence a procurement officer understands, in the language of the
 * answers, naming the answer as the interview does. The schema is the single source of the answers' shape;
 * a registered extension family adds its own slice to it (families/index.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { formatPath, schemaKey } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { Path } from "../families/family.js";
import { extensionSlices, onFamiliesChanged } from "../families/index.js";
import type { Messages } from "../i18n/messages.js";
import { lazyRequire } from "../lazy.js";
import { GENERATED_DIR, schemaFile } from "../paths.js";

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
  readonly maxItems?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly format?: string;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly required?: readonly string[];
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly allOf?: readonly SchemaNode[];
}

type RootSchema = SchemaNode & { $defs: Record<string, SchemaNode>; properties: Record<string, SchemaNode> };

let compiled: { schema: RootSchema; validate: ValidateFunction } | undefined;
let keys: readonly string[] | undefined;
onFamiliesChanged(() => {
  compiled = undefined;
  keys = undefined;
});

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

function compileAnswersSchema(schema: object): ValidateFunction {
  const ajv = new (ajv2020().Ajv2020)({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  ajvFormats().default(ajv, ["date", "uri"]);
  return ajv.compile(schema);
}

/** The answers schema, with the slices of registered families, read and compiled once per process. */
export function answersSchema(): { schema: RootSchema; validate: ValidateFunction } {
  if (compiled === undefined) {
    const slices = extensionSlices();
    if (slices.length === 0) {
      const { text, validate } = schemaValidator("answers.schema.json", "answers-validator.cjs", compileAnswersSchema);
      compiled = { schema: JSON.parse(text) as RootSchema, validate };
    } else {
      const base = JSON.parse(readFileSync(schemaFile("answers.schema.json"), "utf8")) as RootSchema;
      const schema = { ...base, properties: { ...base.properties, ...Object.fromEntries(slices.map((s) => [s.key, s.schema])) } } as RootSchema;
      compiled = { schema, validate: compileAnswersSchema(schema) };
    }
  }
  return compiled;
}

/** The schema of the answer at `path`. */
export function fieldSchema(path: Path): SchemaNode | undefined {
  const { schema } = answersSchema();
  let node: SchemaNode | undefined = schema;
  for (const step of path) {
    if (node === undefined) return undefined;
    node = typeof step === "number" ? node.items : node.properties?.[step];
  }
  return node;
}

/** The field with its `$ref` followed for types and limits, keeping its own title. */
export function resolvedField(path: Path): SchemaNode | undefined {
  const resolve = (node: SchemaNode | undefined): SchemaNode | undefined => {
    if (node?.$ref === undefined) return node;
    const target = answersSchema().schema.$defs[node.$ref.replace("#/$defs/", "")];
    const { $ref: _ref, ...own } = node;
    return { ...resolve(target), ...own };
  };
  return resolve(fieldSchema(path));
}

/**
 * Every path of the schema, objects and items of lists, as schema keys ("components[].license"). Walked once
 * per schema: a file with thousands of unknown answers asks for it once per unknown answer.
 */
export function schemaKeys(): readonly string[] {
  keys ??= walkSchemaKeys();
  return keys;
}

function walkSchemaKeys(): string[] {
  const out: string[] = [];
  const walk = (node: SchemaNode | undefined, path: (string | number)[]): void => {
    if (node === undefined) return;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const next = [...path, key];
      out.push(schemaKey(next));
      walk(child, next);
    }
    if (node.items?.properties) {
      out.push(schemaKey([...path, 0]));
      walk(node.items, [...path, 0]);
    }
  };
  walk(answersSchema().schema, []);
  return out;
}

/** A text that has no limit in the schema is still never longer than this for the rules. */
const UNBOUNDED_TEXT = 10_000;
/** Nor a list longer than this. */
const UNBOUNDED_LIST = 1_000;

/** Whether `text` has more than `limit` characters (code points, as JSON Schema counts), without counting them all. */
function longerThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (const _ of text) if (++count > limit) return true;
  return false;
}

/**
 * The raw answers as the rules may read them: every text and list within the schema's limits. A text longer
 * than its maxLength (a 1.6 MB licence expression) is left out rather than parsed, a list longer than its
 * maxItems is cut to it, and answers the schema does not know are left out: the schema has already reported
 * each of these, and a rule that parsed or compared them would take time that grows with the file (or its
 * square) for a file that can never be valid. Rules run even where the schema found errors, so that every
 * problem is reported at once; this view is what keeps that affordable.
 */
export function withinLimits(data: unknown): unknown {
  const { schema } = answersSchema();
  const resolve = (node: SchemaNode | undefined): SchemaNode | undefined => {
    if (node?.$ref === undefined) return node;
    const { $ref, ...own } = node;
    return { ...resolve(schema.$defs[$ref.replace("#/$defs/", "")]), ...own };
  };
  const walk = (value: unknown, raw: SchemaNode | undefined): unknown => {
    const node = resolve(raw);
    if (typeof value === "string") return longerThan(value, node?.maxLength ?? UNBOUNDED_TEXT) ? undefined : value;
    if (Array.isArray(value)) {
      const items = value.slice(0, node?.maxItems ?? UNBOUNDED_LIST);
      return items.map((item) => walk(item, node?.items));
    }
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      const record = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(node?.properties ?? {})) {
        if (!Object.hasOwn(record, key)) continue;
        const kept = walk(record[key], child);
        if (kept !== undefined) out[key] = kept;
      }
      return out;
    }
    return value;
  };
  return walk(data, schema);
}

/** Where else in the schema an answer of this name exists (`issueDate` at the top → tender.issueDate). */
function elsewhere(name: string, notUnder: Path): string[] {
  const here = schemaKey(notUnder);
  return schemaKeys().filter((k) => (k === name || k.endsWith(`.${name}`) || k.endsWith(`]${name}`)) && !k.startsWith(`${here}.`) && k !== `${here}.${name}`);
}

/** How a field is named and explained, in a language: the schema's words in English, the messages' otherwise. */
export function fieldWords(path: Path, t: Messages): { title: string; description: string } {
  // An item of a list of texts (a need, a foundation) is named by its list.
  const own = typeof path[path.length - 1] === "number" && fieldSchema(path)?.properties === undefined ? path.slice(0, -1) : path;
  const key = schemaKey(own);
  if (t.language !== "en" && t.has(`fields.${key}.title`)) {
    return { title: t.dynamic(`fields.${key}.title`), description: t.has(`fields.${key}.description`) ? t.dynamic(`fields.${key}.description`) : "" };
  }
  const node = fieldSchema(own);
  return { title: node?.title ?? key, description: node?.description ?? "" };
}

/** "Component licence" for ["components", 2, "license"]; the key where the schema has no title. */
export function labelOf(path: Path, t: Messages): string {
  if (path.length === 0) return t("findings.file.whole");
  return fieldWords(path, t).title;
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

/** Text a message quotes, cut to a readable length: a message never repeats a whole page of the file. */
export function quotable(text: string, limit = 80): string {
  if (!longerThan(text, limit)) return text;
  let out = "";
  let count = 0;
  for (const ch of text) {
    if (++count > limit) break;
    out += ch;
  }
  return `${out}…`;
}

/** A value as a message quotes it: text in quotes, a list or a section named. */
export function describeValue(value: unknown, t: Messages): string {
  if (value === null) return t("findings.value.empty");
  if (Array.isArray(value)) return t("findings.value.list");
  if (typeof value === "object") return t("findings.value.section");
  if (typeof value === "string") return t("findings.value.text", { text: quotable(value) });
  return String(value);
}

function nearest(value: unknown, candidates: readonly string[]): string | undefined {
  if (typeof value !== "string" || candidates.length === 0) return undefined;
  const near = levenshtein().closest(value, [...candidates]);
  return near !== undefined && levenshtein().distance(value.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(value.length / 3)) ? near : undefined;
}

/** What a value should look like, for the message about a missing or empty one. */
function expectedForm(field: SchemaNode | undefined, t: Messages): string | undefined {
  if (field === undefined) return undefined;
  if (field.format === "date") return t("findings.form.date");
  if (field.format === "uri") return t("findings.form.web-address");
  if (field.enum !== undefined) return t("findings.form.choice", { choices: field.enum.map(String).join(", ") });
  if (field.type === "boolean") return t("findings.form.boolean");
  if (field.type === "integer" || field.type === "number") return t("findings.form.number", { min: field.minimum ?? field.exclusiveMinimum ?? 0, max: field.maximum ?? 0 });
  if (field.type === "array") return t("findings.form.list");
  return undefined;
}

/** `"tender"`, `"components[2]"`: how a section is named in hints. */
const sectionName = (path: Path): string => formatPath(path);

function humanise(error: ErrorObject, data: unknown, t: Messages): Finding | undefined {
  const path = pointerToPath(error.instancePath, data);
  const label = labelOf(path, t);
  const field = resolvedField(path);
  const base = { severity: "error" as const, path };
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "if":
      return undefined; // The `then` branch's own error says what is missing.
    case "required": {
      const missing = String(p["missingProperty"]);
      const childPath = [...path, missing];
      const childField = resolvedField(childPath);
      const form = expectedForm(childField, t);
      const where = path.length > 0 ? t("findings.answer.missing.under", { section: sectionName(path) }) : t("findings.answer.missing.top");
      return {
        ...base,
        path: childPath,
        code: "answer.missing",
        message: t("findings.answer.missing.message", { label: labelOf(childPath, t) }),
        hint: t("findings.answer.missing.hint", { key: missing, where, form: form ?? "", description: fieldWords(childPath, t).description }),
      };
    }
    case "additionalProperties": {
      const extra = String(p["additionalProperty"]);
      const shown = quotable(extra);
      const known = Object.keys(field?.properties ?? {});
      const near = nearest(extra, known);
      const moved = near === undefined ? elsewhere(extra, path) : [];
      return {
        ...base,
        path: [...path, extra],
        atKey: true,
        code: "answer.unknown",
        message: path.length > 0 ? t("findings.answer.unknown.message-in", { key: shown, section: sectionName(path) }) : t("findings.answer.unknown.message", { key: shown }),
        hint:
          near !== undefined
            ? t("findings.hint.did-you-mean", { suggestion: near })
            : moved.length > 0
              ? t("findings.answer.unknown.hint-moved", { places: t.list(moved, "or") })
              : t("findings.answer.unknown.hint-known", { keys: known.join(", ") }),
      };
    }
    case "type": {
      const expected = String(p["type"]);
      const value = error.data;
      let hint: string | undefined;
      if (expected === "boolean" && typeof value === "string") hint = t("findings.answer.type.hint-boolean", { value: quotable(value) });
      else if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) hint = t("findings.answer.type.hint-quote", { value: String(value) });
      else if (expected === "array" && typeof value === "string") hint = t("findings.answer.type.hint-list", { value: quotable(value) });
      return {
        ...base,
        code: "answer.type",
        message: t("findings.answer.type.message", { label, expected: t.has(`findings.type.${expected}`) ? t.dynamic(`findings.type.${expected}`) : expected, value: describeValue(value, t) }),
        ...(hint !== undefined ? { hint } : {}),
      };
    }
    case "enum": {
      const allowed = (p["allowedValues"] as unknown[]).map(String);
      const near = nearest(error.data, allowed);
      return {
        ...base,
        code: "answer.choice",
        message: t("findings.answer.choice.message", { label, choices: allowed.join(", "), value: describeValue(error.data, t) }),
        hint: near !== undefined ? t("findings.hint.did-you-mean", { suggestion: near }) : fieldWords(path, t).description || t("findings.answer.choice.hint", { choices: allowed.join(", ") }),
      };
    }
    case "const":
      return {
        ...base,
        code: "answer.choice",
        message: t("findings.answer.const.message", { label, expected: String(p["allowedValue"]), value: describeValue(error.data, t) }),
        ...(path[0] === "schemaVersion" ? { hint: t("findings.answer.const.hint-version") } : {}),
      };
    case "minLength": {
      // An empty answer: say that it is required, and what it should look like.
      const form = expectedForm(field, t);
      return { ...base, code: "answer.empty", message: t("findings.answer.empty.message", { label }), hint: form ?? t("findings.answer.empty.hint") };
    }
    case "maxLength": {
      const length = typeof error.data === "string" ? [...error.data].length : 0;
      return { ...base, code: "answer.too-long", message: t("findings.answer.too-long.message", { label, length, limit: Number(p["limit"]) }), hint: t("findings.answer.too-long.hint") };
    }
    case "minItems":
      return { ...base, code: "answer.empty-list", message: t("findings.answer.empty-list.message", { label, limit: Number(p["limit"]) }), hint: fieldWords(path, t).description };
    case "maxItems":
      return { ...base, code: "answer.too-many", message: t("findings.answer.too-many.message", { label, limit: Number(p["limit"]) }) };
    case "uniqueItems": {
      const items = error.data as unknown[];
      const j = Math.max(Number(p["i"]), Number(p["j"])); // the later of the two copies
      return { ...base, path: [...path, j], code: "answer.duplicate", message: t("findings.answer.duplicate.message", { label, value: describeValue(items[j], t) }), hint: t("findings.answer.duplicate.hint") };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        ...base,
        code: "answer.range",
        message: t("findings.answer.range.message", {
          label,
          min: field?.minimum ?? field?.exclusiveMinimum ?? 0,
          max: field?.maximum ?? 0,
          exclusive: field?.exclusiveMinimum !== undefined ? "yes" : "no",
          value: describeValue(error.data, t),
        }),
      };
    case "multipleOf":
      return { ...base, code: "answer.type", message: t("findings.answer.type.message", { label, expected: t("findings.type.integer"), value: describeValue(error.data, t) }) };
    case "format":
      if (p["format"] === "date") {
        return { ...base, code: "answer.date", message: t("findings.answer.date.message", { label, value: describeValue(error.data, t) }), hint: t("findings.answer.date.hint") };
      }
      return { ...base, code: "answer.web-address", message: t("findings.answer.web-address.message", { label, value: describeValue(error.data, t) }) };
    case "pattern":
      if (field?.format === "uri") return { ...base, code: "answer.web-address", message: t("findings.answer.web-address.message", { label, value: describeValue(error.data, t) }) };
      if (field?.pattern === "^[A-Z]{3}$") {
        return { ...base, code: "answer.currency", message: t("findings.answer.currency.message", { label, value: describeValue(error.data, t) }), hint: t("findings.answer.currency.hint") };
      }
      // Forbidden characters in text: already reported, more precisely, when the file was read.
      return { ...base, code: "text.forbidden-character", message: t("findings.text.unprintable", { label }) };
    default:
      return { ...base, code: "answer.invalid", message: t("findings.answer.invalid.message", { label, problem: error.message ?? "" }) };
  }
}

export function checkSchema(data: unknown, t: Messages): Finding[] {
  const { validate } = answersSchema();
  if (validate(data)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const finding = humanise(error, data, t);
    if (finding === undefined) continue;
    const key = `${finding.code}|${finding.path.join("/")}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}
