/** `clausier build <answers> -o <annex.docx> [--force]`: write the Word annex of an answers file. */
import { buildAnnex } from "../../build.js";
import { clauseLibrary } from "../../clauses/library.js";
import { publishDocx } from "../../output/publish-docx.js";
import { OutputError } from "../../output/write.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export interface BuildOptions {
  readonly output: string;
  readonly force?: boolean;
  readonly library?: string;
  readonly allowDraft?: boolean;
}

export async function runBuild(file: string, options: BuildOptions, io: Io): Promise<number> {
  if (!options.output.toLowerCase().endsWith(".docx")) {
    throw new UserError(`the output file must end in .docx (got ${options.output})`, EXIT.usage, "For example: -o annex.docx");
  }
  const validation = readAnswersFile(file);
  for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
  if (validation.answers === undefined) {
    io.err(`${file}: ${countWords(validation.diagnostics)}. Nothing was written.`);
    return EXIT.invalidAnswers;
  }
  const library = clauseLibrary(options.library);
  const built = await buildAnnex(validation.answers, {
    library,
    allowDraft: options.allowDraft ?? false,
    ...(validation.bytes ? { answersSource: validation.bytes } : {}),
  });
  try {
    publishDocx(options.output, built.bytes, { force: options.force ?? false });
  } catch (e) {
    if (e instanceof OutputError) throw new UserError(e.message, EXIT.usage, e.hint);
    throw e;
  }
  const clauses = built.annex.parts.flatMap((p) => p.clauses);
  const requirements = clauses.flatMap((c) => (c.requirement ? [c.requirement] : []));
  io.out(
    `Wrote ${options.output}${built.annex.draft ? " (DRAFT: contains clauses that are not approved)" : ""}: ${clauses.length} clauses, ${requirements.length} requirements` +
      `${requirements.length > 0 ? ` (${requirements.join(", ")})` : ""}, in ${validation.answers.tender.language === "fr" ? "French" : "English"}.`,
  );
  return EXIT.ok;
}
