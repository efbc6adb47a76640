/** The tender: who buys, what, when, in which language and under which legal framework. Always there. */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily, RuleContext } from "./family.js";
import { at, str } from "./kit.js";

type Tender = RawAnswers["tender"];

export interface TenderAnswers {
  readonly tender: {
    readonly title: string;
    readonly reference: string;
    readonly buyer: string;
    readonly language: Tender["language"];
    readonly issueDate: string | null;
    readonly lot: string | null;
    /** Default: france for an annex in French, eu otherwise. */
    readonly legalFramework: NonNullable<Tender["legalFramework"]>;
    readonly buyerType: NonNullable<Tender["buyerType"]>;
    readonly submissionDeadline: string | null;
  };
}

export const defaultLegalFramework = (language: unknown): NonNullable<Tender["legalFramework"]> => (language === "fr" ? "france" : "eu");

/**
 * In a French annex, each answer printed with a straight apostrophe (') is named: the annex prints answers
 * exactly as typed, and French typography uses ’ (the clause texts do). A warning, as the choice is the
 * buyer's.
 */
function frenchApostrophes(data: unknown, context: RuleContext): Finding[] {
  if (at(data, ["tender", "language"]) !== "fr") return [];
  const out: Finding[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (out.length >= 20) return;
    if (typeof value === "string") {
      if (value.includes("'") && !/^https?:/.test(value) && path[0] !== "$schema") {
        out.push({
          code: "text.straight-apostrophe",
          severity: "warning",
          path,
          message: context.t("findings.text.straight-apostrophe.message", { label: context.label(path) }),
          hint: context.t("findings.text.straight-apostrophe.hint"),
        });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(data, []);
  return out;
}

export const tenderFamily: RequirementFamily<TenderAnswers> = {
  id: "tender",
  owns: [["tender"]],
  optional: false,
  requires: false,
  on: () => true,
  off: () => undefined,
  normalise(raw) {
    const t = raw["tender"] as Tender;
    return {
      tender: {
        title: t.title,
        reference: t.reference,
        buyer: t.buyer,
        language: t.language,
        issueDate: t.issueDate ?? null,
        lot: t.lot ?? null,
        legalFramework: t.legalFramework ?? defaultLegalFramework(t.language),
        buyerType: t.buyerType ?? "contracting-authority",
        submissionDeadline: t.submissionDeadline ?? null,
      },
    };
  },
  rules(context): Finding[] {
    const { data, t } = context;
    const out = frenchApostrophes(data, context);
    const issue = str(at(data, ["tender", "issueDate"]));
    const deadline = str(at(data, ["tender", "submissionDeadline"]));
    // A real calendar date may still be a typo that would be printed on the annex (0026 for 2026): the
    // dates of a tender drafted with this tool fall in this century.
    for (const [key, value] of [["issueDate", issue], ["submissionDeadline", deadline]] as const) {
      const year = value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Number(value.slice(0, 4)) : undefined;
      if (year !== undefined && (year < 2000 || year > 2099)) {
        const path = ["tender", key] as const;
        out.push({
          code: "tender.date-implausible",
          severity: "error",
          path,
          message: t("findings.tender.date-implausible.message", { label: context.label(path), value: value ?? "" }),
          hint: t("findings.tender.date-implausible.hint"),
        });
      }
    }
    // Both are real dates when the schema accepts them; compared as YYYY-MM-DD text.
    if (issue !== undefined && deadline !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(issue) && /^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline < issue) {
      return [
        ...out,
        {
          code: "tender.deadline-before-issue",
          severity: "error",
          path: ["tender", "submissionDeadline"],
          message: t("findings.tender.deadline-before-issue.message", { deadline, issue }),
          hint: t("findings.tender.deadline-before-issue.hint"),
        },
      ];
    }
    return out;
  },
  questions: [
    { kind: "text", path: ["tender", "title"] },
    { kind: "text", path: ["tender", "reference"] },
    { kind: "text", path: ["tender", "buyer"] },
    { kind: "choice", path: ["tender", "buyerType"], choices: ["contracting-authority", "contracting-entity"], default: () => "contracting-authority" },
    { kind: "choice", path: ["tender", "legalFramework"], choices: ["france", "eu"], default: (draft) => defaultLegalFramework(at(draft, ["tender", "language"])) },
    { kind: "text", path: ["tender", "issueDate"], format: "date", optional: true },
    { kind: "text", path: ["tender", "submissionDeadline"], format: "date", optional: true },
    { kind: "text", path: ["tender", "lot"], optional: true },
  ],
};
