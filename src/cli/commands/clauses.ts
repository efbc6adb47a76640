/** `clausier clauses list|show|lint`: the clause library for legal reviewers and the OSPO. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Language } from "../../answers/model.js";
import { describeCondition } from "../../clauses/describe.js";
import { CLAUSE_STATUSES, clauseLibrary, libraryRoots, type ClauseStatus } from "../../clauses/library.js";
import { lintLibrary, nextReview } from "../../clauses/lint.js";
import { PACKAGE_ROOT } from "../../paths.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";

export function runClausesList(options: { status?: string; json?: boolean; library?: string }, io: Io): number {
  if (options.status !== undefined && !(CLAUSE_STATUSES as readonly string[]).includes(options.status)) {
    throw new UserError(`--status must be one of ${CLAUSE_STATUSES.join(", ")}, not "${options.status}"`);
  }
  const library = clauseLibrary(options.library);
  const clauses = library.clauses.filter((c) => options.status === undefined || c.status === (options.status as ClauseStatus));
  if (options.json) {
    io.out(
      JSON.stringify(
        clauses.map((c) => ({
          id: c.id,
          requirement: c.requirement ?? null,
          title: c.title,
          version: c.version,
          status: c.status,
          owner: c.owner,
          reviewer: c.reviewer,
          reviewDate: c.reviewDate,
          nextReview: nextReview(c),
          part: c.part,
          order: c.order,
          condition: describeCondition(c.when),
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
  const rows = clauses.map((c) => [c.id, c.requirement ?? "", c.version, c.status, c.reviewDate, c.overlay ? "overlay" : "built-in", c.title.en]);
  const header = ["ID", "REQ", "VERSION", "STATUS", "REVIEWED", "FROM", "TITLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]): string => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i] ?? 0))).join("  ");
  io.out([line(header), ...rows.map(line), "", `${clauses.length} clause${clauses.length === 1 ? "" : "s"}.`].join("\n"));
  return EXIT.ok;
}

export async function runClausesShow(id: string, options: { lang?: string; answers?: string; library?: string }, io: Io): Promise<number> {
  const [{ composeAnnex }, { blocksAsText }, { selectClauses }, { validateAnswersText }] = await Promise.all([
    import("../../rendering/annex.js"),
    import("../../rendering/spans.js"),
    import("../../selection/select.js"),
    import("../../validation/validate.js"),
  ]);
  const lang = (options.lang ?? "en") as Language;
  if (lang !== "en" && lang !== "fr") throw new UserError(`--lang must be en or fr, not "${options.lang ?? ""}"`);
  const library = clauseLibrary(options.library);
  const clause = library.clauses.find((c) => c.id === id);
  if (clause === undefined) {
    throw new UserError(`there is no clause "${id}"`, EXIT.usage, `The clauses are: ${library.clauses.map((c) => c.id).join(", ")}.`);
  }
  const answersFile = options.answers ?? join(PACKAGE_ROOT, "examples", "grid-operator-fr.yaml");
  let text: string;
  try {
    text = readFileSync(answersFile, "utf8");
  } catch {
    throw new UserError(`${answersFile} cannot be read`);
  }
  const validation = validateAnswersText(answersFile, text.replace(/^(\s*language:\s*)\w+/m, `$1${lang}`));
  if (validation.answers === undefined) throw new UserError(`${answersFile} is not a valid answers file; run clausier validate on it`, EXIT.invalidAnswers);
  const answers = validation.answers;
  const selection = selectClauses(library, answers);
  // Show this clause even where the example's answers would leave it out.
  const forced = { ...selection, included: selection.included.includes(clause) ? selection.included : [...selection.included, clause] };
  const annex = composeAnnex({ ...library, clauses: forced.included }, forced, answers, { answersDigest: "" });
  const rendered = annex.parts.flatMap((p) => p.clauses).find((c) => c.id === id);
  const body = blocksAsText(rendered?.blocks ?? []);
  const decided = selection.decisions.find((d) => d.clause.id === id);
  const lines = [
    `${clause.id}${clause.requirement ? ` (${clause.requirement})` : ""}: ${clause.title[lang]}`,
    `  version:      ${clause.version}`,
    `  status:       ${clause.status}`,
    `  owner:        ${clause.owner}`,
    `  reviewer:     ${clause.reviewer}`,
    `  reviewed:     ${clause.reviewDate} (every ${clause.reviewIntervalMonths} months; next ${nextReview(clause)})`,
    `  part, order:  ${clause.part}, ${clause.order}`,
    `  applies when: ${describeCondition(clause.when, lang)}`,
    `  file:         ${clause.file}${clause.overlay ? " (organisation's library)" : ""}`,
    `  sources:`,
    ...clause.sources.map((s) => `    - ${s}`),
    `  history:`,
    ...clause.history.map((h) => `    - ${h.version} (${h.date}): ${h.change}`),
    "",
    `Text rendered with ${answersFile}${decided?.included ? "" : ` (these answers would leave the clause out: ${decided?.because.join(" and ") ?? ""})`}:`,
    "",
    body,
  ];
  io.out(lines.join("\n"));
  return EXIT.ok;
}

export function runClausesLint(options: { library?: string; today?: string; json?: boolean }, io: Io, clock: () => Date = () => new Date()): number {
  const today = options.today ?? clock().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UserError(`--today must be a date written YYYY-MM-DD, not "${today}"`);
  const { findings, clauses } = lintLibrary(libraryRoots(options.library), today);
  const errors = findings.filter((f) => f.severity === "error").length;
  if (options.json) {
    io.out(JSON.stringify({ today, clauses: clauses.length, errors, warnings: findings.length - errors, findings }, null, 2));
  } else {
    for (const f of findings) io.err(`${f.file}: ${f.severity}: ${f.message}`);
    io.out(`${clauses.length} clauses checked on ${today}: ${errors} error${errors === 1 ? "" : "s"}, ${findings.length - errors} warning${findings.length - errors === 1 ? "" : "s"}.`);
  }
  return errors > 0 ? EXIT.invalidAnswers : EXIT.ok;
}
