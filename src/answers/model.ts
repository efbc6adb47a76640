/**
 * The answers after validation, with every default applied and every optional answer present (null when not
 * given): what clause conditions and clause templates see. Each requirement family normalises the answers
 * it owns (src/families/); the type is the sum of the families' parts.
 */
import type { BUILT_IN_FAMILIES } from "../families/index.js";
import type { RequirementFamily } from "../families/family.js";

export type { Language } from "../i18n/messages.js";
export { LANGUAGES } from "../i18n/messages.js";
export type { Component } from "../families/components.js";
export type { SbomFormat } from "../families/sbom.js";

type SliceOf<F> = F extends RequirementFamily<infer S> ? S : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Answers = { readonly schemaVersion: 1 } & UnionToIntersection<SliceOf<(typeof BUILT_IN_FAMILIES)[number]>>;

/** Merges the families' parts of the answers (two families may share a section: compliance and sbom). */
export function mergeSlices(target: Record<string, unknown>, slice: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(slice)) {
    const existing = target[key];
    if (existing !== null && typeof existing === "object" && !Array.isArray(existing) && value !== null && typeof value === "object" && !Array.isArray(value)) {
      target[key] = mergeSlices({ ...(existing as Record<string, unknown>) }, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
  return target;
}
