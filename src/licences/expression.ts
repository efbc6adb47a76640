/**
 * SPDX licence expressions: parsing (with `spdx-expression-parse`), suggestions for mistyped identifiers
 * (with `spdx-correct` and edit distance), and the list of identifiers an expression uses.
 */
import parseSpdx from "spdx-expression-parse";
import { createRequire } from "node:module";
import type { LicenceCatalogue } from "./catalogue.js";

// Loaded only when a licence is mistyped: spdx-correct does work of its own when it loads.
const require = createRequire(import.meta.url);
const correctSpdx = (text: string, options: { upgrade: boolean }): string | null =>
  (require("spdx-correct") as (t: string, o: { upgrade: boolean }) => string | null)(text, options);
const levenshtein = (): typeof import("fastest-levenshtein") => require("fastest-levenshtein") as typeof import("fastest-levenshtein");

export interface LicenceLeaf {
  readonly license: string;
  readonly plus?: boolean;
  readonly exception?: string;
}
export interface LicenceConjunction {
  readonly left: LicenceNode;
  readonly conjunction: "and" | "or";
  readonly right: LicenceNode;
}
export type LicenceNode = LicenceLeaf | LicenceConjunction;

export function isLeaf(node: LicenceNode): node is LicenceLeaf {
  return "license" in node;
}

/** What is wrong with a licence expression, for the messages to say (licences.problem.<kind>). */
export type LicenceProblem =
  /** A word that is not an SPDX identifier or exception. */
  | { readonly kind: "not-identifier"; readonly token: string; readonly expression: string }
  /** An identifier the licence parser knows but Clausier's SPDX list does not. */
  | { readonly kind: "not-in-list"; readonly token: string; readonly expression: string }
  /** and / or / with in lower case. */
  | { readonly kind: "operator-case"; readonly token: string; readonly expression: string }
  /** Operators or brackets in the wrong place. */
  | { readonly kind: "syntax"; readonly expression: string };

export type ParsedLicence =
  | { readonly ok: true; readonly tree: LicenceNode; readonly leaves: readonly LicenceLeaf[] }
  | { readonly ok: false; readonly problem: LicenceProblem; readonly suggestion?: string };

export function leavesOf(node: LicenceNode): LicenceLeaf[] {
  return isLeaf(node) ? [node] : [...leavesOf(node.left), ...leavesOf(node.right)];
}

/** Renders a parsed leaf back to SPDX text (`GPL-2.0-only WITH Classpath-exception-2.0`). */
export function leafText(leaf: LicenceLeaf): string {
  return `${leaf.license}${leaf.plus ? "+" : ""}${leaf.exception ? ` WITH ${leaf.exception}` : ""}`;
}

/**
 * Parses an SPDX expression. On failure, says what is wrong in plain words and, where one can be found,
 * suggests the corrected expression (`Apache 2` → `Apache-2.0`).
 */
export function parseLicence(text: string, catalogue: LicenceCatalogue, options: { readonly suggest?: boolean } = {}): ParsedLicence {
  const suggest = options.suggest ?? true;
  let tree: LicenceNode | undefined;
  try {
    tree = parseSpdx(text) as LicenceNode;
  } catch {
    tree = undefined;
  }
  if (tree !== undefined) {
    const leaves = leavesOf(tree);
    // spdx-expression-parse accepts ids from its own copy of the list; check against ours as well.
    const unknown = leaves.find((l) => !l.license.startsWith("LicenseRef-") && !l.license.startsWith("DocumentRef-") && !catalogue.isLicence(l.license));
    if (unknown === undefined) return { ok: true, tree, leaves };
    return withSuggestion({ kind: "not-in-list", token: unknown.license, expression: text }, suggest ? suggestIdentifier(unknown.license, catalogue) : undefined);
  }
  return withSuggestion(describeProblem(text, catalogue), suggest ? suggestExpression(text, catalogue) : undefined);
}

function withSuggestion(problem: LicenceProblem, suggestion: string | undefined): ParsedLicence {
  return suggestion !== undefined ? { ok: false, problem, suggestion } : { ok: false, problem };
}

const OPERATORS = new Set(["AND", "OR", "WITH"]);

function tokens(text: string): string[] {
  return text.split(/[\s()]+/).filter((t) => t !== "");
}

function describeProblem(text: string, catalogue: LicenceCatalogue): LicenceProblem {
  for (const token of tokens(text)) {
    if (OPERATORS.has(token)) continue;
    if (["and", "or", "with"].includes(token.toLowerCase())) return { kind: "operator-case", token, expression: text };
    const id = token.endsWith("+") ? token.slice(0, -1) : token;
    if (!catalogue.isLicence(id) && !catalogue.isException(id) && !id.startsWith("LicenseRef-")) return { kind: "not-identifier", token, expression: text };
  }
  return { kind: "syntax", expression: text };
}

/** A whole corrected expression, if spdx-correct or per-identifier corrections produce a valid one. */
function suggestExpression(text: string, catalogue: LicenceCatalogue): string | undefined {
  const whole = correct(text);
  if (whole !== null && whole !== text && isValid(whole)) return whole;
  // Correct identifier by identifier, keeping operators and brackets.
  const parts = text.split(/(\s+|\(|\))/);
  let changed = false;
  const fixed = parts.map((part) => {
    if (part.trim() === "" || part === "(" || part === ")") return part;
    if (OPERATORS.has(part.toUpperCase())) {
      if (part !== part.toUpperCase()) changed = true;
      return part.toUpperCase();
    }
    if (catalogue.isLicence(part) || catalogue.isException(part)) return part;
    const suggestion = suggestIdentifier(part, catalogue);
    if (suggestion === undefined) return part;
    changed = true;
    return suggestion;
  });
  const candidate = fixed.join("");
  return changed && isValid(candidate) ? candidate : undefined;
}

/** spdx-correct's guess, or null; it throws on blank input, which is simply "no suggestion" here. */
function correct(text: string): string | null {
  if (text.trim() === "") return null;
  try {
    return correctSpdx(text, { upgrade: true });
  } catch {
    return null;
  }
}

function isValid(expression: string): boolean {
  try {
    parseSpdx(expression);
    return true;
  } catch {
    return false;
  }
}

/** The SPDX identifier a person probably meant by `typed`. */
export function suggestIdentifier(typed: string, catalogue: LicenceCatalogue): string | undefined {
  const byCase = catalogue.caseVariant(typed);
  if (byCase !== undefined) return byCase;
  // A near miss (a letter or two) is a typo: prefer the closest identifier over spdx-correct's guesses,
  // which may change the meaning ("-only" into "-or-later").
  const ids = [...catalogue.ids];
  const { closest, distance } = levenshtein();
  const near = closest(typed, ids);
  if (near !== undefined && distance(typed.toLowerCase(), near.toLowerCase()) <= 2) return near;
  const corrected = correct(typed);
  if (corrected !== null && corrected !== typed && !/\s/.test(corrected)) return corrected;
  if (near !== undefined && distance(typed.toLowerCase(), near.toLowerCase()) <= Math.floor(typed.length / 5)) return near;
  return undefined;
}
