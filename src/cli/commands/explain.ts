/** `clausier explain <answers>`: each clause, included or excluded, and the answers that decided it. */
import { clauseLibrary } from "../../clauses/library.js";
import { selectClauses } from "../../selection/select.js";
import { EXIT } from "../errors.js";
import type { Io } from "../io.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";

export interface ExplainOptions {
  readonly json?: boolean;
  readonly library?: string;
}

export function runExplain(file: string, options: ExplainOptions, io: Io): number {
  const validation = readAnswersFile(file);
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d));
    io.err(`${file}: ${countWords(validation.diagnostics)}. The answers must be valid to explain the annex.`);
    return EXIT.invalidAnswers;
  }
  const library = clauseLibrary(options.library);
  const { decisions } = selectClauses(library, validation.answers);
  if (options.json) {
    io.out(
      JSON.stringify(
        decisions.map((d) => ({
          id: d.clause.id,
          requirement: d.clause.requirement ?? null,
          included: d.included,
          status: d.clause.status,
          version: d.clause.version,
          because: d.because,
          file: d.clause.file,
        })),
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const width = Math.max(...decisions.map((d) => d.clause.id.length + (d.clause.requirement ? d.clause.requirement.length + 3 : 0)));
  const lines = decisions.map((d) => {
    const name = `${d.clause.id}${d.clause.requirement ? ` (${d.clause.requirement})` : ""}`.padEnd(width);
    const status = d.clause.status === "approved" ? "" : ` [${d.clause.status}]`;
    return `${d.included ? "included" : "excluded"}  ${name}  because ${d.because.join(" and ")}${status}`;
  });
  const included = decisions.filter((d) => d.included).length;
  io.out([...lines, "", `${included} of ${decisions.length} clauses included.`].join("\n"));
  return EXIT.ok;
}
