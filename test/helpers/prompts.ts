/** Prompts for driving the interview in tests: Enter everywhere, or answers picked by the question asked. */
import { expect } from "chai";
import type { Choice, Prompts } from "../../src/interview/prompts.js";

/** What a person sees: every question, in order, and what the interview printed. */
export interface Transcript {
  readonly questions: string[];
  readonly said: string[];
}

/**
 * Enter at every prompt: the default of an input (validated as the real prompt would), the highlighted
 * choice of a select or search, the ticked boxes of a checkbox, the default of a yes/no question.
 */
export function enterEverywhere(transcript: Transcript = { questions: [], said: [] }): Prompts {
  const ask = (message: string): void => {
    // Enter on a question that refuses what it keeps would ask it for ever: a failure, not a hang.
    if (transcript.questions.length > 2000) throw new Error(`asked over and over: ${transcript.questions.slice(-5).join(" | ")}`);
    transcript.questions.push(message);
  };
  return {
    input: async (o) => {
      ask(o.message);
      const value = o.default ?? "";
      const verdict = o.validate?.(value) ?? true;
      if (verdict !== true) throw new Error(`Enter at “${o.message}” is refused: ${verdict}`);
      return value;
    },
    select: async <T>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) => {
      ask(o.message);
      const first = o.choices[0];
      if (o.default === undefined && first === undefined) throw new Error(`no choice at “${o.message}”`);
      return o.default ?? first!.value;
    },
    checkbox: async <T>(o: { message: string; choices: readonly Choice<T>[]; validate?: (values: readonly T[]) => true | string }) => {
      ask(o.message);
      const checked = o.choices.filter((c) => c.checked).map((c) => c.value);
      const verdict = o.validate?.(checked) ?? true;
      if (verdict !== true) throw new Error(`Enter at “${o.message}” is refused: ${verdict}`);
      return checked;
    },
    confirm: async (o) => {
      ask(o.message);
      return o.default ?? true;
    },
    search: async <T>(o: { message: string; source: (term: string | undefined) => readonly Choice<T>[]; default?: T; validate?: (value: T) => true | string }) => {
      ask(o.message);
      const choices = o.source(undefined);
      if (o.default !== undefined) expect(choices.map((c) => c.value), `the default of “${o.message}” is offered`).to.deep.include(o.default);
      const first = choices[0];
      if (o.default === undefined && first === undefined) throw new Error(`no choice at “${o.message}”`);
      const value = o.default ?? first!.value;
      const verdict = o.validate?.(value) ?? true;
      if (verdict !== true) throw new Error(`Enter at “${o.message}” is refused: ${verdict}`);
      return value;
    },
    say: (text) => void transcript.said.push(text),
  };
}

/** An answer picked for the questions whose text matches; anything else gets Enter. */
export type Script = [RegExp, unknown | ((choices: readonly unknown[]) => unknown)][];

/**
 * Answers from a script, by question: the first rule whose pattern matches the question answers it
 * (once, unless the rule is kept with `/…/g`); questions no rule matches get Enter. Each answer goes
 * through the prompt's own validation, and a select or search answer must be among its choices.
 */
export function scripted(script: Script, transcript: Transcript = { questions: [], said: [] }): Prompts {
  const rules = script.map(([pattern, answer]) => ({ pattern, answer, used: false }));
  const enter = enterEverywhere(transcript);
  const pick = (message: string): { found: boolean; answer?: unknown } => {
    const rule = rules.find((r) => !r.used && r.pattern.test(message));
    if (rule === undefined) return { found: false };
    if (!rule.pattern.global) rule.used = true;
    rule.pattern.lastIndex = 0;
    return { found: true, answer: rule.answer };
  };
  return {
    ...enter,
    input: async (o) => {
      const { found, answer } = pick(o.message);
      if (!found) return enter.input(o);
      transcript.questions.push(o.message);
      const value = String(answer);
      const verdict = o.validate?.(value) ?? true;
      if (verdict !== true) throw new Error(`“${value}” refused at “${o.message}”: ${verdict}`);
      return value;
    },
    select: async <T>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) => {
      const { found, answer } = pick(o.message);
      if (!found) return enter.select(o);
      transcript.questions.push(o.message);
      const value = (typeof answer === "function" ? (answer as (c: readonly unknown[]) => unknown)(o.choices.map((c) => c.value)) : answer) as T;
      expect(o.choices.map((c) => c.value), o.message).to.deep.include(value);
      return value;
    },
    checkbox: async <T>(o: { message: string; choices: readonly Choice<T>[]; validate?: (values: readonly T[]) => true | string }) => {
      const { found, answer } = pick(o.message);
      if (!found) return enter.checkbox(o);
      transcript.questions.push(o.message);
      const values = (typeof answer === "function" ? (answer as (c: readonly unknown[]) => unknown)(o.choices.map((c) => c.value)) : answer) as T[];
      const verdict = o.validate?.(values) ?? true;
      if (verdict !== true) throw new Error(`${JSON.stringify(values)} refused at “${o.message}”: ${verdict}`);
      return values;
    },
    confirm: async (o) => {
      const { found, answer } = pick(o.message);
      if (!found) return enter.confirm(o);
      transcript.questions.push(o.message);
      return Boolean(answer);
    },
    search: async <T>(o: { message: string; source: (term: string | undefined) => readonly Choice<T>[]; default?: T; validate?: (value: T) => true | string }) => {
      const { found, answer } = pick(o.message);
      if (!found) return enter.search(o);
      transcript.questions.push(o.message);
      const value = answer as T;
      const choices = o.source(String(value).startsWith("\u0000") ? undefined : String(value));
      expect(choices.map((c) => c.value), o.message).to.deep.include(value);
      const verdict = o.validate?.(value) ?? true;
      if (verdict !== true) throw new Error(`“${String(value)}” refused at “${o.message}”: ${verdict}`);
      return value;
    },
  };
}
