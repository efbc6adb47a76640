/**
 * Rights in bespoke work (answers 1.1): a non-exclusive licence with every right the buyer needs, including
 * to publish the work under an open source licence, or an assignment; the contractor's pre-existing material
 * inside bespoke work is always licensed.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { RequirementFamily } from "./family.js";
import { record } from "./kit.js";

export interface RightsAnswers {
  /**
   * null when the buyer chose nothing: the annex then states no rights regime of its own unless publication
   * or contribution upstream needs one, and that one is the licence (the default of answers 1.1).
   */
  readonly ipRights: { readonly bespoke: NonNullable<NonNullable<RawAnswers["ipRights"]>["bespoke"]> | null };
}

export const rightsFamily: RequirementFamily<RightsAnswers> = {
  id: "rights",
  owns: [["ipRights"]],
  optional: true,
  requires: false,
  on: (draft) => record(draft["ipRights"]) !== undefined,
  tick: (draft) => void (draft["ipRights"] ??= {}),
  off: (draft) => void delete draft["ipRights"],
  normalise(raw) {
    const section = raw["ipRights"] as RawAnswers["ipRights"];
    return { ipRights: { bespoke: section === undefined ? null : (section.bespoke ?? "licence") } };
  },
  questions: [{ kind: "choice", path: ["ipRights", "bespoke"], choices: ["licence", "assignment"], default: () => "licence" }],
};
