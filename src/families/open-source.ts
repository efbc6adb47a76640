/**
 * Principle 2: open source required for part or all of the functional needs, without naming components,
 * as a mandatory requirement or as a weighted award criterion.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, list, str } from "./kit.js";

type OpenSource = NonNullable<RawAnswers["openSource"]>;

export interface OpenSourceAnswers {
  readonly openSource: {
    readonly scope: OpenSource["scope"];
    readonly needs: readonly string[];
    readonly mode: NonNullable<OpenSource["mode"]>;
    readonly weight: number | null;
  };
}

export const openSourceFamily: RequirementFamily<OpenSourceAnswers> = {
  id: "openSource",
  owns: [["openSource"]],
  optional: true,
  requires: true,
  on: (draft) => {
    const scope = at(draft, ["openSource", "scope"]);
    return scope !== undefined && scope !== "none";
  },
  off: (draft) => void delete draft["openSource"],
  normalise(raw) {
    const os = raw["openSource"] as OpenSource | undefined;
    return { openSource: { scope: os?.scope ?? "none", needs: os?.needs ?? [], mode: os?.mode ?? "mandatory", weight: os?.weight ?? null } };
  },
  rules({ data, t, unused }): Finding[] {
    const out: Finding[] = [];
    const scope = str(at(data, ["openSource", "scope"]));
    const mode = str(at(data, ["openSource", "mode"])) ?? "mandatory";
    if (scope === "none" && mode === "award-criterion") {
      out.push({
        code: "open-source.award-without-scope",
        severity: "error",
        path: ["openSource", "mode"],
        message: t("findings.open-source.award-without-scope.message"),
        hint: t("findings.open-source.award-without-scope.hint"),
      });
    }
    if (scope === "none" && list(at(data, ["openSource", "needs"])).length > 0) out.push(unused(["openSource", "needs"], t("findings.answer.unused.because.scope-none")));
    if (mode !== "award-criterion" && at(data, ["openSource", "weight"]) !== undefined) {
      out.push(unused(["openSource", "weight"], t("findings.answer.unused.because.not-award")));
    }
    return out;
  },
  questions: [
    { kind: "choice", path: ["openSource", "scope"], choices: ["partial", "all"], suggest: () => "partial" },
    { kind: "texts", path: ["openSource", "needs"], when: (draft) => at(draft, ["openSource", "scope"]) === "partial" },
    { kind: "choice", path: ["openSource", "mode"], choices: ["mandatory", "award-criterion"], default: () => "mandatory" },
    { kind: "number", integer: true, path: ["openSource", "weight"], when: (draft) => at(draft, ["openSource", "mode"]) === "award-criterion", suggest: () => 20 },
  ],
};
