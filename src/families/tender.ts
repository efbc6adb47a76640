/** The tender: who buys, what, when, in which language and under which legal framework. Always there. */
import type { RawAnswers } from "../answers/paths.js";
import type { Finding } from "../diagnostics.js";
import type { RequirementFamily } from "./family.js";
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
  rules({ data, t }): Finding[] {
    const issue = str(at(data, ["tender", "issueDate"]));
    const deadline = str(at(data, ["tender", "submissionDeadline"]));
    // Both are real dates when the schema accepts them; compared as YYYY-MM-DD text.
    if (issue !== undefined && deadline !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(issue) && /^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline < issue) {
      return [
        {
          code: "tender.deadline-before-issue",
          severity: "error",
          path: ["tender", "submissionDeadline"],
          message: t("findings.tender.deadline-before-issue.message", { deadline, issue }),
          hint: t("findings.tender.deadline-before-issue.hint"),
        },
      ];
    }
    return [];
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
