/**
 * The pipeline, without input or output: validated answers → clause selection → annex model → .docx bytes.
 */
import { createHash } from "node:crypto";
import type { Answers } from "./answers/model.js";
import { UnapprovedClausesError } from "./errors.js";

export { UnapprovedClausesError };
import { builtInLibrary, type Clause, type ClauseLibrary } from "./clauses/library.js";
import { composeAnnex, type Annex } from "./rendering/annex.js";
import { selectClauses, type ClauseSelection } from "./selection/select.js";
import { annexDocument } from "./word/annex-document.js";
import { packDocx, type PackedDocx } from "./word/package.js";

export interface BuildOptions {
  readonly library?: ClauseLibrary;
  /** Include clauses that are not approved; every page of the annex then says it is a draft. */
  readonly allowDraft?: boolean;
  /** The answers file's bytes (or text), for the SHA-256 printed in the annex. */
  readonly answersSource?: Uint8Array | string;
}

export interface BuiltAnnex {
  readonly selection: ClauseSelection;
  readonly annex: Annex;
  /** The .docx package, checked by the validity gate. */
  readonly docx: PackedDocx;
  readonly bytes: Uint8Array;
}


export function answersDigest(source: Uint8Array | string | undefined, answers: Answers): string {
  return createHash("sha256")
    .update(source ?? JSON.stringify(answers))
    .digest("hex");
}

export function composeFromAnswers(answers: Answers, options: BuildOptions = {}): { selection: ClauseSelection; annex: Annex } {
  const library = options.library ?? builtInLibrary();
  const selection = selectClauses(library, answers);
  const unapproved = selection.included.filter((c) => c.status !== "approved");
  if (unapproved.length > 0 && options.allowDraft !== true) throw new UnapprovedClausesError(unapproved);
  return { selection, annex: composeAnnex(library, selection, answers, { answersDigest: answersDigest(options.answersSource, answers) }) };
}

export async function buildAnnex(answers: Answers, options: BuildOptions = {}): Promise<BuiltAnnex> {
  const { selection, annex } = composeFromAnswers(answers, options);
  const docx = await packDocx(annexDocument(annex), annex.properties, answers.tender.issueDate);
  return { selection, annex, docx, bytes: docx.bytes };
}
