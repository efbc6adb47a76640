/**
 * The numbered headings of an annex (part and clause numbers, headings with requirement identifiers),
 * without rendering any clause text: what `validate` and the interview's review report, and the numbering
 * the annex itself uses.
 */
import type { Language } from "../answers/model.js";
import type { Clause, ClauseLibrary } from "../clauses/library.js";
import type { ClauseSelection } from "../selection/select.js";
import { fillWords } from "../words.js";

export interface OutlineEntry {
  readonly clause: Clause;
  /** "2.3", as Word numbers it. */
  readonly number: string;
  readonly heading: string;
}

/** The numbered headings of the annex, without rendering any text (what `validate` reports). */
export function outlineAnnex(library: ClauseLibrary, selection: ClauseSelection, language: Language): OutlineEntry[] {
  const words = library.words[language];
  const out: OutlineEntry[] = [];
  let part = 0;
  for (const p of library.template.parts) {
    const clauses = selection.included.filter((c) => c.part === p.id);
    if (clauses.length === 0) continue;
    part++;
    clauses.forEach((clause, i) => {
      const title = clause.title[language];
      const heading = clause.requirement !== undefined ? fillWords(words.heading, { title, requirement: clause.requirement }) : title;
      out.push({ clause, number: `${part}.${i + 1}`, heading });
    });
  }
  return out;
}

