/**
 * A section's form as posted, and how its answers reach the interview state. The fields are named after the
 * answers they write (`a[components][0][license]`, parsed by qs), so that the page is made from the families'
 * question lists alone; every value is applied through the interview's own functions (state.ts) and checked
 * with validate's rules (check.ts, decisions.ts), exactly as the terminal does one question at a time.
 */
import { parse } from "qs";
import { formatPath, valueAt } from "../answers/paths.js";
import type { AnyFamily, Draft, Path } from "../families/family.js";
import { strings } from "../families/kit.js";
import { messages, type Messages } from "../i18n/messages.js";
import { checkAnswer } from "../interview/check.js";
import { acceptIntoPolicy, choiceValues, licenceVerdict, listAnswer, typedNumber } from "../interview/decisions.js";
import type { Question } from "../interview/questions.js";
import { applyAnswer, pruneInapplicable, startingValue } from "../interview/state.js";
import type { PageState } from "./page-state.js";

/** What the buyer typed for one question, kept to show it again (a value with an error is never lost). */
export interface Typed {
  readonly value?: string | readonly string[];
  /** "Other…": the text typed; a list of lines: the other lines. */
  readonly other?: string;
  /** A licence search term. */
  readonly search?: string;
  /** After a refusal: `allow:<licence>` or `another:<licence>`. */
  readonly decision?: string;
}

/** Whether something was typed or chosen for a question (an empty answer loses nothing when left). */
export const isGiven = (typed: Typed | undefined): boolean =>
  typed !== undefined && ((typeof typed.value === "string" && typed.value.trim() !== "" && typed.value !== NONE) || (Array.isArray(typed.value) && typed.value.length > 0) || (typed.other ?? "").trim() !== "");

/** A licence refused by the policy, waiting for the buyer's choice (another one, or accept it into `allow`). */
export interface Refusal {
  readonly licence: string;
  readonly message: string;
  readonly canAllow: boolean;
}

/** The outcome of a section's answers. */
export interface Outcome {
  /** Problems by question key (`components[0].license`), in the buyer's words. */
  readonly errors: Map<string, string>;
  readonly refusals: Map<string, Refusal>;
  /** Questions whose typed value is not shown again (a licence refused, then "pick another"). */
  readonly cleared: Set<string>;
  /** Questions that apply after these answers and were not on the page: the page is shown again with them. */
  readonly newQuestions: string[];
}

/** Values the choice and licence controls send that are not answers. */
export const OTHER = ":other";
export const NONE = ":none";

/** The name of the field of an answer: a[components][0][license]. */
export const fieldName = (prefix: string, path: Path): string => `${prefix}${path.map((p) => `[${p}]`).join("")}`;

/** The key of a question on the page: its answer's path, as findings name it. */
export const questionKey = (path: Path): string => formatPath(path);

/** The posted form: qs turns the bracketed names back into the answers' shape. */
export class Posted {
  readonly fields: Record<string, unknown>;
  constructor(body: string) {
    // Bounded: no more fields, list items or nesting than a section can have; no prototype keys.
    this.fields = parse(body, { depth: 8, arrayLimit: 1000, parameterLimit: 5000, allowPrototypes: false, charset: "utf-8" });
  }

  text(name: string): string | undefined {
    const v = this.fields[name];
    return typeof v === "string" ? v : undefined;
  }

  /** A field that may be given once or more (qs gives a text for one, a list for several). */
  list(name: string): string[] {
    const v = this.fields[name];
    return typeof v === "string" ? [v] : strings(v);
  }

  /** The question keys the page showed. */
  shown(): Set<string> {
    return new Set(this.list("shown"));
  }

  /** What was typed for the answer at `path`. */
  typed(path: Path): Typed {
    const one = (prefix: string): unknown => valueAt(this.fields[prefix], path);
    const value = one("a");
    const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
    const out: { -readonly [K in keyof Typed]: Typed[K] } = {};
    if (typeof value === "string") out.value = value;
    else if (Array.isArray(value)) out.value = strings(value).filter((v) => v !== "");
    const other = text(one("o"));
    if (other !== undefined) out.other = other;
    const search = text(one("q"));
    if (search !== undefined) out.search = search;
    const decision = text(one("d"));
    if (decision !== undefined) out.decision = decision;
    return out;
  }
}

/** A list of lines typed one per line: trimmed, empty lines and repeats left out. */
export const lines = (text: string | undefined): string[] =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l, i, all) => l !== "" && all.indexOf(l) === i);

type Read = { readonly value: unknown } | { readonly error: string; readonly clear?: boolean } | { readonly refusal: Refusal };

/** One question's answer from what was typed, checked as the terminal checks it. */
function read(question: Question, path: Path, typed: Typed, state: PageState, t: Messages): Read {
  const check = (value: unknown, at: Path = path): Read => {
    const ok = checkAnswer(state.draft, state.language, at, value);
    return ok === true ? { value } : { error: ok };
  };
  const one = typeof typed.value === "string" ? typed.value : undefined;
  const many = Array.isArray(typed.value) ? (typed.value as string[]) : [];
  switch (question.kind) {
    case "text": {
      const v = (one ?? "").trim();
      if (v === "") return question.optional ? { value: undefined } : { error: t("interview.required") };
      return check(v);
    }
    case "number": {
      const v = (one ?? "").trim();
      if (v === "") return question.optional ? { value: undefined } : { error: t("interview.required") };
      const n = typedNumber(v, question, t);
      return "error" in n ? n : check(n.value);
    }
    case "yesno":
      return one === "true" || one === "false" ? { value: one === "true" } : { error: t("interview.required") };
    case "choice": {
      if (one === NONE && question.optional) return { value: undefined };
      if (one === OTHER && question.other) {
        const v = (typed.other ?? "").trim();
        return v === "" ? { error: t("interview.required") } : check(v);
      }
      if (one === undefined || !choiceValues(question, state.draft, valueAt(state.draft, path)).includes(one)) return { error: t("interview.required") };
      return check(one);
    }
    case "choices":
      return check(many.filter((v) => question.choices.includes(v)));
    case "licence": {
      if (one === NONE && question.optional) return { value: undefined };
      if (one === undefined || one === "" || one === NONE) return question.optional ? { value: undefined } : { error: t("interview.licence.pick") };
      const verdict = licenceVerdict(one, question.check, state.draft, t);
      if (verdict.kind === "accepted") return check(one);
      if (verdict.kind !== "refused") return { error: verdict.message };
      // "Pick another": the search starts afresh, not on the licence just refused.
      if (typed.decision === `another:${one}`) return { error: t("interview.licence.pick"), clear: true };
      if (typed.decision === `allow:${one}` && verdict.allow.length > 0) {
        acceptIntoPolicy(state.draft, verdict.allow);
        return check(one);
      }
      return { refusal: { licence: one, message: verdict.message, canAllow: verdict.allow.length > 0 } };
    }
    case "licences": {
      const ids = many.filter((v, i, all) => v !== "" && all.indexOf(v) === i);
      for (const [i, id] of ids.entries()) {
        const r = check(id, [...path, i]);
        if ("error" in r) return r;
      }
      return { value: listAnswer(state.draft, path, ids) };
    }
    case "texts": {
      const list = question.suggestions !== undefined ? [...many, ...lines(typed.other).filter((l) => !many.includes(l))] : lines(one);
      if (list.length === 0 && checkAnswer(state.draft, state.language, path, []) !== true) {
        return { error: question.suggestions !== undefined ? t("interview.list.at-least-one") : t("interview.required") };
      }
      for (const [i, line] of list.entries()) {
        const r = check(line, [...path, i]);
        if ("error" in r) return r;
      }
      return { value: listAnswer(state.draft, path, list) };
    }
    case "items":
      throw new Error("items are read item by item");
  }
}

/** The number of items of a list question on the page (the items shown) or in the answers. */
export function itemCount(question: Extract<Question, { kind: "items" }>, state: PageState, shown: ReadonlySet<string>): number {
  const given = valueAt(state.draft, question.path);
  let count = Array.isArray(given) ? given.length : 0;
  const prefix = `${questionKey(question.path)}[`;
  for (const key of shown) if (key.startsWith(prefix)) count = Math.max(count, Number(key.slice(prefix.length, key.indexOf("]", prefix.length))) + 1);
  return count;
}

/**
 * Applies a family's answers as posted, in the order of its questions (a question's `when` sees the answers
 * before it, as in the terminal). Valid answers are kept even when others are not, so that nothing typed is
 * lost; answers that no longer apply are removed only when the whole section is valid.
 */
export function applyFamily(family: AnyFamily, posted: Posted, state: PageState): Outcome {
  const t = messages(state.language);
  const shown = posted.shown();
  const errors = new Map<string, string>();
  const refusals = new Map<string, Refusal>();
  const cleared = new Set<string>();
  const newQuestions: string[] = [];
  const one = (question: Question, path: Path): void => {
    const key = questionKey(path);
    if (question.when !== undefined && !question.when(state.draft)) return;
    if (!shown.has(key)) {
      newQuestions.push(key);
      return;
    }
    const r = read(question, path, posted.typed(path), state, t);
    if ("error" in r) {
      errors.set(key, r.error);
      if (r.clear === true) cleared.add(key);
    }
    else if ("refusal" in r) refusals.set(key, r.refusal);
    else applyAnswer(state, question, path, r.value);
  };
  for (const question of family.questions) {
    if (question.kind !== "items") {
      one(question, question.path);
      continue;
    }
    const count = itemCount(question, state, shown);
    for (let i = 0; i < count; i++) {
      for (const q of question.item) one(q, [...question.path, i, ...q.path]);
    }
  }
  if (errors.size === 0 && refusals.size === 0 && newQuestions.length === 0) pruneInapplicable(state, family);
  return { errors, refusals, cleared, newQuestions };
}

/**
 * The answers as they would stand if the buyer kept every value the page offers (what Enter does in the
 * terminal): a question shown on the page is one whose `when` holds on these, so that a page opens with the
 * questions its offered answers bring (the needs under a partial scope). A question an answer changed on the
 * page brings is added when the page is sent (Outcome.newQuestions).
 */
export function offeredDraft(family: AnyFamily, state: PageState): Draft {
  const copy: PageState = { ...state, draft: structuredClone(state.draft) };
  for (const question of family.questions) {
    if (question.kind === "items" || (question.when !== undefined && !question.when(copy.draft))) continue;
    const start = startingValue(question, question.path, copy.draft);
    if (start !== undefined) applyAnswer(copy, question, question.path, start);
  }
  return copy.draft;
}
