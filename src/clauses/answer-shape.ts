/**
 * What a clause template can rely on in the answers it is rendered with: the normalised answers (every
 * default applied, every optional answer present, null when not given). Templates are checked against the
 * answers of the sparsest file the schema allows (only the required answers, and one item in each list of
 * sections), normalised by the families as any file is: an answer null there may be empty in an annex, and
 * an answer of the schema absent there is one templates never see (Handlebars' strict mode would stop on it).
 * The schema's own conditions (`if` an answer is given a value, `then` others are required) are applied on
 * top, from what a clause's condition and its enclosing {{#if}} blocks establish.
 */
import { normaliseAnswers } from "../answers/normalise.js";
import type { Path } from "../families/family.js";
import { onFamiliesChanged } from "../families/index.js";
import { answersSchema, resolvedField, type SchemaNode } from "../validation/schema.js";

let shape: { readonly value: unknown } | undefined;
onFamiliesChanged(() => (shape = undefined));

/** A value of the schema's type: the first choice, the minimum, a date, a word. */
function sample(node: SchemaNode | undefined, defs: Record<string, SchemaNode>, depth: number): unknown {
  const resolved = resolve(node, defs);
  if (resolved === undefined || depth > 16) return undefined;
  if (resolved.const !== undefined) return resolved.const;
  if (resolved.enum !== undefined) return resolved.enum[0];
  switch (resolved.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of resolved.required ?? []) out[key] = sample(resolved.properties?.[key], defs, depth + 1);
      // One item in each list of sections, so that the answers of an item can be looked at.
      for (const [key, child] of Object.entries(resolved.properties ?? {})) {
        const c = resolve(child, defs);
        if (!(key in out) && c?.type === "array" && resolve(c.items, defs)?.type === "object") out[key] = [sample(c.items, defs, depth + 1)];
      }
      return out;
    }
    case "array": {
      const item = resolve(resolved.items, defs);
      return item?.type === "object" ? [sample(item, defs, depth + 1)] : [];
    }
    case "boolean":
      return false;
    case "integer":
    case "number":
      return resolved.minimum ?? (resolved.exclusiveMinimum !== undefined ? resolved.exclusiveMinimum + 1 : 1);
    default:
      return resolved.format === "date" ? "2026-01-01" : "x";
  }
}

function resolve(node: SchemaNode | undefined, defs: Record<string, SchemaNode>): SchemaNode | undefined {
  if (node?.$ref === undefined) return node;
  const { $ref, ...own } = node;
  return { ...resolve(defs[$ref.replace("#/$defs/", "")], defs), ...own };
}

/** The normalised sparsest answers; undefined when a family cannot normalise them (then nothing is assumed). */
export function normalisedShape(): unknown {
  if (shape === undefined) {
    const { schema } = answersSchema();
    let value: unknown;
    try {
      value = normaliseAnswers(sample(schema, schema.$defs, 0));
    } catch {
      value = undefined;
    }
    shape = { value };
  }
  return shape.value;
}

/** The value at a path of the shape (any item of a list is its first); "absent" when the shape has no such answer. */
export function shapeAt(path: Path): unknown {
  let cursor = normalisedShape();
  if (cursor === undefined) return undefined;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(cursor)) return ABSENT;
      // A list of plain values is empty in the shape: its items are there whenever the list is.
      if (cursor.length === 0) return undefined;
      cursor = cursor[0];
    } else {
      if (cursor === null || typeof cursor !== "object" || Array.isArray(cursor) || !Object.hasOwn(cursor, step)) return ABSENT;
      cursor = (cursor as Record<string, unknown>)[step];
    }
  }
  return cursor;
}
export const ABSENT = Symbol("absent");

/** What is known about an answer where a template uses it. */
export type Fact = { readonly kind: "value"; readonly value: unknown } | { readonly kind: "truthy" } | { readonly kind: "present" };
export type Facts = ReadonlyMap<string, Fact>;

export const factKey = (path: Path): string => path.map((s) => (typeof s === "number" ? "0" : s)).join(".");

/** Whether the answer at `path` is never null where these facts hold. */
export function neverEmpty(path: Path, facts: Facts): boolean {
  if (facts.has(factKey(path))) return true;
  const value = shapeAt(path);
  if (value !== null && value !== ABSENT && normalisedShape() !== undefined) {
    // undefined: an item of a list of plain values, present whenever the list is.
    return true;
  }
  // The schema's conditions: `if` the section's answers have these values, `then` these are required.
  const leaf = path[path.length - 1];
  if (typeof leaf !== "string") return false;
  const parent = path.slice(0, -1);
  const section = parent.length === 0 ? answersSchema().schema : resolvedField(parent);
  const conditionals = [section, ...(section?.allOf ?? [])].filter((n): n is SchemaNode & { if: SchemaNode; then: SchemaNode } => n?.if !== undefined && n.then !== undefined);
  return conditionals.some((c) => {
    const given = Object.entries(c.if.properties ?? {});
    return (
      given.length > 0 &&
      given.every(([key, node]) => {
        const fact = facts.get(factKey([...parent, key]));
        if (node.const === undefined || fact === undefined) return false;
        return (fact.kind === "value" && fact.value === node.const) || (fact.kind === "truthy" && node.const === true);
      }) &&
      (c.then.required ?? []).includes(leaf)
    );
  });
}
