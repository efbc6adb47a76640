/** `clausier validate <answers> [--json]`: check an answers file and say what the annex would contain. */
import { clauseLibrary } from "../../clauses/library.js";
import { isError } from "../../diagnostics.js";
import { outlineAnnex } from "../../rendering/outline.js";
import { familiesWithoutEffect, selectClauses } from "../../selection/select.js";
import { placeFindings, sortDiagnostics } from "../../validation/validate.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../errors.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, diagnosticJson, formatDiagnostic } from "../report.js";

export interface ValidateOptions {
  readonly json?: boolean;
  readonly library?: string;
}

export function runValidate(file: string, options: ValidateOptions, context: CommandContext): number {
  const validation = readAnswersFile(file, context);
  const t = context.t;
  const valid = validation.answers !== undefined;
  // What the annex would contain: the selection and its numbering, without rendering any text.
  let diagnostics = validation.diagnostics;
  let clauses: { number: string; id: string; requirement?: string; heading: string; status: string }[] = [];
  if (validation.answers) {
    const library = clauseLibrary(options.library, context.t);
    const selection = selectClauses(library, validation.answers);
    diagnostics = sortDiagnostics([...diagnostics, ...placeFindings(validation, familiesWithoutEffect(library, selection, validation.document?.data, t))]);
    clauses = outlineAnnex(library, selection, validation.answers.tender.language).map((o) => ({
      number: o.number,
      id: o.clause.id,
      ...(o.clause.requirement !== undefined ? { requirement: o.clause.requirement } : {}),
      heading: o.heading,
      status: o.clause.status,
    }));
  }
  if (options.json) {
    context.io.out(
      JSON.stringify(
        {
          file,
          valid,
          errors: diagnostics.filter(isError).length,
          warnings: diagnostics.filter((d) => !isError(d)).length,
          diagnostics: diagnostics.map(diagnosticJson),
          clauses: clauses.map((c) => ({ number: c.number, id: c.id, requirement: c.requirement ?? null, heading: c.heading, status: c.status })),
        },
        null,
        2,
      ),
    );
    return valid ? EXIT.ok : EXIT.invalidAnswers;
  }
  for (const d of diagnostics) context.io.err(formatDiagnostic(d, t));
  if (!valid) {
    context.io.err(t("cli.validate.invalid", { file, counts: countWords(diagnostics, t) }));
    return EXIT.invalidAnswers;
  }
  const requirements = clauses.flatMap((c) => (c.requirement ? [c.requirement] : []));
  context.io.out(t("cli.validate.valid", { file, counts: countWords(diagnostics, t), clauses: clauses.length, requirements: requirements.length, list: requirements.join(", ") }));
  return EXIT.ok;
}
