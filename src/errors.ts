/**
 * The errors the core raises, in one module with no dependencies, so that the command line's error
 * boundary can tell them apart without loading the modules that raise them (start-up time).
 */

/** A problem of the clause library: one finding per file at fault. */
export interface LibraryFinding {
  readonly severity: "error" | "warning";
  readonly file: string;
  readonly message: string;
}

export class LibraryError extends Error {
  override readonly name = "LibraryError";
  constructor(
    readonly findings: readonly LibraryFinding[],
    /** Whether the faults are in an organisation's overlay (the user's to fix) rather than in Clausier. */
    readonly inOverlay: boolean,
  ) {
    super(
      `the clause library has ${findings.length} problem${findings.length === 1 ? "" : "s"}:\n${findings.map((f) => `  ${f.file}: ${f.message}`).join("\n")}`,
    );
  }
}

/**
 * A clause's text could not be rendered with these answers. `clauses lint` refuses every template that could
 * fail; this is the last guard: a clause of an organisation's overlay is the overlay's fault (exit 2), a
 * built-in one is Clausier's (exit 3). The cause is kept for the report, never printed as the message.
 */
export class ClauseRenderError extends Error {
  override readonly name = "ClauseRenderError";
  constructor(
    readonly clause: { readonly id: string; readonly file: string; readonly overlay: boolean },
    override readonly cause: unknown,
  ) {
    super(`the clause ${clause.id} (${clause.file}) cannot be rendered: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The annex would include clauses that are not approved, and drafts were not allowed. */
export class UnapprovedClausesError extends Error {
  override readonly name = "UnapprovedClausesError";
  constructor(readonly clauses: readonly { readonly id: string; readonly status: string; readonly file: string }[]) {
    super(
      `the annex would include clause${clauses.length === 1 ? "" : "s"} that ${clauses.length === 1 ? "is" : "are"} not approved: ${clauses
        .map((c) => `${c.id} (${c.status}, ${c.file})`)
        .join(", ")}`,
    );
  }
}

/** A generated Word file failed the validity gate: a fault of Clausier, never published. */
export class AnnexValidityError extends Error {
  override readonly name = "AnnexValidityError";
  constructor(readonly problems: readonly string[]) {
    super(`the generated Word file failed the validity check:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

export type OutputProblem = "exists" | "symlink" | "not-a-file" | "no-folder" | "io";

/** A file could not be written safely; nothing was written. The command line says why in the person's language. */
export class OutputError extends Error {
  override readonly name = "OutputError";
  constructor(
    readonly problem: OutputProblem,
    readonly path: string,
    /** The system's own words, for an input/output error. */
    readonly detail?: string,
  ) {
    super(`${path}: ${problem}${detail !== undefined ? ` (${detail})` : ""}`);
  }
}

/** A delivered SBOM cannot be read at all: why (sbom.read.<problem>), and where for a JSON syntax error. */
export class SbomReadError extends Error {
  override readonly name = "SbomReadError";
  constructor(
    readonly problem: "json" | "not-object" | "not-sbom" | "encoding" | "duplicate-key" | "too-deep",
    readonly where: { readonly line?: number; readonly column?: number; readonly detail?: string } = {},
  ) {
    super(`${problem}${where.line !== undefined ? ` at ${where.line}:${where.column ?? 1}` : ""}${where.detail ? `: ${where.detail}` : ""}`);
  }
}
