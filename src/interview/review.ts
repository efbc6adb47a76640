/**
 * The review before anything is written: family by family, every question that applies with the answer
 * that reaches the annex (the one given, or the default a missing answer means, said as such, or "not
 * given"), each one that differs from the file the interview started from marked, and answers removed since
 * that file listed. The terminal and the web interview show the same lines.
 */
import type { Answers } from "../answers/model.js";
import { parsePath, valueAt } from "../answers/paths.js";
import type { ClauseLibrary } from "../clauses/library.js";
import type { Diagnostic } from "../diagnostics.js";
import type { AnyFamily, Draft, Path } from "../families/family.js";
import { families } from "../families/index.js";
import type { Language, Messages } from "../i18n/messages.js";
import { outlineAnnex } from "../rendering/outline.js";
import { familiesWithoutEffect, familyName, reasonWords, selectClauses, type ClauseSelection } from "../selection/select.js";
import { fieldWords } from "../validation/schema.js";
import { placeFindings, sortDiagnostics } from "../validation/validate.js";
import { checkDraft } from "./check.js";
import type { Question } from "./questions.js";
import { askedFamilies, changedPaths, finalAnswers, type InterviewState } from "./state.js";
import { choiceLabel } from "./words.js";

export interface ReviewLine {
  /** 0: a family; 1 and more: answers inside it. */
  readonly depth: number;
  readonly label: string;
  /** Empty for a family or an item heading. */
  readonly value: string;
  /** How the value stands: given in the answers, the default a missing answer means, or not given. */
  readonly source: "given" | "default" | "missing" | "heading" | "removed";
  /** The answer differs from the file the interview started from. */
  readonly changed: boolean;
  /** The answer's path, `components[0].license`; for a family heading, the family's id. */
  readonly path: string;
}

const format = (path: Path): string => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

function valueWords(path: Path, value: unknown, t: Messages): string {
  if (typeof value === "boolean") return value ? t("interview.yes") : t("interview.no");
  if (Array.isArray(value)) return value.length === 0 ? t("interview.review.none") : value.map((v) => (typeof v === "string" ? choiceLabel(path, v, t) : String(v))).join(", ");
  if (typeof value === "string") return choiceLabel(path, value, t);
  return t.number(Number(value));
}

export function reviewLines(answers: Draft, state: InterviewState, t: Messages): ReviewLine[] {
  const changed = Object.keys(state.initial).length > 0 ? changedPaths(state, answers) : new Set<string>();
  const isChanged = (path: string): boolean => [...changed].some((c) => c === path || c.startsWith(`${path}.`) || c.startsWith(`${path}[`));
  const lines: ReviewLine[] = [];
  const shown = new Set<string>();

  const answer = (question: Question, path: Path, depth: number, normalised: Draft): void => {
    const here = format(path);
    shown.add(here);
    const label = fieldWords(path, t).title;
    const given = valueAt(answers, path);
    if (given !== undefined) {
      lines.push({ depth, label, value: valueWords(path, given, t), source: "given", changed: isChanged(here), path: here });
      return;
    }
    const meant = question.default?.(answers) ?? valueAt(normalised, path);
    const hasDefault = meant !== undefined && meant !== null && meant !== "" && !(Array.isArray(meant) && meant.length === 0);
    lines.push(
      hasDefault
        ? { depth, label, value: t("interview.review.default", { value: valueWords(path, meant, t) }), source: "default", changed: isChanged(here), path: here }
        : { depth, label, value: t("interview.review.not-given"), source: "missing", changed: isChanged(here), path: here },
    );
  };

  const family = (f: AnyFamily): void => {
    lines.push({ depth: 0, label: familyName(f.id, t), value: "", source: "heading", changed: f.owns.some((p) => isChanged(format(p))), path: f.id });
    const normalised = f.normalise(answers) as Draft;
    if (!f.optional) answer({ kind: "choice", path: ["tender", "language"], choices: [] }, ["tender", "language"], 1, normalised);
    for (const question of f.questions) {
      if (question.when !== undefined && !question.when(answers)) continue;
      if (question.kind !== "items") {
        answer(question, question.path, 1, normalised);
        continue;
      }
      const items = valueAt(answers, question.path);
      const list = Array.isArray(items) ? items : [];
      const here = format(question.path);
      shown.add(here);
      lines.push({ depth: 1, label: fieldWords(question.path, t).title, value: list.length === 0 ? t("interview.review.none") : "", source: list.length === 0 ? "missing" : "heading", changed: isChanged(here), path: here });
      list.forEach((_, i) => {
        const itemPath = [...question.path, i];
        const name = valueAt(answers, [...itemPath, ...question.itemName]);
        lines.push({ depth: 2, label: t("interview.review.item", { number: i + 1 }), value: typeof name === "string" ? name : "", source: "heading", changed: isChanged(format(itemPath)), path: format(itemPath) });
        for (const q of question.item) {
          if (q.when !== undefined && !q.when(answers)) continue;
          answer(q, [...itemPath, ...q.path], 3, normalised);
        }
      });
    }
  };

  for (const f of askedFamilies(state)) family(f);
  // Answers given in the file the interview started from and gone now (a family unticked, an item removed).
  const kept = (path: string): boolean => [...shown].some((s) => s === path || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
  for (const path of [...changed].sort()) {
    if (kept(path) || valueAt(state.initial, parsePath(path)) === undefined || valueAt(answers, parsePath(path)) !== undefined) continue;
    lines.push({ depth: 0, label: fieldWords(parsePath(path), t).title, value: t("interview.review.removed"), source: "removed", changed: true, path });
  }
  return lines;
}

/** The families the review names, in order, for going back to one of them. */
export function reviewSections(state: InterviewState): string[] {
  return ["tender", "families", ...families().filter((f) => f.optional && state.ticked.has(f.id)).map((f) => f.id)];
}

/** The lines as the terminal prints them: indented, changed answers marked with *. */
export function reviewText(lines: readonly ReviewLine[], t: Messages): string[] {
  return lines.map((l) => `${l.changed ? "* " : "  "}${"  ".repeat(l.depth)}${l.value !== "" ? t("interview.review.line", { label: l.label, value: l.value }) : l.label}`);
}

/** How the review names the answer a finding is about: `components[1].license` → "Component licence (2)". */
export function reviewLabel(path: string, t: Messages): string {
  const steps = parsePath(path);
  const title = fieldWords(steps, t).title;
  const numbers = steps.filter((s): s is number => typeof s === "number").map((n) => n + 1);
  return numbers.length > 0 ? `${title} (${numbers.join(", ")})` : title;
}

/** A finding as the review says it: the answer it is about by name, the message, the hint. */
export interface ReviewFinding {
  /** The answer's name ("Component licence (2)"); empty for the whole file. */
  readonly label: string;
  readonly message: string;
  readonly hint: string | undefined;
  /** `components[1].license`, to find the section it belongs to. */
  readonly path: string;
}

/** A clause of the annex as the review and `explain` say it: its number, heading, identifiers and why it is in. */
export interface ReviewClause {
  readonly number: string;
  readonly heading: string;
  readonly id: string;
  readonly requirement: string | undefined;
  readonly because: readonly string[];
}

/** The whole review: the answers to write, every line, the clauses the annex will contain, errors and warnings apart. */
export interface Review {
  readonly answers: Draft;
  readonly lines: readonly ReviewLine[];
  /** The answers validated and normalised, when they are valid (the annex can be written). */
  readonly validated: Answers | undefined;
  readonly clauses: readonly ReviewClause[];
  readonly errors: readonly ReviewFinding[];
  readonly warnings: readonly ReviewFinding[];
}

/** The clauses of the annex for a selection, in the annex's order, each with why it is in. */
export function annexClauses(library: ClauseLibrary, selection: ClauseSelection, language: Language, t: Messages): ReviewClause[] {
  return outlineAnnex(library, selection, language).map((o) => ({
    number: o.number,
    heading: o.heading,
    id: o.clause.id,
    requirement: o.clause.requirement,
    because: (selection.decisions.find((d) => d.clause.id === o.clause.id)?.because ?? []).map((r) => reasonWords(r, t)),
  }));
}

export function reviewOf(state: InterviewState, library: ClauseLibrary, t: Messages): Review {
  const answers = finalAnswers(state);
  const validation = checkDraft(answers, state.language);
  let findings: readonly Diagnostic[] = validation.diagnostics;
  let clauses: ReviewClause[] = [];
  if (validation.answers) {
    const selection = selectClauses(library, validation.answers);
    findings = sortDiagnostics([...findings, ...placeFindings(validation, familiesWithoutEffect(library, selection, answers, t))]);
    clauses = annexClauses(library, selection, state.language, t);
  }
  const said = (d: Diagnostic): ReviewFinding => ({
    label: d.path !== "" ? reviewLabel(d.path, t) : "",
    message: d.message,
    hint: d.hint !== undefined && d.hint !== "" ? d.hint : undefined,
    path: d.path,
  });
  return {
    answers,
    lines: reviewLines(answers, state, t),
    validated: validation.answers,
    clauses,
    errors: findings.filter((d) => d.severity === "error").map(said),
    warnings: findings.filter((d) => d.severity !== "error").map(said),
  };
}
