/**
 * Principle 6: a licence compliance programme conformant with ISO/IEC 5230:2020 (OpenChain), and a security
 * assurance programme conformant with ISO/IEC 18974:2023 where the buyer asks for it.
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, bool, record } from "./kit.js";

type Compliance = NonNullable<RawAnswers["compliance"]>;

export interface ComplianceAnswers {
  readonly compliance: {
    readonly openChain: boolean;
    readonly evidence: NonNullable<Compliance["evidence"]>;
    readonly securityAssurance: boolean;
  };
}

export const complianceFamily: RequirementFamily<ComplianceAnswers> = {
  id: "compliance",
  owns: [["compliance", "openChain"], ["compliance", "evidence"], ["compliance", "securityAssurance"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["compliance", "openChain"]) === true || at(draft, ["compliance", "securityAssurance"]) === true,
  tick: (draft) => {
    const section = record(draft["compliance"]) ?? {};
    draft["compliance"] = { ...section, openChain: section["openChain"] ?? true };
  },
  off: (draft) => {
    const section = record(draft["compliance"]) ?? {};
    const { evidence: _evidence, securityAssurance: _security, ...rest } = section;
    // The section holds the SBOM too (its own family): it stays, with no programme required.
    if (rest["sbom"] !== undefined) draft["compliance"] = { ...rest, openChain: false };
    else delete draft["compliance"];
  },
  normalise(raw) {
    const c = raw["compliance"] as Compliance | undefined;
    return { compliance: { openChain: c?.openChain ?? false, evidence: c?.evidence ?? "self-certification", securityAssurance: c?.securityAssurance ?? false } };
  },
  rules({ data, t, unused }): Finding[] {
    const openChain = bool(at(data, ["compliance", "openChain"]));
    const security = bool(at(data, ["compliance", "securityAssurance"])) ?? false;
    if (openChain === false && !security && at(data, ["compliance", "evidence"]) !== undefined) {
      return [unused(["compliance", "evidence"], t("findings.answer.unused.because.no-programme"))];
    }
    return [];
  },
  questions: [
    { kind: "yesno", path: ["compliance", "openChain"], suggest: () => true },
    {
      kind: "choice",
      path: ["compliance", "evidence"],
      choices: ["self-certification", "third-party-assessment"],
      suggest: () => "self-certification",
      when: (draft) => at(draft, ["compliance", "openChain"]) === true || at(draft, ["compliance", "securityAssurance"]) === true,
    },
    { kind: "yesno", path: ["compliance", "securityAssurance"], default: () => false },
  ],
};
