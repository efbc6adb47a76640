/** A delivered SBOM's check in words, in the tender's language: shared by the text report and the Word report. */
import type { Messages } from "../i18n/messages.js";
import { classWord } from "../families/licence-checks.js";
import type { LicenceClass } from "../licences/catalogue.js";
import type { ComponentResult, FindingKind, PackageResult, SbomCheck, SbomFinding, Status } from "./check.js";
import { quote } from "./licence.js";
import type { SbomPackage } from "./read.js";
import type { SchemaProblem } from "./schema.js";

export function schemaProblemText(problem: SchemaProblem, t: Messages): string {
  const where = problem.where === "" ? t("sbom.schema-problem.document") : problem.where;
  const text = t.dynamic(`sbom.schema-problem.${problem.keyword}`, { ...problem.params, where });
  return problem.closest !== undefined ? t("sbom.schema-problem.closest", { problem: text, closest: schemaProblemText(problem.closest, t) }) : text;
}

export function findingText(f: Pick<SbomFinding, "code" | "params" | "problem">, t: Messages): string {
  const params: Record<string, string | number> = { ...f.params };
  if (typeof params["class"] === "string" && params["class"] !== "") params["class"] = classWord(params["class"] as LicenceClass, t);
  if (f.problem !== undefined) params["problem"] = schemaProblemText(f.problem, t);
  return t.dynamic(`sbom.finding.${f.code}`, params);
}

export const componentText = (c: ComponentResult, t: Messages): string => findingText(c, t);

export const statusWord = (status: Status, t: Messages): string => t.dynamic(`sbom.status.${status}`);

/** "left-pad 1.3.0", "word-model 1.0 (AI model)". */
export function packageWords(p: SbomPackage, t: Messages, separator = " "): string {
  const kind = p.kind === "package" ? "" : ` (${t.dynamic(`sbom.kind.${p.kind}`)})`;
  return `${quote(p.name)}${p.version ? `${separator}${quote(p.version)}` : ""}${kind}`;
}

/** "the official CycloneDX 1.6 JSON Schema". */
export const schemaWords = (check: SbomCheck, t: Messages): string =>
  t.dynamic(`sbom.schema.${check.schema.against.kind}`, { format: check.schema.against.format, version: check.schema.against.version });

export function summaryText(check: SbomCheck, t: Messages): string {
  const c = check.counts;
  const count = c.packages.ok + c.packages.warning + c.packages.error;
  const parts = [t("sbom.summary.packages", { count, ok: c.packages.ok, warnings: c.packages.warning, errors: c.packages.error, without: c.withoutLicence })];
  const files = c.files.ok + c.files.warning + c.files.error;
  if (files > 0) parts.push(t("sbom.summary.files", { count: files, ok: c.files.ok, warnings: c.files.warning, errors: c.files.error }));
  if (check.components.length > 0) parts.push(t("sbom.summary.components", { ok: c.components.ok, warnings: c.components.warning, errors: c.components.error }));
  return parts.join(" ");
}

/** A package's licences as one line, cut for a report (the JSON report has them whole). */
export const licenceWords = (p: SbomPackage, t: Messages): string => (p.licence === null ? t("sbom.none") : quote(p.licence));

export const verdictText = (check: SbomCheck, t: Messages): string => (check.counts.errors > 0 ? t("sbom.verdict.refused") : t("sbom.verdict.accepted"));

/**
 * The packages a bounded report lists: every one when there are at most `cap`; otherwise those with
 * findings, errors first, up to `cap`. `more` counts the packages with findings left out, `ok` those
 * without findings left out.
 */
export function listedPackages(check: SbomCheck, cap: number): { listed: readonly PackageResult[]; more: number; ok: number } {
  if (check.packages.length <= cap) return { listed: check.packages, more: 0, ok: 0 };
  const listed: PackageResult[] = [];
  for (const status of ["error", "warning"] as const) {
    for (const p of check.packages) {
      if (listed.length >= cap) break;
      if (p.status === status) listed.push(p);
    }
  }
  const withFindings = check.packages.reduce((n, p) => n + (p.status === "ok" ? 0 : 1), 0);
  return { listed, more: withFindings - listed.length, ok: check.packages.length - withFindings };
}

/** The package a finding kind's example comes from. */
export function kindExample(check: SbomCheck, kind: FindingKind): PackageResult | undefined {
  return check.packages.find((p) => p.findings.includes(kind.example));
}
