/**
 * The buyer's licence policy (principles 3 and 4) applied to an SPDX expression: which licences count as
 * open source (approved by any body of `definition`), which classes are acceptable, and the buyer's own
 * `allow` and `deny` lists. `deny` beats everything; `allow` beats the class, never the open source test.
 * For `A OR B` one acceptable branch suffices, for `A AND B` every part must be acceptable, and
 * `X WITH exception` is judged as X — except that a linking exception (Classpath, GCC runtime) makes a strong
 * copyleft licence weak copyleft (catalogue.ts, LINKING_EXCEPTIONS) — and a deprecated id as its
 * replacement.
 */
import type { LicenceCatalogue, LicenceClass, LicenceInfo } from "./catalogue.js";
import { isLeaf, type LicenceLeaf, type LicenceNode } from "./expression.js";

export type Body = "osi" | "fsf";

export interface LicencePolicy {
  readonly definition: readonly Body[];
  readonly allowedClasses: readonly LicenceClass[];
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

export type LeafOutcome =
  | "denied"
  | "unknown"
  | "not-open-source"
  | "allowed-by-list"
  | "class-allowed"
  | "class-not-allowed"
  | "unclassified";

export interface LeafVerdict {
  readonly leaf: LicenceLeaf;
  readonly info: LicenceInfo | undefined;
  readonly outcome: LeafOutcome;
  readonly accepted: boolean;
}

export interface PolicyVerdict {
  readonly accepted: boolean;
  readonly leaves: readonly LeafVerdict[];
}

/**
 * Licences for published information that the French State lists for its administrations (Code des
 * relations entre le public et l'administration, art. D323-2-1, décret n° 2017-638 of 27 April 2017): the
 * Licence Ouverte of Etalab and the Open Database License. Neither the OSI nor the FSF rates the first;
 * both allow commercial use and changes, so they are accepted for documentation.
 */
const FRENCH_OPEN_LICENCES: ReadonlySet<string> = new Set(["etalab-2.0", "ODbL-1.0"]);

/** Whether documentation may be published under the licence: free per the OSI or the FSF, or on the French list. */
export function isFreeForDocumentation(info: LicenceInfo | undefined): boolean {
  if (info === undefined) return false;
  return info.osiApproved || info.fsfLibre === true || FRENCH_OPEN_LICENCES.has(info.id);
}

/** Whether the licence is open source under the chosen definition. */
export function isOpenSource(info: LicenceInfo | undefined, definition: readonly Body[]): boolean {
  if (info === undefined) return false;
  return definition.some((body) => (body === "osi" ? info.osiApproved : info.fsfLibre === true));
}

export function judgeLeaf(leaf: LicenceLeaf, policy: LicencePolicy, catalogue: LicenceCatalogue): LeafVerdict {
  const info = catalogue.leafInfo(leaf);
  const verdict = (outcome: LeafOutcome, accepted: boolean): LeafVerdict => ({ leaf, info, outcome, accepted });
  // A deprecated id is judged as its replacement, the buyer's lists included (deny GPL-2.0-only denies GPL-2.0).
  const named = (names: readonly string[]): boolean => names.includes(leaf.license) || (info?.judgedAs !== undefined && names.includes(info.judgedAs));
  if (named(policy.deny)) return verdict("denied", false);
  if (info === undefined) return verdict("unknown", false);
  if (!isOpenSource(info, policy.definition)) return verdict("not-open-source", false);
  if (named(policy.allow)) return verdict("allowed-by-list", true);
  if (info.class === undefined) return verdict("unclassified", false);
  return policy.allowedClasses.includes(info.class) ? verdict("class-allowed", true) : verdict("class-not-allowed", false);
}

export function judge(tree: LicenceNode, policy: LicencePolicy, catalogue: LicenceCatalogue): PolicyVerdict {
  if (isLeaf(tree)) {
    const leaf = judgeLeaf(tree, policy, catalogue);
    return { accepted: leaf.accepted, leaves: [leaf] };
  }
  const left = judge(tree.left, policy, catalogue);
  const right = judge(tree.right, policy, catalogue);
  const accepted = tree.conjunction === "or" ? left.accepted || right.accepted : left.accepted && right.accepted;
  return { accepted, leaves: [...left.leaves, ...right.leaves] };
}
