/**
 * A requirement family is the unit of Clausier: one of the buyer's principles (named components, open source
 * for the needs, licence policy, governance, compliance programme, SBOM, upstream, publication, remedies,
 * security, rights in bespoke work, exit) with everything that belongs to it: the answers it owns (its slice
 * of schemas/answers.schema.json), the defaults of those answers, the rules the schema cannot express, the
 * questions of the interview, and what turns it on and off. The families are registered in one list
 * (families/index.ts) that validation, normalisation, selection warnings, the interview (terminal and web),
 * `explain`, the catalogue and the property tests read. Adding a family: clauses/README.md.
 */
import type { Finding } from "../diagnostics.js";
import type { Messages } from "../i18n/messages.js";
import type { LicenceCatalogue } from "../licences/catalogue.js";
import type { LicencePolicy } from "../licences/policy.js";
import type { Question } from "../interview/questions.js";

/** A path into the answers: typed where the code names a built-in answer, plain steps otherwise. */
export type Path = readonly (string | number)[];

/** The answers being written or checked: plain data, possibly incomplete or invalid. */
export type Draft = Record<string, unknown>;

/** What a family's rules see. */
export interface RuleContext {
  /** The raw answers, as read from the file: any part may be missing or of the wrong type. */
  readonly data: unknown;
  /** The messages, in the language of the answers. */
  readonly t: Messages;
  readonly catalogue: LicenceCatalogue;
  /** The licence policy of the answers, when it is complete enough to judge licences with. */
  readonly policy: LicencePolicy | undefined;
  /** How the answer at `path` is named, in the language of the answers ("Component licence"). */
  label(path: Path): string;
  /** A warning that an answer has no effect, naming the answer that makes it so. */
  unused(path: Path, because: string): Finding;
}

/** A family's slice of the JSON Schema, for a family that is not in schemas/answers.schema.json (an extension). */
export interface SchemaSlice {
  /** The top-level key of the answers file. */
  readonly key: string;
  readonly schema: object;
}

export interface RequirementFamily<Slice extends object = object> {
  /** Stable identifier: the clause files name it (`family:`) and the messages describe it (families.<id>). */
  readonly id: string;
  /** The answers it owns, as paths (a section, or part of one: ["compliance", "sbom"]). */
  readonly owns: readonly Path[];
  /** Whether the buyer chooses it (a box in the interview); the tender is always there. */
  readonly optional: boolean;
  /**
   * Whether turning it on puts requirements on the contractor (components, SBOM…), as opposed to a family
   * that only tunes the annex (remedies, rights, the licence policy): answers with none of these on
   * require nothing, which validate says.
   */
  readonly requires: boolean;
  /** For a family outside the built-in schema: its schema slice, added to the answers schema when registered. */
  readonly schema?: SchemaSlice;
  /**
   * For a family outside the built-in messages: its words by language (families.<id>.name and .description,
   * fields.<answer>.title and .description, and its findings), added to the messages when registered.
   */
  readonly messages?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Whether these answers turn the family on (the box is ticked). */
  on(draft: Draft): boolean;
  /** The answers set when the box is ticked (governance.required: true), before its questions. */
  tick?(draft: Draft): void;
  /** The smallest change that turns the family off. Called only when it is on. */
  off(draft: Draft): void;
  /** Answers every file needs, set where missing (the default licence policy), whether the family is on or not. */
  complete?(draft: Draft): void;
  /** The family's part of the normalised answers: every answer it owns, with its default where not given. */
  normalise(raw: Draft): Slice;
  /** The rules on its answers that the schema cannot express. */
  rules?(context: RuleContext): Finding[];
  /** Its questions in the interview, in order (paths are the answers they write). */
  readonly questions: readonly Question[];
}

/** A family with its slice type erased, as the registry holds them. */
export type AnyFamily = RequirementFamily<object>;
