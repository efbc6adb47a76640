/**
 * Principle 8: the buyer commits to publish the bespoke developments (and their documentation) under an open
 * source licence. That licence is the buyer's choice: it must be open source under the tender's definition,
 * but it is not subject to the classes, allow and deny lists that bind what bidders supply, and choosing it
 * never changes them (answers 1.1).
 */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import { isFreeForDocumentation, isOpenSource } from "../licences/policy.js";
import type { RequirementFamily } from "./family.js";
import { at, bool, str } from "./kit.js";
import { bodiesWords, checkIdentifier } from "./licence-checks.js";

type Publication = NonNullable<RawAnswers["buyerDistribution"]>;

export interface PublicationAnswers {
  readonly buyerDistribution: { readonly commit: boolean; readonly license: string | null; readonly documentationLicense: string | null };
}

export const publicationFamily: RequirementFamily<PublicationAnswers> = {
  id: "publication",
  owns: [["buyerDistribution"]],
  optional: true,
  requires: true,
  on: (draft) => at(draft, ["buyerDistribution", "commit"]) === true,
  tick: (draft) => {
    const section = (draft["buyerDistribution"] ?? {}) as Record<string, unknown>;
    draft["buyerDistribution"] = { ...section, commit: true };
  },
  off: (draft) => void delete draft["buyerDistribution"],
  normalise(raw) {
    const b = raw["buyerDistribution"] as Publication | undefined;
    return { buyerDistribution: { commit: b?.commit ?? false, license: b?.license ?? null, documentationLicense: b?.documentationLicense ?? null } };
  },
  rules({ data, t, catalogue, policy, unused }): Finding[] {
    const out: Finding[] = [];
    const licence = str(at(data, ["buyerDistribution", "license"]));
    const docLicence = str(at(data, ["buyerDistribution", "documentationLicense"]));
    if (licence !== undefined) {
      const path = ["buyerDistribution", "license"] as const;
      const { info, findings } = checkIdentifier(path, licence, catalogue, t);
      out.push(...findings);
      if (info && policy && !isOpenSource(info, policy.definition)) {
        out.push({
          code: "licence.publication-not-open-source",
          severity: "error",
          path,
          message: t("findings.licence.publication-not-open-source.message", { id: licence, bodies: bodiesWords(policy.definition, t) }),
          hint: t("findings.licence.publication-not-open-source.hint"),
        });
      }
    }
    if (docLicence !== undefined) {
      const path = ["buyerDistribution", "documentationLicense"] as const;
      const { info, findings } = checkIdentifier(path, docLicence, catalogue, t);
      out.push(...findings);
      if (info && !isFreeForDocumentation(info)) {
        out.push({
          code: "licence.documentation-not-free",
          severity: "error",
          path,
          message: t("findings.licence.documentation-not-free.message", { id: docLicence }),
          hint: t("findings.licence.documentation-not-free.hint"),
        });
      }
    }
    if (bool(at(data, ["buyerDistribution", "commit"])) === false) {
      for (const key of ["license", "documentationLicense"] as const) {
        if (str(at(data, ["buyerDistribution", key])) !== undefined) out.push(unused(["buyerDistribution", key], t("findings.answer.unused.because.no-publication")));
      }
    }
    return out;
  },
  questions: [
    {
      kind: "licence",
      path: ["buyerDistribution", "license"],
      check: "definition",
      suggestions: [
        { id: "EUPL-1.2", reason: "application" },
        { id: "AGPL-3.0-or-later", reason: "network" },
        { id: "Apache-2.0", reason: "library" },
        { id: "MPL-2.0", reason: "files" },
      ],
    },
    {
      kind: "licence",
      path: ["buyerDistribution", "documentationLicense"],
      check: "free",
      optional: true,
      suggestions: [
        { id: "CC-BY-4.0", reason: "documentation" },
        { id: "CC-BY-SA-4.0", reason: "documentation-share-alike" },
        { id: "etalab-2.0", reason: "documentation-france" },
      ],
    },
  ],
};
