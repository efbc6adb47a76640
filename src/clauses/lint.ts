/**
 * `clauses lint`: everything the library loader checks (shape, both languages, templates, variables,
 * conditions, ids, retired clauses), plus reviews that are overdue on a given day.
 */
import { addMonths } from "date-fns/addMonths";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import type { Messages } from "../i18n/messages.js";
import { checkLibrary, type Clause, type LibraryFinding } from "./library.js";

export interface LintResult {
  readonly findings: readonly LibraryFinding[];
  readonly clauses: readonly Clause[];
}

export function nextReview(clause: Clause): string {
  const due = addMonths(parseISO(clause.reviewDate), clause.reviewIntervalMonths);
  return `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, "0")}-${String(due.getDate()).padStart(2, "0")}`;
}

export function lintLibrary(roots: readonly string[], today: string, t: Messages): LintResult {
  const { library, findings } = checkLibrary(roots, t);
  const out = [...findings];
  for (const clause of library?.clauses ?? []) {
    if (clause.status === "retired") continue;
    const due = nextReview(clause);
    const late = differenceInCalendarDays(parseISO(today), parseISO(due));
    if (late > 0) {
      out.push({
        severity: "warning",
        file: clause.file,
        message: t("library.review-overdue", { days: late, date: clause.reviewDate, reviewer: clause.reviewer, months: clause.reviewIntervalMonths, due }),
      });
    }
    if (differenceInCalendarDays(parseISO(clause.reviewDate), parseISO(today)) > 0) {
      out.push({ severity: "error", file: clause.file, message: t("library.review-in-future", { date: clause.reviewDate, today }) });
    }
  }
  return { findings: out, clauses: library?.clauses ?? [] };
}
