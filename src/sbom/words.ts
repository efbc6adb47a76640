/** A delivered SBOM's check in words, in the tender's language: shared by the text report and the Word report. */
import type { Messages } from "../i18n/messages.js";
import { classWord } from "../families/licence-checks.js";
import type { LicenceClass } from "../licences/catalogue.js";
import type { ComponentResult, SbomCheck, SbomFinding, Status } from "./check.js";

export function findingText(f: Pick<SbomFinding, "code" | "params">, t: Messages): string {
  const params: Record<string, string | number> = { ...f.params };
  if (typeof params["class"] === "string" && params["class"] !== "") params["class"] = classWord(params["class"] as LicenceClass, t);
  return t.dynamic(`sbom.finding.${f.code}`, params);
}

export const componentText = (c: ComponentResult, t: Messages): string => findingText(c, t);

export const statusWord = (status: Status, t: Messages): string => t.dynamic(`sbom.status.${status}`);

/** "the official CycloneDX 1.6 JSON Schema". */
export const schemaWords = (check: SbomCheck, t: Messages): string =>
  t.dynamic(`sbom.schema.${check.schema.against.kind}`, { format: check.schema.against.format, version: check.schema.against.version });

export function summaryText(check: SbomCheck, t: Messages): string {
  const c = check.counts;
  const packages = t("sbom.summary.packages", { count: check.packages.length, ok: c.packages.ok, warnings: c.packages.warning, errors: c.packages.error, without: c.withoutLicence });
  const components = check.components.length > 0 ? ` ${t("sbom.summary.components", { ok: c.components.ok, warnings: c.components.warning, errors: c.components.error })}` : "";
  return `${packages}${components}`;
}

export const verdictText = (check: SbomCheck, t: Messages): string => (check.counts.errors > 0 ? t("sbom.verdict.refused") : t("sbom.verdict.accepted"));
