/**
 * Which clauses an annex contains: each clause's condition evaluated on the answers. Every decision is
 * kept with the reason, so that a person can see why a clause is in or out.
 */
import type { Answers } from "../answers/model.js";
import type { Clause, ClauseLibrary, Condition } from "../clauses/library.js";

export interface ClauseDecision {
  readonly clause: Clause;
  readonly included: boolean;
  /** The answers that decided it, e.g. `compliance.openChain = false`. */
  readonly because: readonly string[];
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

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "[] (empty)" : `${value.length} item${value.length === 1 ? "" : "s"}`;
  return value === null || value === undefined ? "(not given)" : JSON.stringify(value);
}

interface Outcome {
  readonly holds: boolean;
  readonly because: string[];
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
    const holds = hasRequirements === condition.hasRequirements;
    return { holds, because: [hasRequirements ? "the annex states requirements" : "the annex states no requirement"] };
  }
  const value = answerAt(answers, condition.answer);
  const because = [`${condition.answer} = ${show(value)}`];
  if ("is" in condition) return { holds: value === condition.is, because };
  if ("in" in condition) return { holds: condition.in.includes(value as string), because };
  return { holds: isFilled(value), because };
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
    if (clause.status === "retired") return { clause, included: false, because: ["the clause is retired"] };
    if (clause.when === undefined) return { clause, included: true, because: ["the clause always applies"] };
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
