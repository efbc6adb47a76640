/**
 * What Clausier tells a buyer about their answers: an error (nothing is built) or a warning (the annex is
 * built, but the buyer should look). Each has a stable code, the answer it is about and where it stands in
 * the file.
 */
export type Severity = "error" | "warning";

/** Path of an answer inside the answers file: ["components", 2, "license"]. */
export type AnswerPath = readonly (string | number)[];

export interface Finding {
  /** Stable identifier of the kind of problem, e.g. `licence.not-allowed`. */
  readonly code: string;
  readonly severity: Severity;
  readonly path: AnswerPath;
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

/** `["components", 2, "license"]` → `components[2].license`. */
export function formatPath(path: AnswerPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export function isError(d: { severity: Severity }): boolean {
  return d.severity === "error";
}
