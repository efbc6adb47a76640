/** `clausier check-sbom <sbom.json> --against <answers> [--json] [-o report.docx]`: acceptance of a delivered SBOM. */
import { SbomReadError } from "../../errors.js";
import { InputError, readLimited } from "../../input/read.js";
import { checkSbom, type SbomCheck } from "../../sbom/check.js";
import { readSbom } from "../../sbom/read.js";
import { excerpt } from "../../sbom/licence.js";
import { componentText, findingText, kindExample, licenceWords, listedPackages, packageWords, schemaProblemText, schemaWords, statusWord, summaryText, verdictText } from "../../sbom/words.js";
import { publishDocx } from "../../output/publish-docx.js";
import type { Messages } from "../../i18n/messages.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";
import { inputProblem, readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic, visibleInline } from "../report.js";

export interface CheckSbomOptions {
  readonly against: string;
  readonly json?: boolean;
  readonly output?: string;
  readonly force?: boolean;
}

/** SBOMs from the field run to hundreds of megabytes; anything larger is refused before it is read whole. */
export const MAX_SBOM_BYTES = 512 * 1024 * 1024;

/** Packages listed on the terminal at most (all of them up to this; beyond, those with findings). */
export const TEXT_CAP = 200;

/** The text report: bounded whatever the SBOM's size (TEXT_CAP packages listed, then counts by kind). */
export function sbomText(file: string, check: SbomCheck, t: Messages): string {
  const lines = [visibleInline(t("sbom.text.title", { file, format: check.format, schema: schemaWords(check, t) })), ""];
  for (const d of check.document) lines.push(`${statusWord(d.severity, t).toUpperCase().padEnd(13)} ${d.requirement}  ${visibleInline(findingText(d, t))}`);
  if (check.document.length > 0) lines.push("");
  const { listed, more, ok } = listedPackages(check, TEXT_CAP);
  const rows = listed.map((p) => [
    statusWord(p.status, t).toUpperCase(),
    visibleInline(packageWords(p.package, t, "@")),
    visibleInline(licenceWords(p.package, t)),
    visibleInline(p.findings.map((f) => t("sbom.text.finding-line", { requirement: f.requirement, text: findingText(f, t) })).join(t("cli.separator"))),
  ]);
  const header = [t("sbom.text.status"), t("sbom.text.package"), t("sbom.text.licence"), t("sbom.text.finding")];
  // Widths by a loop: spreading a hundred thousand rows into Math.max overflows the stack.
  const width = [Math.max(13, header[0]!.length), header[1]!.length, header[2]!.length];
  for (const r of rows) {
    width[1] = Math.min(50, Math.max(width[1]!, r[1]!.length));
    width[2] = Math.min(30, Math.max(width[2]!, r[2]!.length));
  }
  lines.push(`${header[0]!.padEnd(width[0]!)} ${header[1]!.padEnd(width[1]!)} ${header[2]!.padEnd(width[2]!)} ${header[3]}`);
  for (const r of rows) lines.push(`${r[0]!.padEnd(width[0]!)} ${r[1]!.padEnd(width[1]!)} ${r[2]!.padEnd(width[2]!)} ${r[3]!}`.trimEnd());
  if (more + ok > 0) {
    lines.push(t("sbom.text.more", { more, ok }));
    if (check.kinds.length > 0) {
      lines.push("", t("sbom.text.kinds"));
      for (const k of check.kinds) {
        const example = kindExample(check, k);
        lines.push(`${statusWord(k.severity, t).toUpperCase().padEnd(13)} ${k.requirement}  ${visibleInline(t("sbom.text.kind", { count: k.count, name: example ? packageWords(example.package, t, "@") : "", example: findingText(k.example, t) }))}`);
      }
    }
  }
  if (check.licenceRefs.size > 0) {
    lines.push("", t("sbom.text.refs"));
    for (const r of [...check.licenceRefs.values()].slice(0, TEXT_CAP)) lines.push(`  ${visibleInline(t("sbom.text.ref", { id: r.id, name: r.name ?? "none", text: excerpt(r.text) }))}`);
  }
  if (check.components.length > 0) {
    lines.push("", t("sbom.text.components"));
    for (const c of check.components) lines.push(`${statusWord(c.status, t).toUpperCase().padEnd(13)} ${c.requirement}  ${visibleInline(componentText(c, t))}`);
  }
  lines.push("", summaryText(check, t), verdictText(check, t));
  return lines.join("\n");
}

export async function runCheckSbom(file: string, options: CheckSbomOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const validation = readAnswersFile(options.against, context);
  const t = context.t;
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d, t));
    io.err(t("cli.check-sbom.invalid-answers", { file: options.against, counts: countWords(validation.diagnostics, t) }));
    return EXIT.invalidAnswers;
  }
  let bytes: Buffer;
  try {
    bytes = readLimited(file, MAX_SBOM_BYTES);
  } catch (e) {
    if (e instanceof InputError) throw inputProblem(e, context, "sbom");
    throw e;
  }
  let sbom;
  try {
    sbom = readSbom(bytes);
  } catch (e) {
    if (e instanceof SbomReadError) {
      // A JSON problem is one of jsonc-parser's codes, said in the person's language.
      const detail = e.problem === "json" && e.where.detail !== undefined && t.has(`sbom.json-problem.${e.where.detail}`) ? t.dynamic(`sbom.json-problem.${e.where.detail}`) : (e.where.detail ?? "");
      throw new UserError(visibleInline(t.dynamic(`sbom.read.${e.problem}`, { file, line: e.where.line ?? 0, column: e.where.column ?? 0, detail })), EXIT.usage, t("sbom.read.hint"));
    }
    throw e;
  }
  // A delivery is judged against what the tender's annex states, not against answers that reach no clause.
  const { clauseLibrary } = await import("../../clauses/library.js");
  const { selectClauses } = await import("../../selection/select.js");
  const stated = new Set(selectClauses(clauseLibrary(undefined, t), validation.answers).included.flatMap((c) => (c.requirement !== undefined ? [c.requirement] : [])));
  const check = await checkSbom(sbom, validation.answers, stated);
  if (options.output !== undefined) {
    if (!options.output.toLowerCase().endsWith(".docx")) throw new UserError(t("cli.build.not-docx", { file: options.output }), EXIT.usage, t("cli.build.not-docx-hint"));
    const { sbomReportDocument } = await import("../../word/sbom-report.js");
    const { packDocx } = await import("../../word/package.js");
    const docx = await packDocx(sbomReportDocument(file, check, validation.answers, t), { title: t("sbom.report.title-property", { reference: validation.answers.tender.reference }), creator: validation.answers.tender.buyer }, validation.answers.tender.issueDate);
    publishDocx(options.output, docx, { force: options.force ?? false });
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          sbom: file,
          format: check.format,
          schema: { against: schemaWords(check, t), ...check.schema.against, count: check.schema.count, problems: check.schema.problems.map((p) => ({ ...p, message: schemaProblemText(p, t) })) },
          document: check.document.map((d) => ({ ...d, message: findingText(d, t) })),
          packages: check.packages.map((p) => ({ ...p.package, status: p.status, findings: p.findings.map((f) => ({ ...f, message: findingText(f, t) })) })),
          licenceRefs: [...check.licenceRefs.values()],
          kinds: check.kinds.map((k) => ({ code: k.code, severity: k.severity, requirement: k.requirement, count: k.count })),
          components: check.components.map((c) => ({ name: c.name, requirement: c.requirement, status: c.status, code: c.code, message: componentText(c, t), found: c.found.map((p) => `${p.name}@${p.version ?? ""}`) })),
          counts: check.counts,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(sbomText(file, check, t));
    if (options.output !== undefined) io.out(t("cli.check-sbom.wrote", { file: options.output }));
  }
  return check.counts.errors > 0 ? EXIT.invalidAnswers : EXIT.ok;
}
