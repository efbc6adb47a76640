/** The acceptance report of a delivered SBOM, in the tender's language, citing the annex's requirements. */
import { Document, HeadingLevel, Paragraph, Table, TextRun } from "docx";
import type { Answers } from "../answers/model.js";
import type { SbomCheck } from "../sbom/check.js";
import { fixedTable } from "./table.js";

const WORDS = {
  en: {
    title: "SBOM acceptance report",
    tender: "Tender",
    sbom: "SBOM",
    checked: "Checked against",
    summary: (c: SbomCheck) => `${c.packages.length} packages: ${c.counts.packages.ok} ok, ${c.counts.packages.warning} with warnings, ${c.counts.packages.error} with errors; ${c.counts.withoutLicence} without a licence.`,
    verdict: (ok: boolean) => (ok ? "The delivery meets the requirements of the annex checked here." : "The delivery does not meet the requirements of the annex: see the findings below."),
    document: "Findings on the document",
    components: "Required components (OSS-01)",
    packages: "Packages",
    headers: ["Status", "Package", "Licence", "Findings"],
    componentHeaders: ["Req.", "Status", "Finding"],
    status: { ok: "ok", warning: "warning", error: "error" },
    none: "none",
  },
  fr: {
    title: "Rapport d’admission de la nomenclature logicielle (SBOM)",
    tender: "Consultation",
    sbom: "Nomenclature",
    checked: "Vérifiée au regard de",
    summary: (c: SbomCheck) => `${c.packages.length} paquets\u00a0: ${c.counts.packages.ok} conformes, ${c.counts.packages.warning} avec avertissement, ${c.counts.packages.error} en erreur\u00a0; ${c.counts.withoutLicence} sans licence.`,
    verdict: (ok: boolean) => (ok ? "La livraison satisfait aux exigences de l’annexe vérifiées ici." : "La livraison ne satisfait pas aux exigences de l’annexe : voir les constats ci-dessous."),
    document: "Constats sur le document",
    components: "Composants exigés (OSS-01)",
    packages: "Paquets",
    headers: ["Statut", "Paquet", "Licence", "Constats"],
    componentHeaders: ["Exig.", "Statut", "Constat"],
    status: { ok: "conforme", warning: "avertissement", error: "erreur" },
    none: "aucune",
  },
} as const;

function table(headers: readonly string[], widths: number[], rows: string[][]): Table {
  const text = (t: string, bold = false): Paragraph => new Paragraph({ spacing: { after: 0 }, children: t === "" ? [] : [new TextRun({ text: t, bold, size: 17 })] });
  return fixedTable({ widths, header: headers.map((h) => [text(h, true)]), rows: rows.map((r) => r.map((c) => ({ paragraphs: [text(c)] }))) });
}

export function sbomReportDocument(file: string, check: SbomCheck, answers: Answers): Document {
  const l = WORDS[answers.tender.language];
  const colon = answers.tender.language === "fr" ? "\u00a0: " : ": ";
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(l.title)] }),
    new Paragraph({ children: [new TextRun({ text: `${l.tender}${colon}`, bold: true }), new TextRun(`${answers.tender.reference} — ${answers.tender.title} (${answers.tender.buyer})`)] }),
    new Paragraph({ children: [new TextRun({ text: `${l.sbom}${colon}`, bold: true }), new TextRun(`${file} (${check.format})`)] }),
    new Paragraph({ children: [new TextRun({ text: `${l.checked}${colon}`, bold: true }), new TextRun(check.schema.against)] }),
    new Paragraph({ children: [new TextRun(l.summary(check))] }),
    new Paragraph({ children: [new TextRun({ text: l.verdict(check.counts.errors === 0), bold: true })] }),
  ];
  if (check.document.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.document)] }));
    children.push(table(l.componentHeaders, [12, 14, 74], check.document.map((d) => [d.requirement, l.status[d.severity], d.message])), new Paragraph({ children: [] }));
  }
  if (check.components.length > 0) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.components)] }));
    children.push(table(l.componentHeaders, [12, 14, 74], check.components.map((c) => [c.requirement, l.status[c.status], c.message])), new Paragraph({ children: [] }));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.packages)] }));
  const rows = check.packages.map((p) => [l.status[p.status], `${p.package.name}${p.package.version ? ` ${p.package.version}` : ""}`, p.package.licence ?? l.none, p.findings.map((f) => `${f.requirement}: ${f.message}`).join(" ")]);
  children.push(rows.length > 0 ? table(l.headers, [12, 28, 20, 40], rows) : new Paragraph({ children: [new TextRun(l.none)] }), new Paragraph({ children: [] }));
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
