/**
 * The interview, asked one question at a time through a Prompts driver (the terminal; tests script it): the
 * language first, then the tender, one box per requirement family, and only the questions of the families
 * ticked. Every question starts from the current answer and Enter keeps it (state.ts); every answer is
 * checked where it is typed with the rules of `validate` (check.ts).
 */
import { valueAt } from "../answers/paths.js";
import type { AnyFamily, Path } from "../families/family.js";
import { families } from "../families/index.js";
import { strings } from "../families/kit.js";
import { LANGUAGES, messages, type Language, type Messages } from "../i18n/messages.js";
import { licenceCatalogue } from "../licences/catalogue.js";
import { parseLicence } from "../licences/expression.js";
import { familyName } from "../selection/select.js";
import { checkAnswer } from "./check.js";
import { acceptIntoPolicy, choiceValues, licenceCheckFor, licenceVerdict, listAnswer, offeredLicences, offeredTexts, typedNumber } from "./decisions.js";
import type { Choice, Prompts } from "./prompts.js";
import type { Question } from "./questions.js";
import { applyAnswer, askedFamilies, pruneInapplicable, setLanguage, setTicked, startingValue, type InterviewState } from "./state.js";
import { choiceLabel, licenceChoices, questionLabel } from "./words.js";

/** Marks choice values that are not answers (Other…, None, Done). */
const OTHER = "\u0000other";
const NONE = "\u0000none";
const DONE = "\u0000done";
const PICK = "\u0000pick";

export class Interview {
  constructor(
    private readonly prompts: Prompts,
    readonly state: InterviewState,
  ) {}

  get t(): Messages {
    return messages(this.state.language);
  }

  /** The language of the annex, asked in both languages. */
  async language(): Promise<void> {
    const language = await this.prompts.select<Language>({
      message: messages("en")("interview.language"),
      choices: LANGUAGES.map((l) => ({ name: messages(l)("interview.language-name"), value: l })),
      default: this.state.language,
    });
    setLanguage(this.state, language);
  }

  /** The box per requirement family, with a one-line explanation each. */
  async families(): Promise<void> {
    const t = this.t;
    const optional = families().filter((f) => f.optional);
    const ticked = await this.prompts.checkbox<string>({
      message: t("interview.families"),
      choices: optional.map((f) => ({
        name: familyName(f.id, t),
        value: f.id,
        description: t.has(`families.${f.id}.description`) ? t.dynamic(`families.${f.id}.description`) : "",
        checked: this.state.ticked.has(f.id),
      })),
    });
    setTicked(this.state, ticked);
  }

  /** A family's questions, in order; then answers that no longer apply are removed. */
  async family(family: AnyFamily): Promise<void> {
    for (const question of family.questions) {
      if (question.when !== undefined && !question.when(this.state.draft)) continue;
      await this.ask(question, question.path);
    }
    pruneInapplicable(this.state, family);
  }

  /** Every section in order after the language: the tender, the families, each ticked family. */
  async rest(): Promise<void> {
    const tender = askedFamilies(this.state).find((f) => !f.optional);
    if (tender) await this.family(tender);
    await this.families();
    for (const family of askedFamilies(this.state).filter((f) => f.optional)) await this.family(family);
  }

  /** One section again, from the review: the tender, the boxes (then the families newly ticked), or a family. */
  async section(id: string): Promise<void> {
    if (id === "families") {
      const before = new Set(this.state.ticked);
      await this.families();
      for (const family of askedFamilies(this.state)) if (family.optional && !before.has(family.id)) await this.family(family);
      return;
    }
    const family = families().find((f) => f.id === id);
    if (family !== undefined) await this.family(family);
  }

  private check(path: Path, value: unknown): true | string {
    return checkAnswer(this.state.draft, this.state.language, path, value);
  }

  private async ask(question: Question, path: Path): Promise<void> {
    const t = this.t;
    const label = questionLabel(question, path, t);
    const start = startingValue(question, path, this.state.draft);
    switch (question.kind) {
      case "text": {
        const value = await this.prompts.input({
          message: label,
          ...(start !== undefined ? { default: String(start) } : {}),
          validate: (v) => (v === "" ? (question.optional ? true : t("interview.required")) : this.check(path, v)),
        });
        return applyAnswer(this.state, question, path, value === "" ? undefined : value);
      }
      case "number": {
        const value = await this.prompts.input({
          message: label,
          ...(start !== undefined ? { default: String(start) } : {}),
          validate: (v) => {
            if (v === "") return question.optional ? true : t("interview.required");
            const typed = typedNumber(v, question, t);
            return "error" in typed ? typed.error : this.check(path, typed.value);
          },
        });
        const typed = typedNumber(value, question, t);
        return applyAnswer(this.state, question, path, value === "" || "error" in typed ? undefined : typed.value);
      }
      case "yesno": {
        const value = await this.prompts.confirm({ message: label, default: start === undefined ? true : Boolean(start) });
        return applyAnswer(this.state, question, path, value);
      }
      case "choice":
        return this.choice(question, path, label, start);
      case "choices": {
        const current = Array.isArray(start) ? start : [];
        const value = await this.prompts.checkbox<string>({
          message: label,
          choices: question.choices.map((c) => ({ name: choiceLabel(path, c, t), value: c, checked: current.includes(c) })),
          validate: (v) => this.check(path, [...v]),
        });
        return applyAnswer(this.state, question, path, value);
      }
      case "licence":
        return this.licence(question, path, label, start);
      case "licences":
        return this.licenceList(path, label);
      case "texts":
        return this.texts(question, path, label);
      case "items":
        return this.items(question, path);
    }
  }

  private async choice(question: Extract<Question, { kind: "choice" }>, path: Path, label: string, start: unknown): Promise<void> {
    const t = this.t;
    const values = choiceValues(question, this.state.draft, start);
    const choices: Choice<string>[] = values.map((v) => ({ name: choiceLabel(path, v, t), value: v }));
    if (question.other) choices.push({ name: t("interview.other"), value: OTHER });
    if (question.optional) choices.push({ name: t("interview.none"), value: NONE });
    const preferred = typeof start === "string" ? start : question.optional ? NONE : values[0];
    const picked = await this.prompts.select<string>({ message: label, choices, ...(preferred !== undefined ? { default: preferred } : {}) });
    if (picked === NONE) return applyAnswer(this.state, question, path, undefined);
    if (picked !== OTHER) return applyAnswer(this.state, question, path, picked);
    const typed = await this.prompts.input({ message: t("interview.other-value", { label }), validate: (v) => (v === "" ? t("interview.required") : this.check(path, v)) });
    return applyAnswer(this.state, question, path, typed);
  }

  /** A licence: offered suggestions first where the question has them, else the search over the SPDX list. */
  private async licence(question: Extract<Question, { kind: "licence" }>, path: Path, label: string, start: unknown): Promise<void> {
    const t = this.t;
    let current = typeof start === "string" ? start : undefined;
    if (question.suggestions !== undefined) {
      const choices: Choice<string>[] = offeredLicences(question, this.state.draft, t).map((s) => ({ name: `${s.id} — ${s.name}`, value: s.id, description: s.reason }));
      if (current !== undefined && !choices.some((c) => c.value === current)) choices.unshift({ name: current, value: current, description: t("interview.licence.current") });
      choices.push({ name: t("interview.other"), value: OTHER });
      if (question.optional) choices.push({ name: t("interview.none"), value: NONE });
      // Enter keeps the answer: the current licence, or none for an optional one not given yet.
      const preferred = current ?? (question.optional ? NONE : choices[0]?.value);
      const picked = await this.prompts.select<string>({ message: label, choices, ...(preferred !== undefined ? { default: preferred } : {}) });
      if (picked === NONE) return applyAnswer(this.state, question, path, undefined);
      if (picked !== OTHER) return applyAnswer(this.state, question, path, picked);
    }
    for (;;) {
      const check = licenceCheckFor(question.check, this.state.draft);
      // With no licence yet, the list opens on "type to search": Enter alone picks nothing (0BSD, first in
      // the list, is never chosen by accident).
      const id = await this.prompts.search<string>({
        message: `${label} — ${t("interview.licence.search")}`,
        source: (term) => (current === undefined && (term ?? "").trim() === "" ? [{ name: t("interview.licence.type-to-search"), value: PICK }] : []).concat(licenceChoices(term, check, t, current)),
        ...(current !== undefined ? { default: current } : {}),
        validate: (v) => (v === PICK ? t("interview.licence.pick") : question.check === "policy" && !parseLicence(v, licenceCatalogue()).ok ? t("interview.licence.invalid", { licence: v }) : true),
      });
      const accepted = await this.acceptLicence(id, question.check);
      if (accepted) return applyAnswer(this.state, question, path, id);
      // Another one is chosen: the search starts afresh, not on the licence just refused.
      current = undefined;
    }
  }

  /** Whether a licence picked is kept: refused ones are explained, and by the policy may be accepted into `allow`. */
  private async acceptLicence(id: string, kind: "policy" | "definition" | "free"): Promise<boolean> {
    const t = this.t;
    const verdict = licenceVerdict(id, kind, this.state.draft, t);
    switch (verdict.kind) {
      case "accepted":
        return true;
      case "invalid":
      case "not-open":
        this.prompts.say(verdict.message);
        return false;
      case "refused": {
        const next = await this.prompts.select<"another" | "allow">({
          message: verdict.message,
          choices: [{ name: t("interview.licence.another"), value: "another" }, ...(verdict.allow.length > 0 ? [{ name: t("interview.licence.allow"), value: "allow" as const }] : [])],
        });
        if (next === "another") return false;
        acceptIntoPolicy(this.state.draft, verdict.allow);
        return true;
      }
    }
  }

  /** A list of licence identifiers: those already given (untick to remove), then more, searched one by one. */
  private async licenceList(path: Path, label: string): Promise<void> {
    const t = this.t;
    const question: Question = { kind: "licences", path };
    const current = strings(valueAt(this.state.draft, path));
    let kept = current;
    if (current.length > 0) {
      kept = await this.prompts.checkbox<string>({ message: t("interview.list.keep", { label }), choices: current.map((id) => ({ name: id, value: id, checked: true })) });
    }
    const list = [...kept];
    for (;;) {
      const id = await this.prompts.search<string>({
        message: `${label} — ${t("interview.list.add-licence")}`,
        // Done first until something is typed, then the licences found first.
        source: (term) => {
          const found = licenceChoices(term, { kind: "none" }, t).filter((c) => !list.includes(c.value));
          const done = { name: t("interview.list.done"), value: DONE };
          return (term ?? "").trim() === "" ? [done, ...found] : [...found, done];
        },
        default: DONE,
      });
      if (id === DONE) break;
      const ok = this.check([...path, list.length], id);
      if (ok !== true) {
        this.prompts.say(ok);
        continue;
      }
      list.push(id);
    }
    applyAnswer(this.state, question, path, listAnswer(this.state.draft, path, list));
  }

  /** A list of lines: suggestions to tick and others to type (foundations), or each line in turn and more (needs). */
  private async texts(question: Extract<Question, { kind: "texts" }>, path: Path, label: string): Promise<void> {
    const t = this.t;
    const current = strings(valueAt(this.state.draft, path));
    const list: string[] = [];
    const more = (v: string): true | string => (v === "" ? true : this.check([...path, list.length], v));
    if (question.suggestions !== undefined) {
      const offered = offeredTexts(question, current);
      list.push(...(await this.prompts.checkbox<string>({ message: label, choices: offered.map((s) => ({ name: s, value: s, checked: current.includes(s) })), validate: (v) => (v.length === 0 ? true : this.check(path, [...v])) })));
      // None ticked is fine here: others may be typed next, and an empty list is left out of the answers.
      for (;;) {
        // An answer that must have at least one line is not left empty here.
        const value = await this.prompts.input({
          message: t("interview.list.other", { label }),
          validate: (v) => (v === "" && list.length === 0 && this.check(path, []) !== true ? t("interview.list.at-least-one") : more(v)),
        });
        if (value === "") break;
        if (!list.includes(value)) list.push(value);
      }
    } else {
      for (const line of current) {
        const value = await this.prompts.input({ message: `${label} ${t("interview.list.remove-hint")}`, default: line, validate: more });
        if (value !== "") list.push(value);
      }
      if (list.length === 0) list.push(await this.prompts.input({ message: label, validate: (v) => (v === "" ? t("interview.required") : more(v)) }));
      while (await this.prompts.confirm({ message: t("interview.list.another", { label }), default: false })) {
        const value = await this.prompts.input({ message: label, validate: more });
        if (value === "") break;
        list.push(value);
      }
    }
    applyAnswer(this.state, question, path, listAnswer(this.state.draft, path, list));
  }

  /** A list of items (components): each given one in turn (an empty name removes it), then more. */
  private async items(question: Extract<Question, { kind: "items" }>, path: Path): Promise<void> {
    const t = this.t;
    const count = (): number => (Array.isArray(valueAt(this.state.draft, path)) ? (valueAt(this.state.draft, path) as unknown[]).length : 0);
    let i = 0;
    while (i < count()) {
      if (!(await this.item(question, path, i, true))) continue; // removed: the next one is now at i
      i++;
    }
    let more = count() === 0;
    for (;;) {
      if (!more) more = await this.prompts.confirm({ message: t("interview.items.another", { label: questionLabel(question, path, t) }), default: false });
      if (!more) break;
      await this.item(question, path, count(), false);
      more = false;
    }
  }

  /** One item's questions. Returns false when the item was removed (its name left empty). */
  private async item(question: Extract<Question, { kind: "items" }>, path: Path, index: number, existing: boolean): Promise<boolean> {
    const t = this.t;
    for (const q of question.item) {
      const itemPath = [...path, index, ...q.path];
      if (q.when !== undefined && !q.when(this.state.draft)) continue;
      if (existing && q.path.join(".") === question.itemName.join(".")) {
        const start = startingValue(q, itemPath, this.state.draft);
        const name = await this.prompts.input({
          message: `${questionLabel(q, itemPath, t)} ${t("interview.items.remove-hint")}`,
          ...(start !== undefined ? { default: String(start) } : {}),
          validate: (v) => (v === "" ? true : this.check(itemPath, v)),
        });
        if (name === "") {
          const items = [...(valueAt(this.state.draft, path) as unknown[])];
          items.splice(index, 1);
          applyAnswer(this.state, question, path, items.length > 0 ? items : undefined);
          return false;
        }
        applyAnswer(this.state, q, itemPath, name);
        continue;
      }
      await this.ask(q, itemPath);
    }
    return true;
  }
}
