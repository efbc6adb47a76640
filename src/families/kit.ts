/**
 * Small tools the families share: reading raw answers defensively (a rule runs even where the schema found
 * the answers wrong elsewhere, so that every problem is reported in one run), and changing a draft.
 */
import { valueAt, type AnswerPath } from "../answers/paths.js";
import type { Draft, Path } from "./family.js";

/** The raw answer at a path of the answers file; the compiler checks the path against the schema. */
export const at = (data: unknown, path: Readonly<AnswerPath>): unknown => valueAt(data, path);

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const strings = (v: unknown): string[] => list(v).filter((x): x is string => typeof x === "string");
export const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Sets (or, with undefined, removes) the answer at `path`, making the sections on the way. */
export function setAt(draft: Draft, path: Path, value: unknown): void {
  let cursor: Record<string | number, unknown> = draft;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      if (value === undefined) {
        if (Array.isArray(cursor) && typeof step === "number") cursor.splice(step, 1);
        else delete cursor[step];
      } else {
        cursor[step] = value;
      }
      return;
    }
    const next = path[i + 1];
    if (cursor[step] === undefined || cursor[step] === null || typeof cursor[step] !== "object") cursor[step] = typeof next === "number" ? [] : {};
    cursor = cursor[step] as Record<string | number, unknown>;
  });
}

/** Removes a section when nothing is left in it. */
export function dropIfEmpty(draft: Draft, key: string): void {
  const section = record(draft[key]);
  if (section !== undefined && Object.keys(section).length === 0) delete draft[key];
}
