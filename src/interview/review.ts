/**
 * The review before anything is written: family by family, every question that applies with the answer
 * that reaches the annex (the one given, or the default a missing answer means, said as such, or "not
 * given"), each one that differs from the file the interview started from marked, and answers removed since
 * that file listed. The terminal and the web interview show the same lines.
 */
import { valueAt } from "../answers/paths.js";
import type { AnyFamily, Draft, Path } from "../families/family.js";
import { families } from "../families/index.js";
import type { Messages } from "../i18n/messages.js";
import { familyName } from "../selection/select.js";
import { fieldWords } from "../validation/schema.js";
import type { Question } from "./questions.js";
import { askedFamilies, changedPaths, type InterviewState } from "./state.js";
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

/** `components[0].license` → ["components", 0, "license"]. */
function parsePath(path: string): Path {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== "")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
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
