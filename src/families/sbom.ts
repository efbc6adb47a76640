/** Principle 6, delivery: a software bill of materials (SBOM) with each delivery, in the formats the tender accepts. */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
import { at, bool, list, record } from "./kit.js";

type Sbom = NonNullable<NonNullable<RawAnswers["compliance"]>["sbom"]>;
export type SbomFormat = NonNullable<Sbom["formats"]>[number];
export const SBOM_FORMATS: readonly SbomFormat[] = ["spdx-2.2", "spdx-2.3", "spdx-3.0", "cyclonedx-1.4", "cyclonedx-1.5", "cyclonedx-1.6"];

export interface SbomAnswers {
  readonly compliance: {
    readonly sbom: { readonly required: boolean; readonly formats: readonly SbomFormat[]; readonly includeNonCodeAssets: boolean };
  };
}

export const sbomFamily: RequirementFamily<SbomAnswers> = {
  id: "sbom",
  owns: [["compliance", "sbom"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["compliance", "sbom", "required"]) === true,
  tick: (draft) => {
    const section = record(draft["compliance"]) ?? { openChain: false };
    const sbom = record(section["sbom"]) ?? {};
    draft["compliance"] = { ...section, sbom: { ...sbom, required: true } };
  },
  off: (draft) => {
    const section = record(draft["compliance"]) ?? {};
    const { sbom: _sbom, ...rest } = section;
    // The section holds the compliance programme too: it stays when the programme is required.
    if (rest["openChain"] === true || rest["securityAssurance"] === true || rest["evidence"] !== undefined) draft["compliance"] = rest;
    else delete draft["compliance"];
  },
  normalise(raw) {
    const s = (raw["compliance"] as RawAnswers["compliance"])?.sbom;
    return { compliance: { sbom: { required: s?.required ?? false, formats: s?.formats ?? [], includeNonCodeAssets: s?.includeNonCodeAssets ?? true } } };
  },
  rules({ data, t, unused }): Finding[] {
    const out: Finding[] = [];
    if (bool(at(data, ["compliance", "sbom", "required"])) === false) {
      if (list(at(data, ["compliance", "sbom", "formats"])).length > 0) out.push(unused(["compliance", "sbom", "formats"], t("findings.answer.unused.because.no-sbom")));
      if (at(data, ["compliance", "sbom", "includeNonCodeAssets"]) !== undefined) out.push(unused(["compliance", "sbom", "includeNonCodeAssets"], t("findings.answer.unused.because.no-sbom")));
    }
    return out;
  },
  questions: [
    { kind: "choices", path: ["compliance", "sbom", "formats"], choices: SBOM_FORMATS, suggest: () => ["spdx-2.3", "cyclonedx-1.6"] },
    { kind: "yesno", path: ["compliance", "sbom", "includeNonCodeAssets"], default: () => true },
  ],
};
