/**
 * What Clausier tells a buyer about their answers: an error (nothing is built) or a warning (the annex is
 * built, but the buyer should look). Each has a stable code (for tools), the answer it is about, where it
 * stands in the file, and a message and hint in the language of the answers.
 */
import type { Path } from "./families/family.js";

export { formatPath } from "./answers/paths.js";

export type Severity = "error" | "warning";

export interface Finding {
  /** Stable identifier of the kind of problem, e.g. `licence.not-acceptable`. */
  readonly code: string;
  readonly severity: Severity;
  /** The answer it is about: ["components", 2, "license"]; empty for the whole file. */
  readonly path: Path;
  /** Plain-language message for a procurement officer. */
  readonly message: string;
  /** What to do about it, where there is something to say. */
  readonly hint?: string;
  /** Point at the key rather than the value (unknown keys). */
  readonly atKey?: boolean;
}

export interface Diagnostic extends Omit<Finding, "path"> {
  /** `components[2].license`; empty for the whole file. */
  readonly path: string;
  readonly file: string;
  /** 1-based; absent when the position is unknown. */
  readonly line?: number;
  readonly column?: number;
}

export function isError(d: { severity: Severity }): boolean {
  return d.severity === "error";
}
