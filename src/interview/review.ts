/**
 * The review before anything is written: every answer that reaches the annex, named as the questions name
 * them, each one that differs from the file the interview started from marked; the clauses and requirements
 * of the annex; and every warning. The terminal and the web interview show the same lines.
 */
import type { Draft, Path } from "../families/family.js";
import type { Messages } from "../i18n/messages.js";
import { fieldWords } from "../validation/schema.js";
import { changedPaths, type InterviewState } from "./state.js";
import { choiceLabel } from "./words.js";

export interface ReviewLine {
  /** 0: a section; 1 and more: answers inside it. */
  readonly depth: number;
  readonly label: string;
  /** Empty for a section or an item heading. */
  readonly value: string;
  /** The answer differs from the file the interview started from. */
  readonly changed: boolean;
  /** The answer's path, `components[0].license`. */
  readonly path: string;
}

function valueWords(path: Path, value: unknown, t: Messages): string {
  if (typeof value === "boolean") return value ? t("interview.yes") : t("interview.no");
  if (Array.isArray(value)) return value.map((v) => (typeof v === "string" ? choiceLabel(path, v, t) : String(v))).join(", ");
  if (typeof value === "string") return choiceLabel(path, value, t);
  return t.number(Number(value));
}

export function reviewLines(answers: Draft, state: InterviewState, t: Messages): ReviewLine[] {
  const changed = Object.keys(state.initial).length > 0 ? changedPaths(state, answers) : new Set<string>();
  const isChanged = (path: string): boolean => [...changed].some((c) => c === path || c.startsWith(`${path}.`) || c.startsWith(`${path}[`));
  const lines: ReviewLine[] = [];
  const format = (path: Path): string => path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  const walk = (value: unknown, path: Path, depth: number): void => {
    const here = format(path);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      if (path.length > 0) lines.push({ depth, label: fieldWords(path, t).title, value: "", changed: isChanged(here), path: here });
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key], depth + (path.length > 0 ? 1 : 0));
      return;
    }
    if (Array.isArray(value) && value.some((v) => v !== null && typeof v === "object")) {
      lines.push({ depth, label: fieldWords(path, t).title, value: "", changed: isChanged(here), path: here });
      value.forEach((item, i) => {
        const itemPath = [...path, i];
        const name = (item as Record<string, unknown>)["name"];
        lines.push({ depth: depth + 1, label: `${i + 1}.`, value: typeof name === "string" ? name : "", changed: isChanged(format(itemPath)), path: format(itemPath) });
        for (const [key, child] of Object.entries(item as object)) walk(child, [...itemPath, key], depth + 2);
      });
      return;
    }
    lines.push({ depth, label: fieldWords(path, t).title, value: valueWords(path, value, t), changed: isChanged(here), path: here });
  };
  const { schemaVersion: _v, $schema: _s, ...rest } = answers;
  walk(rest, [], 0);
  // Answers removed since the file the interview started from.
  for (const path of changed) {
    if (!lines.some((l) => l.path === path) && !lines.some((l) => path.startsWith(`${l.path}.`) || path.startsWith(`${l.path}[`))) {
      lines.push({ depth: 0, label: fieldWords(path.replace(/\[\d+\]/g, ".0").split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s)), t).title, value: t("interview.review.removed"), changed: true, path });
    }
  }
  return lines;
}

/** The lines as the terminal prints them: indented, changed answers marked with *. */
export function reviewText(lines: readonly ReviewLine[]): string[] {
  return lines.map((l) => `${l.changed ? "* " : "  "}${"  ".repeat(l.depth)}${l.label}${l.value !== "" ? `: ${l.value}` : ""}`);
}
