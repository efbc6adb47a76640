/**
 * Which clauses an annex contains: each clause's condition evaluated on the answers. Every decision is kept
 * with its reasons (the answers that decided it), so that a person can see why a clause is in or out, and
 * so that a family the buyer chose whose clauses all stayed out is reported with the answers that left them
 * out.
 */
import type { Answers } from "../answers/model.js";
import type { Clause, ClauseLibrary, Condition, RequirementNature } from "../clauses/library.js";
import type { Finding } from "../diagnostics.js";
import { families } from "../families/index.js";
import type { Messages } from "../i18n/messages.js";
import { labelOf } from "../validation/schema.js";

/** Why a clause is in or out. */
export type Reason =
  | { readonly kind: "always" }
  | { readonly kind: "retired" }
  /** The annex states requirements (holds) or states none. */
  | { readonly kind: "requirements"; readonly holds: boolean }
  /** An answer, after defaults, and its value. */
  | { readonly kind: "answer"; readonly path: string; readonly value: unknown };

export interface ClauseDecision {
  readonly clause: Clause;
  readonly included: boolean;
  readonly because: readonly Reason[];
}

export interface ClauseSelection {
  readonly included: readonly Clause[];
  readonly decisions: readonly ClauseDecision[];
}

/** The value of `compliance.sbom.required` in the answers. */
export function answerAt(answers: Answers, path: string): unknown {
  let cursor: unknown = answers;
  for (const step of path.split(".")) {
    if (cursor === null || typeof cursor !== "object") return undefined;
    cursor = (cursor as Record<string, unknown>)[step];
  }
  return cursor;
}

function isFilled(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === "") return false;
  return !Array.isArray(value) || value.length > 0;
}

interface Outcome {
  readonly holds: boolean;
  readonly because: Reason[];
}

function evaluate(condition: Condition, answers: Answers, hasRequirements: boolean): Outcome {
  if ("all" in condition) {
    const parts = condition.all.map((c) => evaluate(c, answers, hasRequirements));
    const holds = parts.every((p) => p.holds);
    // Explain a failure by the parts that failed, a success by all parts.
    return { holds, because: parts.filter((p) => p.holds === holds).flatMap((p) => p.because) };
  }
  if ("any" in condition) {
    const parts = condition.any.map((c) => evaluate(c, answers, hasRequirements));
    const holds = parts.some((p) => p.holds);
    return { holds, because: parts.filter((p) => p.holds === holds).flatMap((p) => p.because) };
  }
  if ("not" in condition) {
    const inner = evaluate(condition.not, answers, hasRequirements);
    return { holds: !inner.holds, because: inner.because };
  }
  if ("hasRequirements" in condition) {
    return { holds: hasRequirements === condition.hasRequirements, because: [{ kind: "requirements", holds: hasRequirements }] };
  }
  const value = answerAt(answers, condition.answer);
  const because: Reason[] = [{ kind: "answer", path: condition.answer, value }];
  if ("is" in condition) return { holds: value === condition.is, because };
  if ("in" in condition) return { holds: condition.in.includes(value as string), because };
  return { holds: isFilled(value), because };
}

/** How a requirement binds for these answers: its nature, or the first of its natures whose condition holds. */
export function natureOf(clause: Clause, answers: Answers, hasRequirements: boolean): RequirementNature {
  const nature = clause.nature;
  if (nature === undefined) return "mandatory";
  if (typeof nature === "string") return nature;
  return nature.find((n) => n.when === undefined || evaluate(n.when, answers, hasRequirements).holds)?.is ?? "mandatory";
}

/** Whether a condition holds on these answers (a row of a clause's own table, for example). */
export function conditionHolds(condition: Condition, answers: Answers, hasRequirements: boolean): boolean {
  return evaluate(condition, answers, hasRequirements).holds;
}

function usesHasRequirements(condition: Condition | undefined): boolean {
  if (condition === undefined) return false;
  if ("hasRequirements" in condition) return true;
  if ("all" in condition) return condition.all.some(usesHasRequirements);
  if ("any" in condition) return condition.any.some(usesHasRequirements);
  if ("not" in condition) return usesHasRequirements(condition.not);
  return false;
}

export function selectClauses(library: ClauseLibrary, answers: Answers): ClauseSelection {
  const decide = (clause: Clause, hasRequirements: boolean): ClauseDecision => {
    if (clause.status === "retired") return { clause, included: false, because: [{ kind: "retired" }] };
    if (clause.when === undefined) return { clause, included: true, because: [{ kind: "always" }] };
    const { holds, because } = evaluate(clause.when, answers, hasRequirements);
    return { clause, included: holds, because };
  };
  // First the clauses that depend on answers only, then those that depend on whether there are requirements.
  const first = library.clauses.filter((c) => !usesHasRequirements(c.when)).map((c) => decide(c, false));
  const hasRequirements = first.some((d) => d.included && d.clause.requirement !== undefined);
  const byId = new Map(first.map((d) => [d.clause.id, d]));
  const decisions = library.clauses.map((c) => byId.get(c.id) ?? decide(c, hasRequirements));
  return { included: decisions.filter((d) => d.included).map((d) => d.clause), decisions };
}

/** An answer's value as a reason says it: yes/no, a quoted text, "empty", "2 items". */
export function valueWords(value: unknown, t: Messages): string {
  if (value === null || value === undefined) return t("explain.value.none");
  if (typeof value === "boolean") return value ? t("explain.value.yes") : t("explain.value.no");
  if (Array.isArray(value)) return value.length === 0 ? t("explain.value.empty-list") : t("explain.value.items", { count: value.length });
  if (typeof value === "string") return t("explain.value.text", { text: value });
  return String(value);
}

/** A reason in words: "Open governance required (governance.required) is no". */
export function reasonWords(reason: Reason, t: Messages): string {
  switch (reason.kind) {
    case "always":
      return t("explain.reason.always");
    case "retired":
      return t("explain.reason.retired");
    case "requirements":
      return reason.holds ? t("explain.reason.requirements") : t("explain.reason.no-requirements");
    case "answer":
      return t("explain.reason.answer", { label: labelOf(reason.path.split("."), t), path: reason.path, value: valueWords(reason.value, t) });
  }
}

/** A requirement family's name, in a language. */
export function familyName(id: string, t: Messages): string {
  return t.has(`families.${id}.name`) ? t.dynamic(`families.${id}.name`) : id;
}

/**
 * The families the answers turn on whose clauses all stay out of the annex: a warning each, naming the
 * answers that leave the clauses out (licence policy asked, but no component and no open source scope).
 */
export function familiesWithoutEffect(library: ClauseLibrary, selection: ClauseSelection, raw: unknown, t: Messages): Finding[] {
  const out: Finding[] = [];
  for (const family of families()) {
    if (!family.optional || !family.on(raw as Record<string, unknown>)) continue;
    const decisions = selection.decisions.filter((d) => d.clause.family === family.id && d.clause.status !== "retired");
    if (decisions.length === 0) {
      // The library has no clause for it at all (an organisation's family whose clauses live in another library).
      out.push({
        code: "family.no-clause",
        severity: "warning",
        path: family.owns[0] ?? [],
        message: t("findings.family.no-clause.message", { family: familyName(family.id, t) }),
        hint: t("findings.family.no-clause.hint", { family: family.id }),
      });
      continue;
    }
    if (decisions.some((d) => d.included)) continue;
    const reasons = new Map<string, string>();
    for (const d of decisions) for (const r of d.because) if (r.kind === "answer" || r.kind === "requirements") reasons.set(JSON.stringify(r), reasonWords(r, t));
    out.push({
      code: "family.no-effect",
      severity: "warning",
      path: family.owns[0] ?? [],
      message: t("findings.family.no-effect.message", { family: familyName(family.id, t), reasons: t.list([...reasons.values()]) }),
      hint: t("findings.family.no-effect.hint"),
    });
  }
  return out;
}
