/**
 * The clause library as a Word document for a legal review meeting: per clause its metadata, sources,
 * condition in plain words, and its text with the variables (highlighted) and the logic (in brackets)
 * visibly marked; English, French, or both side by side.
 */
import { AlignmentType, Document, Footer, Header, HeadingLevel, PageNumber, Paragraph, ShadingType, Tab, Table, TextRun } from "docx";
import type { Language } from "../answers/model.js";
import { describeCondition, markedTemplate } from "../clauses/describe.js";
import type { Clause, ClauseLibrary } from "../clauses/library.js";
import { nextReview } from "../clauses/lint.js";
import { toBlocks, type Block, type Span } from "../rendering/spans.js";
import { fixedTable } from "./table.js";

export type CatalogueLanguage = Language | "both";

const LABELS = {
  en: {
    title: "Clause library",
    intro: (n: number) =>
      `This document lists the ${n} clauses of the library, with their metadata and their text. Highlighted text between ‹ › is replaced by the buyer's answers; text in [brackets] is the logic that decides which words apply.`,
    metadata: ["Id", "Requirement", "Version", "Status", "Owner", "Reviewer", "Last review", "Next review", "Part and order", "Condition", "File"],
    sources: "Sources",
    history: "History",
    text: "Text",
    evidenceTender: "Evidence with the tender",
    evidenceAcceptance: "Evidence at acceptance",
    page: "Page",
    of: "of",
    none: "—",
  },
  fr: {
    title: "Bibliothèque de clauses",
    intro: (n: number) =>
      `Ce document présente les ${n} clauses de la bibliothèque, avec leurs métadonnées et leur texte. Le texte surligné entre ‹ › est remplacé par les réponses de l’acheteur ; le texte [entre crochets] est la logique qui choisit les mots applicables.`,
    metadata: ["Identifiant", "Exigence", "Version", "Statut", "Responsable", "Relecteur", "Dernière relecture", "Prochaine relecture", "Partie et ordre", "Condition", "Fichier"],
    sources: "Sources",
    history: "Historique",
    text: "Texte",
    evidenceTender: "Justificatif avec l’offre",
    evidenceAcceptance: "Justificatif à l’admission",
    page: "Page",
    of: "sur",
    none: "—",
  },
} as const;


function runs(spans: readonly Span[]): TextRun[] {
  return spans.map((s) =>
    s.control
      ? new TextRun({ text: s.text, italics: true, color: "7030A0" })
      : new TextRun({ text: s.text, bold: s.strong, ...(s.answer ? { shading: { type: ShadingType.CLEAR, fill: "FFF2CC", color: "auto" } } : {}) }),
  );
}

/** A list item with a hanging mark; the tab is a Word tab element, never a raw tab in the text. */
function listItem(mark: string, content: TextRun[]): Paragraph {
  return new Paragraph({ indent: { left: 425, hanging: 283 }, children: [new TextRun({ children: [mark, new Tab()] }), ...content] });
}

function blockParagraphs(blocks: readonly Block[]): Paragraph[] {
  return blocks.flatMap((block) =>
    block.kind === "paragraph"
      ? [new Paragraph({ children: runs(block.spans) })]
      : block.items.map((item, i) => listItem(block.ordered ? `${String.fromCharCode(97 + i)})` : "•", runs(item))),
  );
}

function templateParagraphs(source: string, language: Language): Paragraph[] {
  return blockParagraphs(toBlocks(markedTemplate(source, language)));
}

function metadataTable(clause: Clause, language: Language, status: (s: string) => string): Table {
  const l = LABELS[language];
  const values = [
    clause.id,
    clause.requirement ?? l.none,
    clause.version,
    status(clause.status),
    clause.owner,
    clause.reviewer,
    clause.reviewDate,
    nextReview(clause),
    `${clause.part}, ${clause.order}`,
    describeCondition(clause.when, language),
    clause.file,
  ];
  const small = (text: string, bold = false): Paragraph => new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] });
  return fixedTable({ widths: [28, 72], rows: l.metadata.map((label, i) => [{ paragraphs: [small(label, true)], shaded: true }, { paragraphs: [small(values[i] ?? "")] }]) });
}

function textSection(clause: Clause, languages: readonly Language[], uiLanguage: Language): (Paragraph | Table)[] {
  const l = LABELS[uiLanguage];
  const parts: [string, (lang: Language) => string | undefined][] = [
    [l.text, (lang) => clause.text[lang]],
    [l.evidenceTender, (lang) => clause.evidence?.tender[lang]],
    [l.evidenceAcceptance, (lang) => clause.evidence?.acceptance[lang]],
  ];
  const out: (Paragraph | Table)[] = [];
  for (const [heading, source] of parts) {
    if (source(languages[0] ?? "en") === undefined) continue;
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(heading)] }));
    if (languages.length === 1) {
      out.push(...templateParagraphs(source(languages[0] ?? "en") ?? "", languages[0] ?? "en"));
    } else {
      out.push(
        fixedTable({
          widths: [50, 50],
          header: languages.map((lang) => [new Paragraph({ children: [new TextRun({ text: lang === "en" ? "English" : "Français", bold: true })] })]),
          rows: [languages.map((lang) => ({ paragraphs: templateParagraphs(source(lang) ?? "", lang) }))],
          keepRowsWhole: false,
        }),
        new Paragraph({ children: [] }),
      );
    }
  }
  return out;
}

export function catalogueDocument(library: ClauseLibrary, language: CatalogueLanguage): Document {
  const ui: Language = language === "fr" ? "fr" : "en";
  const languages: Language[] = language === "both" ? ["en", "fr"] : [language];
  const l = LABELS[ui];
  const status = (s: string): string => library.words[ui].terms[s] ?? s;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(l.title)] }),
    new Paragraph({ children: [new TextRun(l.intro(library.clauses.length))] }),
  ];
  for (const clause of library.clauses) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: children.length > 2, children: [new TextRun(`${clause.requirement ? `${clause.requirement} – ` : ""}${clause.title[ui]}`)] }));
    children.push(metadataTable(clause, ui, status), new Paragraph({ children: [] }));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(l.sources)] }));
    children.push(...clause.sources.map((s) => listItem("•", [new TextRun(s)])));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(l.history)] }));
    children.push(...clause.history.map((h) => listItem("•", [new TextRun(`${h.version} (${h.date}): ${h.change}`)])));
    children.push(...textSection(clause, languages, ui));
  }
  return new Document({
    title: l.title,
    creator: "Clausier",
    lastModifiedBy: "Clausier",
    revision: 1,
    features: { updateFields: false },
    styles: {
      default: {
        document: { run: { font: "Arial", size: 20 }, paragraph: { spacing: { after: 100 } } },
        title: { run: { font: "Arial", size: 36, bold: true, color: "1F3864" } },
        heading1: { run: { font: "Arial", size: 26, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: "Arial", size: 20, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1417, bottom: 1417, left: 1417, right: 1417, header: 709, footer: 709 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: l.title, size: 16, color: "595959" })] })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 16, color: "595959", children: [`${l.page} `, PageNumber.CURRENT, ` ${l.of} `, PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
}
