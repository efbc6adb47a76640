/** `clausier explain <answers>`: each family and clause, included or excluded, and the answers that decided it. */
import { clauseLibrary } from "../../clauses/library.js";
import { families } from "../../families/index.js";
import { familiesWithoutEffect, familyName, reasonWords, selectClauses } from "../../selection/select.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../errors.js";
import { readAnswersFile } from "../read-answers.js";
import { countWords, formatDiagnostic } from "../report.js";
import { placeFindings } from "../../validation/validate.js";

export interface ExplainOptions {
  readonly json?: boolean;
  readonly library?: string;
}

export function runExplain(file: string, options: ExplainOptions, context: CommandContext): number {
  const validation = readAnswersFile(file, context);
  const t = context.t;
  const { io } = context;
  if (validation.answers === undefined) {
    for (const d of validation.diagnostics) io.err(formatDiagnostic(d, t));
    io.err(t("cli.explain.invalid", { file, counts: countWords(validation.diagnostics, t) }));
    return EXIT.invalidAnswers;
  }
  const library = clauseLibrary(options.library, context.t);
  const selection = selectClauses(library, validation.answers);
  const { decisions } = selection;
  const raw = validation.document?.data as Record<string, unknown>;
  const inert = placeFindings(validation, familiesWithoutEffect(library, selection, raw, t));
  if (options.json) {
    io.out(
      JSON.stringify(
        {
          families: families()
            .filter((f) => f.optional)
            .map((f) => ({ id: f.id, name: familyName(f.id, t), on: f.on(raw), clauses: decisions.filter((d) => d.clause.family === f.id && d.included).map((d) => d.clause.id) })),
          clauses: decisions.map((d) => ({
            id: d.clause.id,
            requirement: d.clause.requirement ?? null,
            family: d.clause.family ?? null,
            included: d.included,
            status: d.clause.status,
            version: d.clause.version,
            because: d.because.map((r) => reasonWords(r, t)),
            reasons: d.because,
            file: d.clause.file,
          })),
          warnings: inert.map((w) => ({ code: w.code, path: w.path, message: w.message, hint: w.hint ?? null })),
        },
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const chosen = families().filter((f) => f.optional && f.on(raw));
  const lines = [t("cli.explain.families", { families: chosen.length > 0 ? t.list(chosen.map((f) => familyName(f.id, t))) : t("cli.explain.no-family") }), ""];
  const width = Math.max(...decisions.map((d) => d.clause.id.length + (d.clause.requirement ? d.clause.requirement.length + 3 : 0)));
  const included = t("cli.explain.included");
  const excluded = t("cli.explain.excluded");
  const column = Math.max(included.length, excluded.length);
  for (const d of decisions) {
    const name = `${d.clause.id}${d.clause.requirement ? ` (${d.clause.requirement})` : ""}`.padEnd(width);
    const status = d.clause.status === "approved" ? "" : ` [${t.dynamic(`cli.status.${d.clause.status}`)}]`;
    lines.push(`${(d.included ? included : excluded).padEnd(column)}  ${name}  ${t("cli.explain.because", { reasons: t.list(d.because.map((r) => reasonWords(r, t))) })}${status}`);
  }
  lines.push("", t("cli.explain.summary", { included: decisions.filter((d) => d.included).length, total: decisions.length }));
  io.out(lines.join("\n"));
  for (const w of inert) io.err(formatDiagnostic(w, t));
  return EXIT.ok;
}
