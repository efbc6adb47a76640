/**
 * Answers + selected clauses → the annex as a document model (parts, numbered clauses, blocks, tables),
 * independent of Word. The Word writer (src/word) only lays this model out.
 */
import type { Answers, Language } from "../answers/model.js";
import type { AnnexWords, Clause, ClauseLibrary, ClauseTable } from "../clauses/library.js";
import type { ClauseSelection } from "../selection/select.js";
import { formatDate, renderClauseText } from "./clause-text.js";
import { outlineAnnex } from "./outline.js";
import { plainText, toBlocks, toSpans, type Block, type Span } from "./spans.js";
import { findForbiddenCharacter } from "../answers/text.js";
import { ClauseRenderError } from "../errors.js";
import { fillWords } from "../words.js";
import { conditionHolds, natureOf } from "../selection/select.js";
import { frenchTypography } from "./typography.js";

export { outlineAnnex, type OutlineEntry } from "./outline.js";

export interface AnnexTable {
  readonly kind: ClauseTable | "traceability";
  /** "Table 1 – Required open source components". */
  readonly caption: string;
  readonly headers: readonly string[];
  /** Relative column widths (they add up to 100). */
  readonly widths: readonly number[];
  readonly rows: readonly (readonly string[])[];
  /** Columns left empty for the bidder. */
  readonly blankColumns: readonly number[];
}

export interface AnnexClause {
  readonly id: string;
  readonly version: string;
  readonly status: Clause["status"];
  /** "2.3", as Word numbers it. */
  readonly number: string;
  readonly heading: string;
  readonly requirement?: string;
  readonly blocks: readonly Block[];
  readonly table?: AnnexTable;
}

export interface AnnexPart {
  readonly id: string;
  readonly number: string;
  readonly heading: string;
  readonly clauses: readonly AnnexClause[];
}

export interface AnnexOptions {
  /** SHA-256 (hex) of the answers file the annex is built from, printed in the traceability section. */
  readonly answersDigest: string;
}

export interface Annex {
  readonly language: Language;
  /** Whether a clause that is not approved is included: every page then says so. */
  readonly draft: boolean;
  readonly traceability: { readonly heading: string; readonly table: AnnexTable; readonly digest: string };
  readonly title: string;
  readonly words: AnnexWords;
  /** Label and value of each line of the title block. */
  readonly titleBlock: readonly (readonly [string, string])[];
  readonly header: string;
  readonly issueDate: string | null;
  readonly properties: {
    readonly title: string;
    readonly subject: string;
    readonly creator: string;
    readonly keywords: string;
    readonly description: string;
  };
  readonly parts: readonly AnnexPart[];
}

/** Widths of the tables whose columns Clausier fixes; a clause's own table (rows) gives its widths. */
const TABLE_WIDTHS: Record<Exclude<ClauseTable, "rows"> | "traceability", readonly number[]> = {
  traceability: [50, 12, 16, 22],
  components: [11, 15, 20, 13, 9, 18, 14],
  response: [10, 19, 15, 30, 26],
  acceptance: [10, 22, 68],
};
const BLANK_COLUMNS: Record<ClauseTable, readonly number[]> = { components: [], response: [4], acceptance: [], rows: [] };

/** The spans of a rendered text, checked: a character that cannot be printed can only be the clause's own. */
function checkedSpans(spans: readonly Span[]): readonly Span[] {
  const bad = spans.find((s) => findForbiddenCharacter(s.text) !== undefined);
  if (bad !== undefined) throw new Error(`a character that cannot be printed in "${bad.text.slice(0, 40)}"`);
  return spans;
}

/**
 * A clause's text rendered and cut into blocks, as the annex prints it. Whatever goes wrong is the clause's
 * (its answers were validated): a ClauseRenderError names it. The clause's own words are checked for
 * characters that cannot be printed, so that none reaches the Word file.
 */
function clauseBlocks(clause: Clause, language: Language, words: AnnexWords, answers: Answers): Block[] {
  try {
    const blocks = toBlocks(renderClauseText(clause, language, words, answers));
    for (const block of blocks) for (const spans of block.kind === "paragraph" ? [block.spans] : block.items) checkedSpans(spans);
    return blocks;
  } catch (e) {
    throw new ClauseRenderError(clause, e);
  }
}

/** Evidence texts are templates too (they may depend on the answers); they print as one plain text, on one line. */
function evidenceText(clause: Clause, when: "tender" | "acceptance", answers: Answers, words: AnnexWords): string {
  const source = clause.evidence?.[when][words.language];
  if (source === undefined) return "";
  try {
    const rendered = renderClauseText(clause, words.language, words, answers, source);
    const line = rendered
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .join(" ");
    return plainText(checkedSpans(toSpans(line)));
  } catch (e) {
    throw new ClauseRenderError(clause, e);
  }
}

function tableRows(kind: ClauseTable, clause: Clause, included: readonly Clause[], answers: Answers, words: AnnexWords): string[][] {
  const lang = words.language;
  const dash = words.tables.empty;
  const nature = (c: Clause): string => words.natures[natureOf(c, answers, true)];
  switch (kind) {
    case "rows": {
      const hasRequirements = included.some((c) => c.requirement !== undefined);
      const cell = (text: string): string => (lang === "fr" ? frenchTypography(text) : text);
      return (clause.rows?.items ?? []).filter((row) => row.when === undefined || conditionHolds(row.when, answers, hasRequirements)).map((row) => row[lang].map(cell));
    }
    case "components":
      return answers.components.map((c, i) => [
        `${clause.requirement ?? "C"}.${i + 1}`,
        c.name,
        c.purpose,
        c.license,
        c.version ?? dash,
        c.repository ?? dash,
        c.governance ?? dash,
      ]);
    case "response":
      return included.flatMap((c) => {
        if (c.requirement === undefined || c.evidence === undefined) return [];
        const evidence = evidenceText(c, "tender", answers, words);
        if (c.table === "components") {
          // "PostgreSQL (licence: PostgreSQL)": the licence labelled with the components table's own heading.
          const licenceWord = words.tables.components.headers[3] ?? "";
          const labelled = (licence: string): string => (licenceWord === "" ? licence : `${licenceWord.toLocaleLowerCase(lang)}${lang === "fr" ? "\u00a0" : ""}: ${licence}`);
          return answers.components.map((comp, i) => [`${c.requirement}.${i + 1}`, `${comp.name} (${labelled(comp.license)})`, nature(c), evidence, ""]);
        }
        return [[c.requirement, c.title[lang], nature(c), evidence, ""]];
      });
    case "acceptance":
      return included.flatMap((c) =>
        c.requirement !== undefined && c.evidence !== undefined ? [[c.requirement, c.title[lang], evidenceText(c, "acceptance", answers, words)]] : [],
      );
  }
}

export function composeAnnex(library: ClauseLibrary, selection: ClauseSelection, answers: Answers, options: AnnexOptions): Annex {
  const language = answers.tender.language;
  const words = library.words[language];
  const t = answers.tender;
  let tableNumber = 0;
  const parts: AnnexPart[] = [];
  const outline = outlineAnnex(library, selection, language);
  for (const part of library.template.parts) {
    const entries = outline.filter((o) => o.clause.part === part.id);
    if (entries.length === 0) continue;
    const partNumber = String(parts.length + 1);
    const annexClauses = entries.map(({ clause, number, heading }): AnnexClause => {
      const blocks = clauseBlocks(clause, language, words, answers);
      let table: AnnexTable | undefined;
      if (clause.table !== undefined) {
        const rows = tableRows(clause.table, clause, selection.included, answers, words);
        if (rows.length > 0) {
          tableNumber++;
          const own = clause.table === "rows" ? clause.rows : undefined;
          const spec = own !== undefined ? { caption: own.caption[language], headers: own.headers[language] } : words.tables[clause.table as Exclude<ClauseTable, "rows">];
          table = {
            kind: clause.table,
            caption: fillWords(words.tables.numbered, { number: String(tableNumber), caption: language === "fr" && own !== undefined ? frenchTypography(spec.caption) : spec.caption }),
            headers: spec.headers,
            widths: own !== undefined ? own.widths : TABLE_WIDTHS[clause.table as Exclude<ClauseTable, "rows">],
            rows,
            blankColumns: BLANK_COLUMNS[clause.table],
          };
        }
      }
      return {
        id: clause.id,
        version: clause.version,
        status: clause.status,
        number,
        heading,
        ...(clause.requirement !== undefined ? { requirement: clause.requirement } : {}),
        blocks,
        ...(table ? { table } : {}),
      };
    });
    parts.push({ id: part.id, number: partNumber, heading: part.title[language], clauses: annexClauses });
  }

  const tb = words.titleBlock;
  const titleBlock: [string, string][] = [
    [tb.buyer, t.buyer],
    [tb.tender, t.title],
    [tb.reference, t.reference],
  ];
  if (t.lot !== null) titleBlock.push([tb.lot, t.lot]);
  if (t.issueDate !== null) titleBlock.push([tb.issueDate, formatDate(t.issueDate, language)]);
  const title = library.template.title[language];
  const term = (key: string): string => words.terms[key] ?? key;
  // Each clause by its title in the annex's language, with the identifier of its file for the reviewer.
  const traceRows = selection.included.map((c) => [`${c.title[language]} (${c.id})`, c.version, term(c.status), term(c.overlay ? "overlay" : "built-in")]);
  const traceSpec = words.tables.traceability;
  return {
    language,
    draft: selection.included.some((c) => c.status !== "approved"),
    traceability: {
      heading: words.traceability.heading,
      table: {
        kind: "traceability",
        caption: fillWords(words.tables.numbered, { number: String(tableNumber + 1), caption: traceSpec.caption }),
        headers: traceSpec.headers,
        widths: TABLE_WIDTHS.traceability,
        rows: traceRows,
        blankColumns: [],
      },
      digest: fillWords(words.traceability.digest, { digest: options.answersDigest }),
    },
    title,
    words,
    titleBlock,
    header: fillWords(words.header, { reference: t.reference }),
    issueDate: t.issueDate,
    properties: {
      title: `${title} — ${t.title}`,
      subject: words.properties.subject,
      creator: t.buyer,
      keywords: words.properties.keywords,
      description: t.lot !== null ? `${t.reference} — ${t.lot}` : t.reference,
    },
    parts,
  };
}
