/**
 * The acceptance report of a delivered SBOM, in the tender's language, citing the annex's requirements.
 * Bounded whatever the SBOM's size: every package is listed up to REPORT_CAP packages; beyond, the packages
 * with findings (errors first) up to the cap, then the count of those left out, and a table of the findings
 * by kind with their counts (the JSON report keeps every finding). Every text that comes from the SBOM is
 * made visible (tabs, control characters, U+FFFE, lone surrogates written as escapes), so that no name can
 * stop the document or hide in it: the report always gives its verdict.
 */
import { Document, HeadingLevel, Paragraph, Table, TextRun } from "docx";
import type { Answers } from "../answers/model.js";
import type { Messages } from "../i18n/messages.js";
import type { SbomCheck } from "../sbom/check.js";
import { excerpt } from "../sbom/licence.js";
import { componentText, findingText, kindExample, licenceWords, listedPackages, packageWords, schemaWords, statusWord, summaryText, verdictText } from "../sbom/words.js";
import { visibleInline } from "../visible.js";
import { fixedTable } from "./table.js";

/** Packages listed in the Word report at most. */
export const REPORT_CAP = 500;
/** Characters of a licence text the SBOM defines itself quoted in the report. */
const REF_TEXT_LENGTH = 1000;
/** Licences the SBOM defines itself listed at most. */
const REF_CAP = 200;

const safe = (text: string): string => visibleInline(text);

function table(headers: readonly string[], widths: number[], rows: string[][]): Table {
  const text = (t: string, bold = false, keepNext = false): Paragraph =>
    new Paragraph({ spacing: { after: 0 }, ...(keepNext ? { keepNext } : {}), children: t === "" ? [] : [new TextRun({ text: safe(t), bold, size: 17 })] });
  return fixedTable({ widths, header: headers, headerParagraph: (h, style) => text(h, true, style.keepNext), rows: rows.map((r) => r.map((c) => ({ paragraphs: [text(c)] }))) });
}

const run = (text: string, options: { bold?: boolean } = {}): TextRun => new TextRun({ text: safe(text), ...options });

export function sbomReportDocument(file: string, check: SbomCheck, answers: Answers, t: Messages): Document {
  const label = (text: string): TextRun => run(t("sbom.report.label", { label: text }), { bold: true });
  const heading = (text: string): Paragraph => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(text)] });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(t("sbom.report.title"))] }),
    new Paragraph({ children: [label(t("sbom.report.tender")), run(`${answers.tender.reference} — ${answers.tender.title} (${answers.tender.buyer})`)] }),
    new Paragraph({ children: [label(t("sbom.report.sbom")), run(`${file} (${check.format})`)] }),
    new Paragraph({ children: [label(t("sbom.report.checked")), run(schemaWords(check, t))] }),
    new Paragraph({ children: [run(summaryText(check, t))] }),
    new Paragraph({ children: [run(verdictText(check, t), { bold: true })] }),
  ];
  const findingHeaders = [t("sbom.report.requirement"), t("sbom.report.status"), t("sbom.report.finding")];
  if (check.document.length > 0) {
    children.push(heading(t("sbom.report.document")));
    children.push(table(findingHeaders, [12, 14, 74], check.document.map((d) => [d.requirement, statusWord(d.severity, t), findingText(d, t)])), new Paragraph({ children: [] }));
  }
  if (check.components.length > 0) {
    children.push(heading(t("sbom.report.components")));
    children.push(table(findingHeaders, [12, 14, 74], check.components.map((c) => [c.requirement, statusWord(c.status, t), componentText(c, t)])), new Paragraph({ children: [] }));
  }
  const { listed, more, ok } = listedPackages(check, REPORT_CAP);
  if (more + ok > 0 && check.kinds.length > 0) {
    children.push(heading(t("sbom.report.kinds")));
    const rows = check.kinds.map((k) => {
      const example = kindExample(check, k);
      return [k.requirement, statusWord(k.severity, t), t.number(k.count), `${example ? `${packageWords(example.package, t)}: ` : ""}${findingText(k.example, t)}`];
    });
    children.push(table([t("sbom.report.requirement"), t("sbom.report.status"), t("sbom.report.count"), t("sbom.report.example")], [10, 12, 10, 68], rows), new Paragraph({ children: [] }));
  }
  children.push(heading(t("sbom.report.packages")));
  const rows = listed.map((p) => [statusWord(p.status, t), packageWords(p.package, t), licenceWords(p.package, t), p.findings.map((f) => `${f.requirement}: ${findingText(f, t)}`).join(" ")]);
  children.push(rows.length > 0 ? table([t("sbom.report.status"), t("sbom.report.package"), t("sbom.report.licence"), t("sbom.report.findings")], [12, 28, 20, 40], rows) : new Paragraph({ children: [run(t("sbom.none"))] }));
  if (more + ok > 0) children.push(new Paragraph({ children: [run(t("sbom.report.more", { more, ok }))] }));
  children.push(new Paragraph({ children: [] }));
  if (check.licenceRefs.size > 0) {
    children.push(heading(t("sbom.report.refs")));
    const refs = [...check.licenceRefs.values()].slice(0, REF_CAP);
    const text = (s: string | null): string => {
      if (s === null) return t("sbom.none");
      return s.length > REF_TEXT_LENGTH ? `${s.slice(0, REF_TEXT_LENGTH)}…` : s;
    };
    children.push(table([t("sbom.report.ref-id"), t("sbom.report.ref-name"), t("sbom.report.ref-text")], [25, 25, 50], refs.map((r) => [r.id, r.name ?? t("sbom.none"), excerpt(text(r.text)) === "none" ? t("sbom.none") : text(r.text).replace(/\s+/g, " ")])), new Paragraph({ children: [] }));
  }
  return new Document({
    creator: safe(answers.tender.buyer),
    lastModifiedBy: "Clausier",
    features: { updateFields: false },
    styles: {
      default: {
        document: { run: { font: "Arial", size: 20 }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: "Arial", size: 32, bold: true, color: "1F3864" }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: "Arial", size: 24, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
      },
    },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } } }, children }],
  });
}
