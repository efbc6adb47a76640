/** `clausier clauses list|show|lint`: the clause library for legal reviewers and the OSPO. */
import { join } from "node:path";

import { describeCondition, describeNature } from "../../clauses/describe.js";
import { CLAUSE_STATUSES, changeText, clauseLibrary, libraryRoots, type ClauseStatus } from "../../clauses/library.js";
import { lintLibrary, nextReview } from "../../clauses/lint.js";
import { familyName } from "../../selection/select.js";
import { PACKAGE_ROOT } from "../../paths.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";


export function runClausesList(options: { status?: string; json?: boolean; library?: string }, context: CommandContext): number {
  const t = context.t;
  if (options.status !== undefined && !(CLAUSE_STATUSES as readonly string[]).includes(options.status)) {
    throw new UserError(t("cli.clauses.bad-status", { value: options.status, statuses: CLAUSE_STATUSES.join(", ") }));
  }
  const library = clauseLibrary(options.library, context.t);
  const clauses = library.clauses.filter((c) => options.status === undefined || c.status === (options.status as ClauseStatus));
  if (options.json) {
    context.io.out(
      JSON.stringify(
        clauses.map((c) => ({
          id: c.id,
          requirement: c.requirement ?? null,
          family: c.family ?? null,
          title: c.title,
          version: c.version,
          status: c.status,
          owner: c.owner,
          reviewer: c.reviewer,
          reviewDate: c.reviewDate,
          nextReview: nextReview(c),
          part: c.part,
          order: c.order,
          condition: describeCondition(c.when, t),
          sources: c.sources,
          file: c.file,
          overlay: c.overlay,
        })),
        null,
        2,
      ),
    );
    return EXIT.ok;
  }
  const rows = clauses.map((c) => [c.id, c.requirement ?? "", c.version, t.dynamic(`cli.status.${c.status}`), c.reviewDate, c.overlay ? t("cli.clauses.overlay") : t("cli.clauses.built-in"), c.title[context.language]]);
  const header = [t("cli.clauses.column.id"), t("cli.clauses.column.requirement"), t("cli.clauses.column.version"), t("cli.clauses.column.status"), t("cli.clauses.column.reviewed"), t("cli.clauses.column.from"), t("cli.clauses.column.title")];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join("  ");
  context.io.out([line(header), ...rows.map(line), "", t("cli.clauses.count", { count: clauses.length })].join("\n"));
  return EXIT.ok;
}

export async function runClausesShow(id: string, options: { answers?: string; library?: string }, context: CommandContext): Promise<number> {
  const [{ composeAnnex }, { blocksAsText }, { reasonWords, selectClauses }, { validateAnswersText }, { decodeAnswers }, { InputError, readLimited }, { inputProblem, MAX_ANSWERS_BYTES }] = await Promise.all([
    import("../../rendering/annex.js"),
    import("../../rendering/spans.js"),
    import("../../selection/select.js"),
    import("../../validation/validate.js"),
    import("../../answers/document.js"),
    import("../../input/read.js"),
    import("../read-answers.js"),
  ]);
  const t = context.t;
  const lang = context.language;
  const library = clauseLibrary(options.library, context.t);
  const clause = library.clauses.find((c) => c.id === id);
  if (clause === undefined) throw new UserError(t("cli.clauses.no-clause", { id }), EXIT.usage, t("cli.clauses.no-clause-hint", { ids: library.clauses.map((c) => c.id).join(", ") }));
  const answersFile = options.answers ?? join(PACKAGE_ROOT, "examples", "grid-operator-fr.yaml");
  let bytes: Buffer;
  try {
    bytes = readLimited(answersFile, MAX_ANSWERS_BYTES);
  } catch (e) {
    if (e instanceof InputError) throw inputProblem(e, context, "answers");
    throw e;
  }
  const decoded = decodeAnswers(bytes);
  if (!("text" in decoded)) throw new UserError(t("cli.clauses.invalid-answers", { file: answersFile }), EXIT.invalidAnswers);
  const text = decoded.text;
  // The clause in the language asked, with these answers: the language of the answers is set to it.
  const validation = validateAnswersText(answersFile, text.replace(/^(\s*language:\s*)\w+/m, `$1${lang}`), { language: lang });
  if (validation.answers === undefined) throw new UserError(t("cli.clauses.invalid-answers", { file: answersFile }), EXIT.invalidAnswers);
  const answers = validation.answers;
  const selection = selectClauses(library, answers);
  // Show this clause even where the example's answers would leave it out.
  const forced = { ...selection, included: selection.included.includes(clause) ? selection.included : [...selection.included, clause] };
  const annex = composeAnnex({ ...library, clauses: forced.included }, forced, answers, { answersDigest: "" });
  const rendered = annex.parts.flatMap((p) => p.clauses).find((c) => c.id === id);
  const decided = selection.decisions.find((d) => d.clause.id === id);
  const field = (key: string, value: string): string => `  ${t("cli.clauses.show.label", { label: t.dynamic(`cli.clauses.show.${key}`) }).padEnd(16)}${value}`;
  const lines = [
    `${clause.id}${clause.requirement ? ` (${clause.requirement})` : ""}: ${clause.title[lang]}`,
    ...(clause.requirement !== undefined ? [field("nature", describeNature(clause, library.words[lang].natures, t))] : []),
    field("family", clause.family !== undefined ? familyName(clause.family, t) : "—"),
    field("version", clause.version),
    field("status", t.dynamic(`cli.status.${clause.status}`)),
    field("owner", clause.owner),
    field("reviewer", clause.reviewer),
    field("reviewed", t("cli.clauses.show.review-dates", { date: clause.reviewDate, months: clause.reviewIntervalMonths, next: nextReview(clause) })),
    field("part", `${clause.part}, ${clause.order}`),
    field("applies", describeCondition(clause.when, t)),
    field("file", `${clause.file}${clause.overlay ? ` (${t("cli.clauses.overlay")})` : ""}`),
    `  ${t("cli.clauses.show.label", { label: t("cli.clauses.show.sources") })}`,
    ...clause.sources.map((s) => `    - ${s}`),
    `  ${t("cli.clauses.show.label", { label: t("cli.clauses.show.history") })}`,
    ...clause.history.map((h) => `    - ${h.version} (${h.date}): ${changeText(h.change, lang)}`),
    "",
    decided?.included ? t("cli.clauses.show.rendered", { file: answersFile }) : t("cli.clauses.show.rendered-out", { file: answersFile, reasons: t.list((decided?.because ?? []).map((r) => reasonWords(r, t))) }),
    "",
    blocksAsText(rendered?.blocks ?? []),
    // The clause's table, one row per line, cells separated by a vertical bar.
    ...(rendered?.table !== undefined ? ["", rendered.table.caption, ...[rendered.table.headers, ...rendered.table.rows].map((row) => `  ${row.join(" | ")}`)] : []),
  ];
  context.io.out(lines.join("\n"));
  return EXIT.ok;
}

export function runClausesLint(options: { library?: string; today?: string; json?: boolean }, context: CommandContext, clock: () => Date = () => new Date()): number {
  const t = context.t;
  const today = options.today ?? clock().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UserError(t("cli.clauses.lint.bad-today", { value: today }));
  const { findings, clauses } = lintLibrary(libraryRoots(options.library), today, t);
  const errors = findings.filter((f) => f.severity === "error").length;
  if (options.json) {
    context.io.out(JSON.stringify({ today, clauses: clauses.length, errors, warnings: findings.length - errors, findings }, null, 2));
  } else {
    for (const f of findings) context.io.err(`${f.file}: ${t("cli.severity.line", { severity: f.severity === "error" ? t("cli.severity.error") : t("cli.severity.warning"), text: f.message })}`);
    context.io.out(t("cli.clauses.lint.summary", { count: clauses.length, today, errors, warnings: findings.length - errors }));
  }
  return errors > 0 ? EXIT.invalidAnswers : EXIT.ok;
}
