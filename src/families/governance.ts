/** Principle 5: open governance of the components, for example hosted by a foundation. */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import { componentLabel } from "./components.js";
import type { RequirementFamily } from "./family.js";
import { at, bool, list, str, strings } from "./kit.js";

export interface GovernanceAnswers {
  readonly governance: { readonly required: boolean; readonly foundations: readonly string[] };
}

/** Foundations offered in the interview (the buyer may type others). */
export const KNOWN_FOUNDATIONS: readonly string[] = [
  "LF Energy",
  "Linux Foundation",
  "Eclipse Foundation",
  "Apache Software Foundation",
  "OW2",
  "OpenJS Foundation",
  "Python Software Foundation",
  "Open Source Geospatial Foundation (OSGeo)",
  "Cloud Native Computing Foundation",
  "Software Freedom Conservancy",
];

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, " ");

export const governanceFamily: RequirementFamily<GovernanceAnswers> = {
  id: "governance",
  owns: [["governance"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["governance", "required"]) === true,
  tick: (draft) => {
    const foundations = strings(at(draft, ["governance", "foundations"]));
    draft["governance"] = { required: true, ...(foundations.length > 0 ? { foundations } : {}) };
  },
  off: (draft) => void delete draft["governance"],
  normalise(raw) {
    const g = raw["governance"] as RawAnswers["governance"];
    return { governance: { required: g?.required ?? false, foundations: g?.foundations ?? [] } };
  },
  rules(context): Finding[] {
    const { data, t, unused } = context;
    const out: Finding[] = [];
    const required = bool(at(data, ["governance", "required"]));
    const foundations = strings(at(data, ["governance", "foundations"]));
    if (required === true && foundations.length > 0) {
      const known = new Set(foundations.map(norm));
      list(at(data, ["components"])).forEach((_, i) => {
        const gov = str(at(data, ["components", i, "governance"]));
        const who = componentLabel(data, i, context);
        if (gov === undefined) {
          out.push({
            code: "governance.unknown",
            severity: "warning",
            path: ["components", i],
            message: t("findings.governance.unknown.message", { who }),
            hint: t("findings.governance.unknown.hint", { foundations: t.list(foundations, "or") }),
          });
        } else if (!known.has(norm(gov))) {
          out.push({
            code: "governance.not-listed",
            severity: "warning",
            path: ["components", i, "governance"],
            message: t("findings.governance.not-listed.message", { who, governance: gov, foundations: t.list(foundations) }),
            hint: t("findings.governance.not-listed.hint", { governance: gov }),
          });
        }
      });
    }
    if (required === false && foundations.length > 0) out.push(unused(["governance", "foundations"], t("findings.answer.unused.because.governance-off")));
    return out;
  },
  questions: [{ kind: "texts", path: ["governance", "foundations"], suggestions: KNOWN_FOUNDATIONS }],
};
