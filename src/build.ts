/**
 * The pipeline, without input or output: validated answers → clause selection → annex model → .docx bytes.
 */
import type { Answers } from "./answers/model.js";
import { builtInLibrary, type ClauseLibrary } from "./clauses/library.js";
import { composeAnnex, type Annex } from "./rendering/annex.js";
import { selectClauses, type ClauseSelection } from "./selection/select.js";
import { annexDocument } from "./word/annex-document.js";
import { packDocx } from "./word/package.js";

export interface BuiltAnnex {
  readonly selection: ClauseSelection;
  readonly annex: Annex;
  readonly bytes: Uint8Array;
}

export function composeFromAnswers(answers: Answers, library: ClauseLibrary = builtInLibrary()): { selection: ClauseSelection; annex: Annex } {
  const selection = selectClauses(library, answers);
  return { selection, annex: composeAnnex(library, selection, answers) };
}

export async function buildAnnex(answers: Answers, library: ClauseLibrary = builtInLibrary()): Promise<BuiltAnnex> {
  const { selection, annex } = composeFromAnswers(answers, library);
  const bytes = await packDocx(annexDocument(annex), answers.tender.issueDate);
  return { selection, annex, bytes };
}
