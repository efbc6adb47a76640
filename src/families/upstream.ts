/**
 * Principle 7: bespoke developments and documentation contributed to the upstream projects of the components
 * they change, allowed or (answers 1.1) required within a number of days.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, bool, record } from "./kit.js";

type Upstream = NonNullable<RawAnswers["upstream"]>;

export interface UpstreamAnswers {
  readonly upstream: {
    readonly contribute: boolean;
    readonly documentation: boolean;
    readonly obligation: NonNullable<Upstream["obligation"]>;
    readonly proposalDays: number;
  };
}

export const upstreamFamily: RequirementFamily<UpstreamAnswers> = {
  id: "upstream",
  owns: [["upstream"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["upstream", "contribute"]) === true || at(draft, ["upstream", "documentation"]) === true,
  tick: (draft) => {
    const section = record(draft["upstream"]) ?? {};
    draft["upstream"] = { ...section, contribute: section["contribute"] ?? true };
  },
  off: (draft) => void delete draft["upstream"],
  normalise(raw) {
    const u = raw["upstream"] as Upstream | undefined;
    const contribute = u?.contribute ?? false;
    return { upstream: { contribute, documentation: u?.documentation ?? contribute, obligation: u?.obligation ?? "allowed", proposalDays: u?.proposalDays ?? 30 } };
  },
  rules({ data, t, unused }): Finding[] {
    const out: Finding[] = [];
    const contribute = bool(at(data, ["upstream", "contribute"]));
    const obligation = at(data, ["upstream", "obligation"]);
    if (obligation === "required" && contribute === false) {
      out.push({
        code: "upstream.required-not-allowed",
        severity: "error",
        path: ["upstream", "obligation"],
        message: t("findings.upstream.required-not-allowed.message"),
        hint: t("findings.upstream.required-not-allowed.hint"),
      });
    }
    if (obligation !== "required" && at(data, ["upstream", "proposalDays"]) !== undefined) out.push(unused(["upstream", "proposalDays"], t("findings.answer.unused.because.upstream-allowed")));
    return out;
  },
  questions: [
    { kind: "yesno", path: ["upstream", "contribute"], suggest: () => true },
    { kind: "yesno", path: ["upstream", "documentation"], default: (draft) => at(draft, ["upstream", "contribute"]) === true },
    { kind: "choice", path: ["upstream", "obligation"], choices: ["allowed", "required"], default: () => "allowed", when: (draft) => at(draft, ["upstream", "contribute"]) === true },
    { kind: "number", integer: true, path: ["upstream", "proposalDays"], default: () => 30, when: (draft) => at(draft, ["upstream", "obligation"]) === "required" },
  ],
};
