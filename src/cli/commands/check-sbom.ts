/** `clausier check-sbom <sbom.json> --against <answers> [--json] [-o report.docx]`: acceptance of a delivered SBOM. */
import { readFileSync } from "node:fs";
import { checkSbom, type SbomCheck } from "../../sbom/check.js";
import { readSbom, SbomReadError } from "../../sbom/read.js";
import { publishDocx } from "../../output/publish-docx.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export interface CheckSbomOptions {
  readonly against: string;
  readonly json?: boolean;
  readonly output?: string;
  readonly force?: boolean;
}

function text(file: string, check: SbomCheck): string {
  const lines = [`${file}: ${check.format}, checked against ${check.schema.against}.`, ""];
  for (const d of check.document) lines.push(`${d.severity.toUpperCase().padEnd(7)} ${d.requirement}  ${d.message}`);
  if (check.document.length > 0) lines.push("");
  const rows = check.packages.map((p) => [p.status.toUpperCase(), `${p.package.name}${p.package.version ? `@${p.package.version}` : ""}`, p.package.licence ?? "(none)", p.findings.map((f) => `${f.requirement}: ${f.message}`).join("; ")]);
  const width = [7, Math.min(50, Math.max(7, ...rows.map((r) => (r[1] ?? "").length))), Math.min(30, Math.max(7, ...rows.map((r) => (r[2] ?? "").length)))];
  lines.push(`${"STATUS".padEnd(width[0] ?? 7)} ${"PACKAGE".padEnd(width[1] ?? 7)} ${"LICENCE".padEnd(width[2] ?? 7)} FINDING`);
  for (const r of rows) lines.push(`${(r[0] ?? "").padEnd(width[0] ?? 7)} ${(r[1] ?? "").padEnd(width[1] ?? 7)} ${(r[2] ?? "").padEnd(width[2] ?? 7)} ${r[3] ?? ""}`.trimEnd());
  if (check.components.length > 0) {
    lines.push("", "Required components:");
    for (const c of check.components) lines.push(`${c.status.toUpperCase().padEnd(7)} ${c.requirement}  ${c.message}`);
  }
  const n = check.packages.length;
  lines.push(
    "",
    `${n} package${n === 1 ? "" : "s"}: ${check.counts.packages.ok} ok, ${check.counts.packages.warning} with warnings, ${check.counts.packages.error} with errors; ${check.counts.withoutLicence} without a licence.` +
      (check.components.length > 0 ? ` Required components: ${check.counts.components.ok} found, ${check.counts.components.warning} to check, ${check.counts.components.error} missing or in the wrong version.` : ""),
    check.counts.errors > 0 ? "The delivery does not meet the tender's requirements." : "The delivery meets the tender's requirements checked here.",
  );
  return lines.join("\n");
}

export async function runCheckSbom(file: string, options: CheckSbomOptions, io: Io): Promise<number> {
  const validation = readAnswersFile(options.against);
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
    io.err(`${options.against}: ${countWords(validation.diagnostics)}. The answers must be valid to check an SBOM against them.`);
    return EXIT.invalidAnswers;
  }
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`${file} cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : (e as Error).message}`);
  }
  let sbom;
  try {
    sbom = readSbom(source);
  } catch (e) {
    if (e instanceof SbomReadError) throw new UserError(`${file}: ${e.message}`, EXIT.usage, "The SBOM must be an SPDX 2.2/2.3/3.0 or CycloneDX 1.4–1.6 JSON file.");
    throw e;
  }
  const check = checkSbom(sbom, validation.answers);
  if (options.output !== undefined) {
    if (!options.output.toLowerCase().endsWith(".docx")) throw new UserError(`the report must end in .docx (got ${options.output})`);
    const { sbomReportDocument } = await import("../../word/sbom-report.js");
    const { packDocx } = await import("../../word/package.js");
    const bytes = await packDocx(sbomReportDocument(file, check, validation.answers), { title: `SBOM acceptance — ${validation.answers.tender.reference}`, creator: validation.answers.tender.buyer }, validation.answers.tender.issueDate);
    publishDocx(options.output, bytes, { force: options.force ?? false });
  }
  if (options.json) {
    io.out(JSON.stringify({ sbom: file, ...check, packages: check.packages.map((p) => ({ ...p.package, status: p.status, findings: p.findings })), components: check.components.map((c) => ({ ...c, found: c.found.map((p) => `${p.name}@${p.version ?? ""}`) })) }, null, 2));
  } else {
    io.out(text(file, check));
    if (options.output !== undefined) io.out(`Wrote the acceptance report ${options.output}.`);
  }
  return check.counts.errors > 0 ? EXIT.invalidAnswers : EXIT.ok;
}
