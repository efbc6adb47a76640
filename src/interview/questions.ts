/**
 * The questions of the interview, as data that each family declares: which answer a question writes, what
 * kind of answer it takes, when it is asked and what it defaults to. The terminal interview (`clausier new`)
 * and the web interview (`clausier serve`) both ask these questions; neither has a copy of them. Labels and
 * help come from the field names of the answers schema (messages/<language>/fields.yaml), choice labels
 * from messages/<language>/choices.yaml.
 */
import type { Draft, Path } from "../families/family.js";

interface Base {
  /** The answer it writes. Inside an `items` question, relative to the item. */
  readonly path: Path;
  /** Asked only when this holds on the answers so far. */
  readonly when?: (draft: Draft) => boolean;
  /**
   * The value a missing answer has (the schema's default, or the rule that replaces it): Enter on a missing
   * answer keeps it missing, since it already means this value.
   */
  readonly default?: (draft: Draft) => unknown;
  /** A value offered when there is no answer yet (not a default: the answer is then written). */
  readonly suggest?: (draft: Draft) => unknown;
  /** May be left empty (the answer is then left out of the file). */
  readonly optional?: boolean;
}

export type Question =
  /** One line of text (`date`: written YYYY-MM-DD). */
  | (Base & { readonly kind: "text"; readonly format?: "date" | "currency" })
  /** A number (`integer` when the schema says so). */
  | (Base & { readonly kind: "number"; readonly integer?: boolean })
  | (Base & { readonly kind: "yesno" })
  /** One of the choices. `choices`: the values, or the values for these answers. */
  | (Base & { readonly kind: "choice"; readonly choices: readonly string[] | ((draft: Draft) => readonly string[]); readonly other?: boolean })
  /** Several of the choices. */
  | (Base & { readonly kind: "choices"; readonly choices: readonly string[] })
  /**
   * A licence searched in the SPDX list. `policy`: checked against the tender's licence policy (a refused
   * licence can be replaced or accepted into licensePolicy.allow); `definition`: checked against the
   * definition of open source only (the buyer's own publication licence); `free`: neither class nor
   * definition, for documentation. `suggestions`: licences offered first, each with a reason.
   */
  | (Base & {
      readonly kind: "licence";
      readonly check: "policy" | "definition" | "free";
      readonly suggestions?: readonly { readonly id: string; readonly reason: string }[];
    })
  /** A list of SPDX licence identifiers (licences always refused, always accepted). */
  | (Base & { readonly kind: "licences" })
  /** A list of lines of text; `suggestions` are offered to tick (foundations). */
  | (Base & { readonly kind: "texts"; readonly suggestions?: readonly string[] })
  /** A list of items, each with its own questions (components). */
  | (Base & { readonly kind: "items"; readonly item: readonly Question[]; readonly itemName: Path });

export type QuestionKind = Question["kind"];
