/**
 * The clause library as a Word document for a legal review meeting: per clause its metadata, sources,
 * condition in plain words, and its text with the variables (highlighted) and the logic (in brackets)
 * visibly marked; English, French, or both side by side.
 */
import { AlignmentType, Document, Footer, Header, HeadingLevel, PageNumber, Paragraph, ShadingType, Tab, Table, TextRun } from "docx";
import { messages, type Language, type Messages } from "../i18n/messages.js";
import { familyName } from "../selection/select.js";
import { describeCondition, describeNature, markedTemplate } from "../clauses/describe.js";
import { changeText, type Clause, type ClauseLibrary, type ClauseRows } from "../clauses/library.js";
import { nextReview } from "../clauses/lint.js";
import { toBlocks, type Block, type Span } from "../rendering/spans.js";
import { fixedTable } from "./table.js";

export type CatalogueLanguage = Language | "both";

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

/** The template of a clause in a language, its logic written in that language's words. */
function templateParagraphs(source: string, language: Language): Paragraph[] {
  return blockParagraphs(toBlocks(markedTemplate(source, messages(language))));
}

function metadataTable(clause: Clause, t: Messages, status: (s: string) => string, nature: (c: Clause) => string): Table {
  const rows: [string, string][] = [
    [t("catalogue.metadata.id"), clause.id],
    [t("catalogue.metadata.requirement"), clause.requirement ?? t("catalogue.none")],
    ...(clause.requirement !== undefined ? [[t("catalogue.metadata.nature"), nature(clause)] as [string, string]] : []),
    [t("catalogue.metadata.family"), clause.family !== undefined ? familyName(clause.family, t) : t("catalogue.none")],
    [t("catalogue.metadata.version"), clause.version],
    [t("catalogue.metadata.status"), status(clause.status)],
    [t("catalogue.metadata.owner"), clause.owner],
    [t("catalogue.metadata.reviewer"), clause.reviewer],
    [t("catalogue.metadata.last-review"), clause.reviewDate],
    [t("catalogue.metadata.next-review"), nextReview(clause)],
    [t("catalogue.metadata.part"), `${clause.part}, ${clause.order}`],
    [t("catalogue.metadata.condition"), describeCondition(clause.when, t)],
    [t("catalogue.metadata.file"), clause.file],
  ];
  const small = (text: string, bold = false): Paragraph => new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] });
  return fixedTable({ widths: [28, 72], rows: rows.map(([label, value]) => [{ paragraphs: [small(label, true)], shaded: true }, { paragraphs: [small(value)] }]) });
}

function textSection(clause: Clause, languages: readonly Language[], t: Messages): (Paragraph | Table)[] {
  const parts: [string, (lang: Language) => string | undefined][] = [
    [t("catalogue.text"), (lang) => clause.text[lang]],
    [t("catalogue.evidence-tender"), (lang) => clause.evidence?.tender[lang]],
    [t("catalogue.evidence-acceptance"), (lang) => clause.evidence?.acceptance[lang]],
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
          header: languages.map((lang) => messages(lang)("interview.language-name")),
          rows: [languages.map((lang) => ({ paragraphs: templateParagraphs(source(lang) ?? "", lang) }))],
          keepRowsWhole: false,
        }),
        new Paragraph({ children: [] }),
      );
    }
  }
  return out;
}

/** A clause's own table, each row with the condition under which it is printed, per language shown. */
function rowsSection(rows: ClauseRows, languages: readonly Language[], t: Messages): (Paragraph | Table)[] {
  const small = (text: string, bold = false, keepNext = false): Paragraph => new Paragraph({ ...(keepNext ? { keepNext } : {}), children: [new TextRun({ text, bold, size: 18 })] });
  const out: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(t("catalogue.rows"))] })];
  for (const lang of languages) {
    const condition = rows.items.some((r) => r.when !== undefined);
    const widths = condition ? [...rows.widths.map((w) => Math.max(3, Math.round((w * 80) / 100))), 20] : [...rows.widths];
    out.push(
      new Paragraph({ children: [new TextRun({ text: rows.caption[lang], italics: true })] }),
      fixedTable({
        widths,
        header: [...rows.headers[lang], ...(condition ? [t("catalogue.metadata.condition")] : [])],
        headerParagraph: (h, style) => small(h, true, style.keepNext),
        rows: rows.items.map((r) => [...r[lang], ...(condition ? [r.when === undefined ? t("describe.always") : describeCondition(r.when, t)] : [])].map((c) => ({ paragraphs: [small(c)] }))),
        keepRowsWhole: false,
      }),
      new Paragraph({ children: [] }),
    );
  }
  return out;
}

/**
 * The library for a review meeting. `language`: the clause texts shown (one language, or both side by
 * side); `ui`: the language of the document's own words (labels, conditions, the logic of the texts).
 */
export function catalogueDocument(library: ClauseLibrary, language: CatalogueLanguage, ui: Language = language === "both" ? "en" : language): Document {
  const languages: Language[] = language === "both" ? ["en", "fr"] : [language];
  const t = messages(ui);
  const status = (s: string): string => library.words[ui].terms[s] ?? s;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t("catalogue.title"))] }),
    new Paragraph({ children: [new TextRun(t("catalogue.intro", { count: library.clauses.length }))] }),
  ];
  for (const clause of library.clauses) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: children.length > 2, children: [new TextRun(`${clause.requirement ? `${clause.requirement} – ` : ""}${clause.title[ui]}`)] }));
    children.push(metadataTable(clause, t, status, (c) => describeNature(c, library.words[ui].natures, t)), new Paragraph({ children: [] }));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(t("catalogue.sources"))] }));
    children.push(...clause.sources.map((s) => listItem("•", [new TextRun(s)])));
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(t("catalogue.history"))] }));
    // The history in the language of the document's own words, as its heading.
    children.push(...clause.history.map((h) => listItem("•", [new TextRun(`${h.version} (${h.date}): ${changeText(h.change, ui)}`)])));
    children.push(...textSection(clause, languages, t));
    if (clause.rows !== undefined) children.push(...rowsSection(clause.rows, languages, t));
  }
  return new Document({
    title: t("catalogue.title"),
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
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: t("catalogue.title"), size: 16, color: "595959" })] })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 16, color: "595959", children: [`${t("catalogue.page")} `, PageNumber.CURRENT, ` ${t("catalogue.of")} `, PageNumber.TOTAL_PAGES] })] })],
          }),
        },
        children,
      },
    ],
  });
}
