/** The acceptance report of a delivered SBOM, in the tender's language, citing the annex's requirements. */
import { Document, HeadingLevel, Paragraph, Table, TextRun } from "docx";
import type { Answers } from "../answers/model.js";
import type { Messages } from "../i18n/messages.js";
import type { SbomCheck } from "../sbom/check.js";
import { componentText, findingText, schemaWords, statusWord, summaryText, verdictText } from "../sbom/words.js";
import { fixedTable } from "./table.js";

function table(headers: readonly string[], widths: number[], rows: string[][]): Table {
  const text = (t: string, bold = false): Paragraph => new Paragraph({ spacing: { after: 0 }, children: t === "" ? [] : [new TextRun({ text: t, bold, size: 17 })] });
  return fixedTable({ widths, header: headers.map((h) => [text(h, true)]), rows: rows.map((r) => r.map((c) => ({ paragraphs: [text(c)] }))) });
}

export function sbomReportDocument(file: string, check: SbomCheck, answers: Answers, t: Messages): Document {
  const label = (text: string): TextRun => new TextRun({ text: t("sbom.report.label", { label: text }), bold: true });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t("sbom.report.title"))] }),
    new Paragraph({ children: [label(t("sbom.report.tender")), new TextRun(`${answers.tender.reference} — ${answers.tender.title} (${answers.tender.buyer})`)] }),
    new Paragraph({ children: [label(t("sbom.report.sbom")), new TextRun(`${file} (${check.format})`)] }),
    new Paragraph({ children: [label(t("sbom.report.checked")), new TextRun(schemaWords(check, t))] }),
    new Paragraph({ children: [new TextRun(summaryText(check, t))] }),
    new Paragraph({ children: [new TextRun({ text: verdictText(check, t), bold: true })] }),
  ];
  const findingHeaders = [t("sbom.report.requirement"), t("sbom.report.status"), t("sbom.report.finding")];
  if (check.document.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t("sbom.report.document"))] }));
    children.push(table(findingHeaders, [12, 14, 74], check.document.map((d) => [d.requirement, statusWord(d.severity, t), findingText(d, t)])), new Paragraph({ children: [] }));
  }
  if (check.components.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t("sbom.report.components"))] }));
    children.push(table(findingHeaders, [12, 14, 74], check.components.map((c) => [c.requirement, statusWord(c.status, t), componentText(c, t)])), new Paragraph({ children: [] }));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t("sbom.report.packages"))] }));
  const rows = check.packages.map((p) => [
    statusWord(p.status, t),
    `${p.package.name}${p.package.version ? ` ${p.package.version}` : ""}`,
    p.package.licence ?? t("sbom.none"),
    p.findings.map((f) => `${f.requirement}: ${findingText(f, t)}`).join(" "),
  ]);
  children.push(rows.length > 0 ? table([t("sbom.report.status"), t("sbom.report.package"), t("sbom.report.licence"), t("sbom.report.findings")], [12, 28, 20, 40], rows) : new Paragraph({ children: [new TextRun(t("sbom.none"))] }), new Paragraph({ children: [] }));
  return new Document({
    creator: answers.tender.buyer,
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
