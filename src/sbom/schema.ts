/**
 * Checking an SBOM against the official JSON Schema of its format, with ajv, in time linear in its size:
 *
 *  - CycloneDX 1.4–1.6 (the schemas shipped by @cyclonedx/cyclonedx-library, Apache-2.0): ajv checks
 *    `uniqueItems` by comparing every pair of items, which takes minutes on 50,000 components. The schema
 *    is compiled with each `uniqueItems: true` replaced by a keyword of Clausier's that finds the same
 *    duplicates by hashing each item's canonical JSON (keys sorted, as ajv's deep equality ignores key
 *    order) into a set, and reports them as ajv would ("items 3 and 7 are identical").
 *  - SPDX 2.2 and 2.3 (schemas/sbom/, see its README): as published; 2.3 documents are checked against the
 *    latest 2.3.x schema (2.3.1).
 *  - SPDX 3.0 (the 3.0.1 schema): its @graph items must match an `anyOf` of every class, where ajv, asked
 *    for all errors, collects every class's errors for every element (minutes and gigabytes on an invalid
 *    document) and then names properties of unrelated classes. Each element is instead checked against the
 *    schema of its own `type` (the same subschema the anyOf would have matched), stopping at its first
 *    problem, so that the report names the element (index, type, spdxId) and the property at fault. An
 *    element of an unknown type is checked against the whole anyOf, stopping at the first problem.
 *
 * Problems are counted in full; the first MAX_LISTED are kept to be shown.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import stringify from "safe-stable-stringify";
import { schemaFile } from "../paths.js";
import type { SbomFormat } from "./read.js";

/** One problem against the schema, in words the messages can say in any language (sbom.finding.schema-<keyword>). */
export interface SchemaProblem {
  /** Where in the document: a path (`components[3].licenses[0]`) or an SPDX 3 element with the property inside it. */
  readonly where: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** For a value that matches none of the forms an anyOf/oneOf allows: what is wrong against the closest one. */
  readonly closest?: SchemaProblem;
}

export interface SchemaCheck {
  /** What the document was checked against: the official JSON Schema of a format and version (sbom.schema.<kind>). */
  readonly against: { readonly kind: "official"; readonly format: "CycloneDX" | "SPDX"; readonly version: string };
  /** The first MAX_LISTED problems. */
  readonly problems: readonly SchemaProblem[];
  /** Every problem found (SPDX 3: one per element at fault, the first of each). */
  readonly count: number;
}

/** Problems kept to be listed; the rest are only counted. */
export const MAX_LISTED = 100;

const require = createRequire(import.meta.url);
const validators = new Map<string, ValidateFunction>();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of a schema with `uniqueItems: true` replaced by Clausier's hashing keyword (iterative walk). */
function hashedUniqueItems(schema: Json): Json {
  const root = structuredClone(schema);
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === "object") {
      if (node["uniqueItems"] === true) {
        delete node["uniqueItems"];
        node["x-clausier-unique-items"] = true;
      }
      for (const value of Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
    }
  }
  return root;
}

/** Clausier's `uniqueItems`: a set of canonical JSON texts, linear in the items; ajv's own error on a duplicate. */
function addHashedUniqueItems(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: "x-clausier-unique-items",
    type: "array",
    schemaType: "boolean",
    errors: true,
    validate: function unique(this: unknown, _schema: boolean, data: unknown[]): boolean {
      const seen = new Map<string, number>();
      for (let i = 0; i < data.length; i++) {
        const item = data[i];
        const key = item !== null && typeof item === "object" ? `o${stringify(item) ?? ""}` : `${typeof item}:${String(item)}`;
        const j = seen.get(key);
        if (j !== undefined) {
          (unique as unknown as { errors: Partial<ErrorObject>[] }).errors = [{ keyword: "uniqueItems", params: { i, j }, message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)` }];
          return false;
        }
        seen.set(key, i);
      }
      return true;
    },
  });
}

function cyclonedxValidator(version: string): ValidateFunction {
  let validate = validators.get(`cyclonedx-${version}`);
  if (validate) return validate;
  const dir = join(dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
  const read = (name: string): Json => hashedUniqueItems(JSON.parse(readFileSync(join(dir, name), "utf8")) as Json);
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    logger: false,
    schemas: {
      "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json": read("spdx.SNAPSHOT.schema.json") as object,
      "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json": read("jsf-0.82.SNAPSHOT.schema.json") as object,
    },
  });
  addFormats.default(ajv);
  ajv.addFormat("iri-reference", true);
  ajv.addFormat("idn-email", true);
  addHashedUniqueItems(ajv);
  validate = ajv.compile(read(`bom-${version}.SNAPSHOT.schema.json`) as object);
  validators.set(`cyclonedx-${version}`, validate);
  return validate;
}

type AjvClass = typeof Ajv | typeof Ajv2019 | typeof Ajv2020;

function spdxSchema(name: string): { schema: Json & { $schema?: string }; ajv: Ajv } | undefined {
  const file = schemaFile(join("sbom", name));
  // The schemas are part of Clausier (schemas/sbom/): one missing is a broken installation.
  if (!existsSync(file)) throw new Error(`${file} is missing: reinstall Clausier`);
  const schema = hashedUniqueItems(JSON.parse(readFileSync(file, "utf8")) as Json) as Json & { $schema?: string };
  const draft = typeof schema === "object" && schema !== null && !Array.isArray(schema) ? String(schema["$schema"] ?? "") : "";
  const Class: AjvClass = /2020-12/.test(draft) ? Ajv2020 : /2019-09/.test(draft) ? Ajv2019 : Ajv;
  const ajv = new Class({ strict: false, allErrors: !/2020-12/.test(draft), logger: false, validateSchema: false });
  addFormats.default(ajv);
  for (const format of ["iri", "iri-reference", "idn-email", "idn-hostname"]) ajv.addFormat(format, true);
  addHashedUniqueItems(ajv);
  return { schema, ajv };
}

function spdx2Validator(name: string): ValidateFunction | undefined {
  const cached = validators.get(name);
  if (cached) return cached;
  const loaded = spdxSchema(name);
  if (loaded === undefined) return undefined;
  const validate = loaded.ajv.compile(loaded.schema as object);
  validators.set(name, validate);
  return validate;
}

// ——— Problems in words ——————————————————————————————————————————————————————————————————

/** `/components/3/licenses/0` → `components[3].licenses[0]`. */
export function pathWords(pointer: string, prefix = ""): string {
  let out = prefix;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

const short = (value: unknown): string => {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

function problemOf(e: ErrorObject, where: string, data: unknown): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  const value = valueAt(data, e.instancePath);
  switch (e.keyword) {
    case "required":
      return { where, keyword: "required", params: { property: String(p["missingProperty"]) } };
    case "additionalProperties":
      return { where, keyword: "additional", params: { property: String(p["additionalProperty"]) } };
    case "unevaluatedProperties":
      return { where, keyword: "additional", params: { property: String(p["unevaluatedProperty"]) } };
    case "type":
      return { where, keyword: "type", params: { type: String(p["type"]) } };
    case "enum": {
      const allowed = (p["allowedValues"] as unknown[] | undefined) ?? [];
      return { where, keyword: "enum", params: { value: short(value), allowed: allowed.slice(0, 6).map(short).join(", "), more: Math.max(0, allowed.length - 6) } };
    }
    case "const":
      return { where, keyword: "const", params: { value: short(value), expected: short(p["allowedValue"]) } };
    case "pattern":
      return { where, keyword: "pattern", params: { value: short(value), pattern: String(p["pattern"]) } };
    case "format":
      return { where, keyword: "format", params: { value: short(value), format: String(p["format"]) } };
    case "uniqueItems":
      return { where, keyword: "unique", params: { first: Number(p["j"]), second: Number(p["i"]) } };
    case "minItems":
    case "maxItems":
    case "minLength":
    case "maxLength":
    case "minimum":
    case "maximum":
    case "minProperties":
    case "maxProperties":
      return { where, keyword: e.keyword, params: { limit: Number(p["limit"]) } };
    case "anyOf":
    case "oneOf":
      return { where, keyword: "any-of", params: {} };
    default:
      return { where, keyword: "other", params: { rule: e.keyword } };
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split("/").slice(1)) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * ajv's errors → problems: the errors of the branches of a failed anyOf/oneOf are folded into it (keeping
 * the deepest branch error as its closest form, the likeliest meant), so that each problem is one fault.
 * ajv reports a branch's errors just before the anyOf/oneOf error they belong to, so one pass with a stack
 * folds them (linear in the errors).
 */
function problemsOf(errors: readonly ErrorObject[], data: unknown, where: (pointer: string) => string, out: { list: SchemaProblem[]; count: number }): void {
  const isBranch = (e: ErrorObject, of: ErrorObject): boolean => e.instancePath.startsWith(of.instancePath) && e.schemaPath.startsWith(`${of.schemaPath}/`);
  const items: { error: ErrorObject; deepest: ErrorObject | undefined }[] = [];
  for (const e of errors) {
    if (e.keyword === "anyOf" || e.keyword === "oneOf") {
      let deepest: ErrorObject | undefined;
      while (items.length > 0 && isBranch(items[items.length - 1]!.error, e)) {
        const folded = items.pop()!;
        for (const candidate of [folded.deepest, folded.error.keyword === "anyOf" || folded.error.keyword === "oneOf" || folded.error.keyword === "if" ? undefined : folded.error]) {
          if (candidate !== undefined && (deepest === undefined || candidate.instancePath.length >= deepest.instancePath.length)) deepest = candidate;
        }
      }
      items.push({ error: e, deepest });
    } else items.push({ error: e, deepest: undefined });
  }
  for (const { error, deepest } of items) {
    if (error.keyword === "if") continue;
    out.count++;
    if (out.list.length >= MAX_LISTED) continue;
    const problem = problemOf(error, where(error.instancePath), data);
    out.list.push(problem.keyword === "any-of" && deepest !== undefined ? { ...problem, closest: problemOf(deepest, where(deepest.instancePath), data) } : problem);
  }
}

// ——— SPDX 3 —————————————————————————————————————————————————————————————————————————————

const SPDX3_CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
/** The 3.0.0 context: SPDX 3.0.0 has no JSON Schema of its own; its documents are checked against 3.0.1's. */
export const SPDX300_CONTEXT = "https://spdx.org/rdf/3.0.0/spdx-context.jsonld";

interface Spdx3 {
  readonly classes: ReadonlySet<string>;
  element(type: string | undefined): ValidateFunction;
}
let spdx3: Spdx3 | undefined | null;

function spdx3Validators(): Spdx3 | undefined {
  if (spdx3 !== undefined) return spdx3 ?? undefined;
  const loaded = spdxSchema("spdx-3.0.1.schema.json");
  if (loaded === undefined) {
    spdx3 = null;
    return undefined;
  }
  const schema = loaded.schema as { $defs: Record<string, { anyOf?: { $ref: string }[] }> };
  loaded.ajv.addSchema({ ...(schema as object), $id: "spdx-3.0.1" });
  const classes = new Set((schema.$defs["AnyClass"]?.anyOf ?? []).map((r) => r.$ref.replace("#/$defs/", "")));
  const compiled = new Map<string, ValidateFunction>();
  spdx3 = {
    classes,
    element(type) {
      const key = type !== undefined && classes.has(type) ? type : "AnyClass";
      let validate = compiled.get(key);
      if (validate === undefined) {
        // The schema of one @graph item, as the official schema writes it, for one class.
        validate = loaded.ajv.compile({ type: "object", $ref: `spdx-3.0.1#/$defs/${key}`, unevaluatedProperties: false });
        compiled.set(key, validate);
      }
      return validate;
    },
  };
  return spdx3;
}

function spdx3Problems(data: Record<string, unknown>, v: Spdx3): { list: SchemaProblem[]; count: number } {
  const out = { list: [] as SchemaProblem[], count: 0 };
  const add = (problem: SchemaProblem): void => {
    out.count++;
    if (out.list.length < MAX_LISTED) out.list.push(problem);
  };
  const context = data["@context"];
  if (context !== SPDX3_CONTEXT && context !== SPDX300_CONTEXT) add({ where: "@context", keyword: "const", params: { value: short(context), expected: SPDX3_CONTEXT } });
  const graph = data["@graph"];
  const elements: unknown[] = Array.isArray(graph) ? graph : [];
  if (graph === undefined) {
    // The other form the schema allows: the document is one element.
    const { "@context": _context, ...element } = data;
    elements.push(element);
  } else if (!Array.isArray(graph)) add({ where: "@graph", keyword: "type", params: { type: "array" } });
  for (const key of Object.keys(data)) if (key !== "@context" && key !== "@graph" && graph !== undefined) add({ where: "", keyword: "additional", params: { property: key } });
  elements.forEach((e, i) => {
    const where = (pointer: string): string => {
      const obj = e !== null && typeof e === "object" && !Array.isArray(e) ? (e as Record<string, unknown>) : {};
      const type = typeof obj["type"] === "string" ? obj["type"] : "?";
      const id = typeof obj["spdxId"] === "string" ? obj["spdxId"] : typeof obj["@id"] === "string" ? obj["@id"] : "";
      return `@graph[${i}] (${short(type)}${id !== "" ? ` ${short(id)}` : ""})${pathWords(pointer, "") === "" ? "" : `: ${pathWords(pointer, "")}`}`;
    };
    const type = e !== null && typeof e === "object" ? (e as Record<string, unknown>)["type"] : undefined;
    // A type that is neither a class of the schema nor an IRI (an extension class) is the fault itself: said
    // as the schema's own check of `type` would say it, rather than by the first class of the anyOf.
    if (typeof type === "string" && !v.classes.has(type) && !/^(?!_:).+:.+/.test(type)) {
      const classes = [...v.classes];
      add({ where: where("/type"), keyword: "enum", params: { value: type, allowed: classes.slice(0, 6).join(", "), more: classes.length - 6 } });
      return;
    }
    const validate = v.element(typeof type === "string" ? type : undefined);
    if (validate(e)) return;
    const before = out.count;
    const sub = { list: [] as SchemaProblem[], count: 0 };
    problemsOf(validate.errors ?? [], e, where, sub);
    // One problem per element: its first.
    const first = sub.list[0];
    if (first !== undefined) add(first);
    if (out.count === before) add({ where: where(""), keyword: "other", params: { rule: "schema" } });
  });
  return out;
}

// ——— The check ——————————————————————————————————————————————————————————————————————————

export function checkSbomSchema(format: SbomFormat, data: unknown): SchemaCheck {
  if (format.startsWith("cyclonedx-")) {
    const version = format.replace("cyclonedx-", "");
    const validate = cyclonedxValidator(version);
    const out = { list: [] as SchemaProblem[], count: 0 };
    if (!validate(data)) problemsOf(validate.errors ?? [], data, (p) => pathWords(p), out);
    return { against: { kind: "official", format: "CycloneDX", version }, problems: out.list, count: out.count };
  }
  if (format === "spdx-3.0") {
    const v = spdx3Validators();
    const against = { kind: "official" as const, format: "SPDX" as const, version: "3.0.1" };
    if (v === undefined || data === null || typeof data !== "object" || Array.isArray(data)) return { against, problems: [], count: 0 };
    const out = spdx3Problems(data as Record<string, unknown>, v);
    return { against, problems: out.list, count: out.count };
  }
  // SPDX 2.3 documents are checked against the latest 2.3.x schema.
  const version = format === "spdx-2.3" ? "2.3.1" : format.replace("spdx-", "");
  const validate = spdx2Validator(`spdx-${version}.schema.json`);
  if (validate === undefined) throw new Error(`the SPDX ${version} schema is missing`);
  const out = { list: [] as SchemaProblem[], count: 0 };
  if (!validate(data)) problemsOf(validate.errors ?? [], data, (p) => pathWords(p), out);
  return { against: { kind: "official", format: "SPDX", version }, problems: out.list, count: out.count };
}
