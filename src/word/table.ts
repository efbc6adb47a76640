/**
 * The one way Clausier lays out a table in Word: explicit column widths that fill the text width (other
 * word processors ignore automatic ones), fixed layout, thin grey borders, cell margins, a shaded header row
 * repeated on every page. Used by the annex, the library catalogue and the SBOM acceptance report.
 */
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from "docx";

const PAGE = { width: 11906, margin: 1417 }; // A4, 2.5 cm margins, in twentieths of a point
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 };
const SHADING = { type: ShadingType.CLEAR, fill: "E7E6E6", color: "auto" } as const;

/** Column widths in twips from relative widths, adding up exactly to the text width. */
export function columnWidths(relative: readonly number[], total = TEXT_WIDTH): number[] {
  const sum = relative.reduce((a, b) => a + b, 0);
  const widths = relative.map((w) => Math.floor((w / sum) * total));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + rest;
  return widths;
}

export interface CellSpec {
  readonly paragraphs: readonly Paragraph[];
  /** Shaded like a heading (a label column). */
  readonly shaded?: boolean;
}

export interface TableSpec {
  /** Relative column widths. */
  readonly widths: readonly number[];
  /** The header row, one text per column; repeated on every page and kept with the first row. */
  readonly header?: readonly string[];
  /** How a header text is written (bold); it must pass `keepNext` on to its paragraph. */
  readonly headerParagraph?: (text: string, style: { readonly keepNext: true }) => Paragraph;
  readonly rows: readonly (readonly CellSpec[])[];
  /** Keep each body row on one page (default true); false for rows that may run over pages. */
  readonly keepRowsWhole?: boolean;
}

export function fixedTable(spec: TableSpec): Table {
  const widths = columnWidths(spec.widths);
  const cell = (c: CellSpec, i: number): TableCell =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: CELL_MARGIN,
      ...(c.shaded ? { shading: SHADING } : {}),
      // A cell must end with a paragraph.
      children: c.paragraphs.length > 0 ? [...c.paragraphs] : [new Paragraph({ children: [] })],
    });
  const rows: TableRow[] = [];
  if (spec.header) {
    // The header row keeps with the next row (keepNext on its paragraphs): a repeated header row left alone
    // at the foot of a page makes LibreOffice drop the table's remaining rows from the page layout (seen on
    // a French annex, whose PDF printed the acceptance table's header and nothing under it); Word keeps
    // them together too.
    const paragraph = spec.headerParagraph ?? ((text: string, style: { readonly keepNext: true }) => new Paragraph({ keepNext: style.keepNext, children: [new TextRun({ text, bold: true })] }));
    rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: spec.header.map((text, i) => cell({ paragraphs: [paragraph(text, { keepNext: true })], shaded: true }, i)) }));
  }
  for (const row of spec.rows) rows.push(new TableRow({ cantSplit: spec.keepRowsWhole ?? true, children: row.map(cell) }));
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders: BORDERS, rows });
}
