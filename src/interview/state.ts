/**
 * The interview's answers while it runs, and how a question's answer changes them. The rule: the interview
 * changes only what it is asked to change. Every question starts from the current answer (the --from file,
 * or what was answered before going back) and Enter keeps it; an answer left out of the file stays out when
 * Enter accepts the value it already means; a family left unticked is changed only if it was on; an answer
 * that no longer applies is removed only when the answer it depends on was changed here. The terminal and
 * the web interview both go through these functions.
 */
import { isDeepStrictEqual } from "node:util";
import { valueAt } from "../answers/paths.js";
import type { AnyFamily, Draft, Path } from "../families/family.js";
import { families } from "../families/index.js";
import { setAt } from "../families/kit.js";
import type { Language } from "../i18n/messages.js";
import type { Question } from "./questions.js";

export interface InterviewState {
  language: Language;
  /** The answers as they stand. */
  draft: Draft;
  /** The answers the interview started from (the --from file), to keep and to show what changed. */
  readonly initial: Draft;
  /** The families ticked, by id. */
  ticked: Set<string>;
}

/** The families these answers turn on. */
export function familiesOn(draft: Draft): string[] {
  return families()
    .filter((f) => f.optional && f.on(draft))
    .map((f) => f.id);
}

export function startState(from: Draft | undefined, language: Language): InterviewState {
  const draft = structuredClone(from ?? {});
  return { language, draft, initial: structuredClone(draft), ticked: new Set(familiesOn(draft)) };
}

/** Sets the language of the annex, and of the interview. */
export function setLanguage(state: InterviewState, language: Language): void {
  state.language = language;
  setAt(state.draft, ["tender", "language"], language);
}

/** The families ticked now: newly ticked ones get their starting answers, unticked ones are turned off. */
export function setTicked(state: InterviewState, ids: Iterable<string>): void {
  const next = new Set(ids);
  for (const family of families()) {
    if (!family.optional) continue;
    const was = state.ticked.has(family.id);
    if (next.has(family.id) && !was) family.tick?.(state.draft);
    if (!next.has(family.id) && family.on(state.draft)) family.off(state.draft);
  }
  state.ticked = next;
}

/** The families whose questions are asked, in order: the tender, then the ticked ones. */
export function askedFamilies(state: InterviewState): AnyFamily[] {
  return families().filter((f) => !f.optional || state.ticked.has(f.id));
}

/**
 * The value a question starts from: the current answer, else the default a missing answer means, else (for
 * a required answer only) a suggestion. An optional answer not given starts empty, so that Enter keeps it so.
 */
export function startingValue(question: Question, path: Path, draft: Draft): unknown {
  const current = valueAt(draft, path);
  if (current !== undefined) return current;
  return question.default?.(draft) ?? (question.optional === true ? undefined : question.suggest?.(draft));
}

/** Whether two lists hold the same values, whatever their order. */
function sameSet(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x) => b.some((y) => isDeepStrictEqual(x, y)));
}

/**
 * Records an answer. `undefined` removes it (an optional answer left empty). An answer that was missing and
 * is given the value it already means stays missing; a list given again with the same values keeps its order.
 */
export function applyAnswer(state: InterviewState, question: Question, path: Path, value: unknown): void {
  const current = valueAt(state.draft, path);
  if (value === undefined) {
    if (current !== undefined) setAt(state.draft, path, undefined);
    return;
  }
  if (current === undefined && question.default !== undefined && isDeepStrictEqual(value, question.default(state.draft))) return;
  if (isDeepStrictEqual(current, value) || sameSet(current, value)) return;
  setAt(state.draft, path, value);
}

/**
 * After a family's questions: an answer whose question no longer applies is removed when the answer it
 * depends on was changed in this interview (it applied to the answers the interview started from, or was not
 * there), and kept when it was already so in the file (validate then says it has no effect).
 */
export function pruneInapplicable(state: InterviewState, family: AnyFamily): void {
  for (const question of family.questions) {
    if (question.when === undefined || question.kind === "items") continue;
    if (question.when(state.draft)) continue;
    if (valueAt(state.draft, question.path) === undefined) continue;
    const keptAsItWas = !question.when(state.initial) && isDeepStrictEqual(valueAt(state.initial, question.path), valueAt(state.draft, question.path));
    if (!keptAsItWas) setAt(state.draft, question.path, undefined);
  }
}

/** Top-level keys in the order of the answers schema; keys the interview does not know ($schema) stay first. */
const ORDER = ["$schema", "schemaVersion", "tender", "openSource", "components", "licensePolicy", "governance", "compliance", "upstream", "buyerDistribution", "remedies", "security", "ipRights", "exit"];

/** The answers to write: every family's required answers completed, sections in the schema's order. */
export function finalAnswers(state: InterviewState): Draft {
  const draft = structuredClone(state.draft);
  draft["schemaVersion"] = 1;
  for (const family of families()) family.complete?.(draft);
  const keys = Object.keys(draft).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, draft[k]]));
}

function rank(key: string): number {
  const i = ORDER.indexOf(key);
  return i < 0 ? ORDER.length : i;
}

/** The paths whose answers differ from those the interview started from (for the review). */
export function changedPaths(state: InterviewState, draft: Draft = state.draft): Set<string> {
  const out = new Set<string>();
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (isDeepStrictEqual(a, b)) return;
    const ao = a !== null && typeof a === "object" && !Array.isArray(a);
    const bo = b !== null && typeof b === "object" && !Array.isArray(b);
    if (ao && bo) {
      for (const key of new Set([...Object.keys(a as object), ...Object.keys(b as object)])) {
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`);
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.every((x) => x !== null && typeof x === "object") && b.every((x) => x !== null && typeof x === "object")) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
      return;
    }
    out.add(path);
  };
  walk(state.initial, draft, "");
  return out;
}
