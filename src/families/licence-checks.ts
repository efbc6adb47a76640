/**
 * Licence checks several families share: an SPDX expression or identifier checked and explained, a
 * deprecated identifier named with its replacement, and a refusal by the tender's policy explained licence by
 * licence, in the language of the answers.
 */
import type { Finding } from "../diagnostics.js";
import type { Messages } from "../i18n/messages.js";
import type { LicenceCatalogue, LicenceClass, LicenceInfo } from "../licences/catalogue.js";
import { leafText, parseLicence, type LicenceProblem } from "../licences/expression.js";
import type { Body, LeafVerdict, LicencePolicy } from "../licences/policy.js";
import type { Path } from "./family.js";

/** What is wrong with an expression, in words. */
export function licenceProblem(problem: LicenceProblem, t: Messages): string {
  switch (problem.kind) {
    case "not-identifier":
      return problem.expression.trim() !== problem.token
        ? t("licences.problem.not-identifier-in", { token: problem.token, expression: problem.expression })
        : t("licences.problem.not-identifier", { token: problem.token });
    case "not-in-list":
      return t("licences.problem.not-in-list", { token: problem.token });
    case "operator-case":
      return t("licences.problem.operator-case", { token: problem.token, upper: problem.token.toUpperCase() });
    case "syntax":
      return t("licences.problem.syntax", { expression: problem.expression });
  }
}

/** "permissive", "strong copyleft" (as an adjective: "GPL-3.0-only is strong copyleft"). */
export const classWord = (cls: LicenceClass | undefined, t: Messages): string =>
  cls === undefined ? t("licences.unclassified") : t.dynamic(`licences.class.${cls}`);

/** "permissive licences", "weak copyleft licences": the classes as a list of kinds. */
export const classesWords = (classes: readonly LicenceClass[], t: Messages, type: "and" | "or" = "and"): string =>
  t.list(classes.map((c) => t.dynamic(`licences.classes.${c}`)), type);

export const bodiesWords = (definition: readonly Body[], t: Messages): string => t.list(definition.map((b) => t.dynamic(`licences.body.${b}`)), "or");

/** Why one licence of an expression is refused by the tender's policy. */
export function refusal(v: LeafVerdict, policy: LicencePolicy, t: Messages): string {
  const id = leafText(v.leaf);
  switch (v.outcome) {
    case "denied":
      return t("licences.refusal.denied", { id });
    case "unknown":
      return t("licences.refusal.unknown", { id });
    case "not-open-source":
      return t("licences.refusal.not-open-source", { id, bodies: bodiesWords(policy.definition, t) });
    case "unclassified":
      return t("licences.refusal.unclassified", { id, classes: classesWords(policy.allowedClasses, t, "or") });
    case "class-not-allowed":
      return t("licences.refusal.class-not-allowed", { id, class: classWord(v.info?.class, t), classes: classesWords(policy.allowedClasses, t) });
    default:
      return t("licences.refusal.accepted", { id });
  }
}

export function deprecationWarnings(path: Path, infos: readonly (LicenceInfo | undefined)[], t: Messages): Finding[] {
  return infos
    .filter((i): i is LicenceInfo => i?.deprecated === true)
    .map((info) => ({
      code: "licence.deprecated",
      severity: "warning" as const,
      path,
      message: t("findings.licence.deprecated.message", { id: info.id }),
      hint: info.replacement !== undefined ? t("findings.licence.deprecated.hint", { replacement: info.replacement }) : t("findings.licence.deprecated.hint-list"),
    }));
}

/** A single SPDX identifier (allow, deny, the buyer's licences): valid, not an expression, not deprecated. */
export function checkIdentifier(path: Path, text: string, catalogue: LicenceCatalogue, t: Messages): { info?: LicenceInfo; findings: Finding[] } {
  if (catalogue.isLicence(text)) {
    const info = catalogue.info(text);
    return info ? { info, findings: deprecationWarnings(path, [info], t) } : { findings: [] };
  }
  const parsed = parseLicence(text, catalogue);
  if (parsed.ok && parsed.leaves.length > 0) {
    return {
      findings: [
        {
          code: "licence.not-identifier",
          severity: "error",
          path,
          message: t("findings.licence.not-identifier.message", { text }),
          hint: t("findings.licence.not-identifier.hint"),
        },
      ],
    };
  }
  const suggestion = parsed.ok ? undefined : parsed.suggestion;
  return {
    findings: [
      {
        code: "licence.invalid",
        severity: "error",
        path,
        message: t("findings.licence.invalid-identifier.message", { text }),
        hint: suggestion !== undefined ? t("findings.licence.invalid.hint-suggestion", { suggestion }) : t("findings.licence.invalid-identifier.hint"),
      },
    ],
  };
}
