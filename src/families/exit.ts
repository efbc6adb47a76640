/**
 * Reversibility and exit (answers 1.1): at the end of the contract the buyer can take the work over or move
 * to another supplier, with a hand-over period and, when asked, the source of any non-open part in escrow.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, bool } from "./kit.js";

type Exit = NonNullable<RawAnswers["exit"]>;

export interface ExitAnswers {
  readonly exit: { readonly reversibility: boolean; readonly handoverDays: number; readonly escrow: boolean };
}

export const exitFamily: RequirementFamily<ExitAnswers> = {
  id: "exit",
  owns: [["exit"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["exit", "reversibility"]) === true,
  tick: (draft) => {
    const section = (draft["exit"] ?? {}) as Record<string, unknown>;
    draft["exit"] = { ...section, reversibility: true };
  },
  off: (draft) => void delete draft["exit"],
  normalise(raw) {
    const e = raw["exit"] as Exit | undefined;
    return { exit: { reversibility: e?.reversibility ?? false, handoverDays: e?.handoverDays ?? 90, escrow: e?.escrow ?? false } };
  },
  rules({ data, t, unused }): Finding[] {
    const out: Finding[] = [];
    if (bool(at(data, ["exit", "reversibility"])) === false) {
      for (const key of ["handoverDays", "escrow"] as const) {
        if (at(data, ["exit", key]) !== undefined) out.push(unused(["exit", key], t("findings.answer.unused.because.no-reversibility")));
      }
    }
    return out;
  },
  questions: [
    { kind: "number", integer: true, path: ["exit", "handoverDays"], default: () => 90 },
    { kind: "yesno", path: ["exit", "escrow"], default: () => false },
  ],
};
