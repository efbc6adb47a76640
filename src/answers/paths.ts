/**
 * Paths to answers, typed from the answers file's types (generated from schemas/answers.schema.json): the
 * compiler checks each step of `["components", 2, "license"]`, so renaming an answer in the schema breaks the
 * build wherever the code names it.
 */
import type { RawAnswers } from "../generated/answers.js";

export type { RawAnswers } from "../generated/answers.js";

type Step = string | number;

/** Every path into T, as a tuple of steps: keys of objects, numbers for items of lists. */
export type PathOf<T> = T extends readonly (infer Item)[]
  ? [number] | [number, ...PathOf<Item>]
  : T extends object
    ? { [K in keyof T & string]-?: [K] | [K, ...PathOf<NonNullable<T[K]>>] }[keyof T & string]
    : never;

/** A path to an answer of the answers file. */
export type AnswerPath = PathOf<RawAnswers>;

/** The value at a path of T. */
export type ValueAt<T, P extends readonly Step[]> = P extends readonly [infer Head, ...infer Rest extends Step[]]
  ? T extends readonly (infer Item)[]
    ? Head extends number
      ? ValueAt<Item, Rest>
      : never
    : Head extends keyof NonNullable<T>
      ? ValueAt<NonNullable<T>[Head], Rest>
      : never
  : T;

/** A path, checked by the compiler, as the plain list of steps the rest of the code passes around. */
export function answerPath<const P extends AnswerPath>(...steps: P): P {
  return steps;
}

/** The value at a path of any data (raw answers that may be invalid elsewhere): undefined where it stops. */
export function valueAt(data: unknown, path: readonly Step[]): unknown {
  let cursor = data;
  for (const step of path) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string | number, unknown>)[step];
  }
  return cursor;
}

/** `["components", 2, "license"]` → `components[2].license`. */
export function formatPath(path: readonly Step[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** `components[2].license` → `["components", 2, "license"]`. */
export function parsePath(path: string): Step[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== "")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `components[2].license` → `components[].license`: the path in the schema, any item of a list. */
export function schemaKey(path: readonly Step[]): string {
  return formatPath(path.map((p) => (typeof p === "number" ? 0 : p))).replace(/\[0\]/g, "[]");
}
