/** `clausier validate <answers> [--json]`: check an answers file and say what the annex would contain. */
import { clauseLibrary } from "../../clauses/library.js";
import { outlineAnnex } from "../../rendering/outline.js";
import { selectClauses } from "../../selection/select.js";
import { isError } from "../../diagnostics.js";
import { EXIT } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, diagnosticJson, formatDiagnostic } from "../report.js";

export interface ValidateOptions {
  readonly json?: boolean;
  readonly library?: string;
}

export function runValidate(file: string, options: ValidateOptions, io: Io): number {
  const validation = readAnswersFile(file);
  const valid = validation.answers !== undefined;
  // What the annex would contain: the selection and its numbering, without rendering any text.
  const library = validation.answers ? clauseLibrary(options.library) : undefined;
  const outline = validation.answers && library ? outlineAnnex(library, selectClauses(library, validation.answers), validation.answers.tender.language) : [];
  const clauses = outline.map((o) => ({ number: o.number, id: o.clause.id, requirement: o.clause.requirement, heading: o.heading, status: o.clause.status }));
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          file,
          valid,
          errors: validation.diagnostics.filter(isError).length,
          warnings: validation.diagnostics.filter((d) => !isError(d)).length,
          diagnostics: validation.diagnostics.map(diagnosticJson),
          clauses: clauses.map((c) => ({ number: c.number, id: c.id, requirement: c.requirement ?? null, heading: c.heading, status: c.status })),
        },
        null,
        2,
      ),
    );
    return valid ? EXIT.ok : EXIT.invalidAnswers;
  }
  for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
  if (!valid) {
    io.err(`${file}: ${countWords(validation.diagnostics)}. The answers are not valid.`);
    return EXIT.invalidAnswers;
  }
  const requirements = clauses.flatMap((c) => (c.requirement ? [c.requirement] : []));
  io.out(
    `${file} is valid (${countWords(validation.diagnostics)}). The annex would contain ${clauses.length} clauses` +
      (requirements.length > 0 ? ` and ${requirements.length} requirements: ${requirements.join(", ")}.` : " and no requirement."),
  );
  return EXIT.ok;
}
