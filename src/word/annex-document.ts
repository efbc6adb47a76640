/**
 * The annex model laid out as a Word document with `docx`: Word's built-in styles (Title, Heading 1/2,
 * List Paragraph, Caption) so a buyer can restyle it, automatic numbering of parts and clauses, explicit
 * table widths (LibreOffice and others ignore automatic ones), a header with the tender reference and a
 * footer with "page X of Y".
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  PageNumber,
  Paragraph,
  Table,
  TextRun,
  type ISectionOptions,
} from "docx";
import type { Annex, AnnexTable } from "../rendering/annex.js";
import type { Block, Span } from "../rendering/spans.js";
import { fixedTable } from "./table.js";

const PAGE = { width: 11906, height: 16838, margin: 1417 }; // A4, 2.5 cm margins, in twentieths of a point
const FONT = "Arial";

export const NUMBERING = { headings: "annex-headings", bullets: "annex-bullets", letters: "annex-letters" } as const;

function runs(spans: readonly Span[], size?: number): TextRun[] {
  return spans.map((s) => new TextRun({ text: s.text, bold: s.strong, ...(size ? { size } : {}) }));
}

function blockParagraphs(block: Block, listInstance: () => number): Paragraph[] {
  if (block.kind === "paragraph") return [new Paragraph({ children: runs(block.spans), alignment: AlignmentType.BOTH })];
  if (!block.ordered) {
    return block.items.map((item) => new Paragraph({ children: runs(item), numbering: { reference: NUMBERING.bullets, level: 0 } }));
  }
  const instance = listInstance();
  return block.items.map((item) => new Paragraph({ children: runs(item), numbering: { reference: NUMBERING.letters, level: 0, instance } }));
}

function cellParagraph(text: string, bold = false, keepNext = false): Paragraph {
  return new Paragraph({ style: "TableText", ...(keepNext ? { keepNext } : {}), children: text === "" ? [] : [new TextRun({ text, bold })] });
}

function table(spec: { headers?: readonly string[]; widths: readonly number[]; rows: readonly (readonly string[])[] }): Table {
  return fixedTable({
    widths: spec.widths,
    ...(spec.headers ? { header: spec.headers, headerParagraph: (h: string, style: { readonly keepNext: true }) => cellParagraph(h, true, style.keepNext) } : {}),
    rows: spec.rows.map((row) => row.map((text) => ({ paragraphs: [cellParagraph(text)] }))),
  });
}

function annexTable(t: AnnexTable): (Paragraph | Table)[] {
  return [
    new Paragraph({ style: "Caption", keepNext: true, children: [new TextRun(t.caption)] }),
    table({ headers: t.headers, widths: t.widths, rows: t.rows }),
    // Word requires a paragraph between a table and what follows it; this one also spaces the table.
    new Paragraph({ children: [] }),
  ];
}

export function annexDocument(annex: Annex): Document {
  let lists = 0;
  const listInstance = (): number => ++lists;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(annex.title)] }),
    table({ widths: [28, 72], rows: annex.titleBlock.map(([label, value]) => [label, value]) }),
    new Paragraph({ children: [] }),
  ];
  for (const part of annex.parts) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: NUMBERING.headings, level: 0 }, children: [new TextRun(part.heading)] }),
    );
    for (const clause of part.clauses) {
      children.push(
        new Paragraph({ heading: HeadingLevel.HEADING_2, numbering: { reference: NUMBERING.headings, level: 1 }, children: [new TextRun(clause.heading)] }),
      );
      for (const block of clause.blocks) children.push(...blockParagraphs(block, listInstance));
      if (clause.table) children.push(...annexTable(clause.table));
    }
  }

  // Traceability: which clause, in which version and status, from which library; and the answers' digest.
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(annex.traceability.heading)] }));
  children.push(...annexTable(annex.traceability.table));
  children.push(new Paragraph({ children: [new TextRun(annex.traceability.digest)] }));

  const headerParagraphs = [new Paragraph({ style: "Header", alignment: AlignmentType.RIGHT, children: [new TextRun(annex.header)] })];
  if (annex.draft) {
    headerParagraphs.unshift(
      new Paragraph({ style: "Header", alignment: AlignmentType.CENTER, children: [new TextRun({ text: annex.words.draft, bold: true, color: "C00000", size: 20 })] }),
    );
  }
  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 709, footer: 709 },
      },
    },
    headers: {
      default: new Header({ children: headerParagraphs }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: "Footer",
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({ children: [`${annex.words.footer.page} `, PageNumber.CURRENT, ` ${annex.words.footer.of} `, PageNumber.TOTAL_PAGES] }),
            ],
          }),
        ],
      }),
    },
    children,
  };

  const level = (lvl: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string, left: number, hanging: number) => ({
    level: lvl,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left, hanging } } },
  });

  return new Document({
    title: annex.properties.title,
    subject: annex.properties.subject,
    creator: annex.properties.creator,
    keywords: annex.properties.keywords,
    description: annex.properties.description,
    lastModifiedBy: "Clausier",
    revision: 1,
    features: { updateFields: false },
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 }, paragraph: { spacing: { after: 120, line: 264 } } },
        title: { run: { font: FONT, size: 36, bold: true, color: "1F3864" }, paragraph: { spacing: { after: 240 } } },
        heading1: { run: { font: FONT, size: 26, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 22, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
        listParagraph: { run: { font: FONT, size: 20 } },
      },
      paragraphStyles: [
        { id: "Caption", name: "caption", basedOn: "Normal", next: "Normal", quickFormat: true, run: { size: 18, bold: true, color: "1F3864" }, paragraph: { spacing: { before: 120, after: 60 } } },
        { id: "TableText", name: "Table Text", basedOn: "Normal", quickFormat: true, run: { size: 17 }, paragraph: { spacing: { after: 0, line: 240 } } },
        { id: "Header", name: "header", basedOn: "Normal", run: { size: 16, color: "595959" } },
        { id: "Footer", name: "footer", basedOn: "Normal", run: { size: 16, color: "595959" } },
      ],
    },
    numbering: {
      config: [
        {
          reference: NUMBERING.headings,
          levels: [level(0, LevelFormat.DECIMAL, "%1.", 567, 567), level(1, LevelFormat.DECIMAL, "%1.%2.", 567, 567)],
        },
        { reference: NUMBERING.bullets, levels: [level(0, LevelFormat.BULLET, "\u2022", 567, 283)] },
        { reference: NUMBERING.letters, levels: [level(0, LevelFormat.LOWER_LETTER, "%1)", 567, 340)] },
      ],
    },
    sections: [section],
  });
}
