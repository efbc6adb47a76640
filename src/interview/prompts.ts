/**
 * The prompts the terminal interview asks through. The real ones are @inquirer/prompts, imported only when
 * the interview runs (so `build` and `validate` never load them), with every word they print themselves
 * (yes/no and the answers they accept, key hints, "no results") in the interview's language through their
 * themes; tests pass scripted ones.
 */
import { styleText } from "node:util";
import type { Messages } from "../i18n/messages.js";

export interface Choice<T> {
  readonly name: string;
  readonly value: T;
  readonly description?: string;
  readonly checked?: boolean;
}

export interface Prompts {
  input(options: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(options: { message: string; choices: readonly Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(options: { message: string; choices: readonly Choice<T>[]; validate?: (values: readonly T[]) => true | string }): Promise<T[]>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  /** A search over choices; `default` is the choice highlighted first (Enter takes it); `validate` may refuse the choice. */
  search<T>(options: { message: string; source: (term: string | undefined) => readonly Choice<T>[]; default?: T; validate?: (value: T) => true | string }): Promise<T>;
  /** Prints lines for the person (the review screen). */
  say(text: string): void;
}

/** @inquirer/prompts behind the Prompts interface, speaking the interview's language. */
export async function inquirerPrompts(output: (text: string) => void, words: () => Messages): Promise<Prompts> {
  const inquirer = await import("@inquirer/prompts");
  // The words the prompts print themselves, through their themes, in the interview's language of the moment.
  const keysHelpTip = (keys: [string, string][]): string => {
    const t = words();
    const action = (a: string): string => (["navigate", "select", "submit", "all", "invert"].includes(a) ? t.dynamic(`interview.keys.${a}`) : a);
    return keys.map(([key, a]) => `${styleText("bold", key === "space" ? t("interview.keys.space") : key)} ${styleText("dim", action(a))}`).join(styleText("dim", " • "));
  };
  const error = (text: string): string => {
    const t = words();
    const known: Record<string, string> = { "No results found": t("interview.no-results"), "You must provide a valid value": t("interview.invalid") };
    return styleText("red", `> ${known[text] ?? text}`);
  };
  const theme = { style: { keysHelpTip, error } };
  return {
    input: (o) => inquirer.input({ message: o.message, theme, ...(o.default !== undefined ? { default: o.default } : {}), ...(o.validate ? { validate: o.validate } : {}) }),
    select: <T>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) =>
      inquirer.select<T>({
        message: o.message,
        theme,
        choices: o.choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
        ...(o.default !== undefined ? { default: o.default } : {}),
        pageSize: 12,
      }),
    checkbox: <T>(o: { message: string; choices: readonly Choice<T>[]; validate?: (values: readonly T[]) => true | string }) =>
      inquirer.checkbox<T>({
        message: o.message,
        theme,
        choices: o.choices.map((c) => ({ name: c.name, value: c.value, checked: c.checked ?? false, ...(c.description ? { description: c.description } : {}) })),
        pageSize: 14,
        ...(o.validate ? { validate: (items: readonly { value: T }[]) => o.validate!(items.map((i) => i.value)) } : {}),
      }),
    confirm: (o) => {
      const t = words();
      const yes = t("interview.yes");
      const no = t("interview.no");
      return inquirer.confirm({
        message: o.message,
        // Yes and no in the interview's language: "o", "oui", "n", "non" in French (y and n always work).
        theme: { keywords: { yes, no, error: () => t("interview.yes-or-no", { yes, no }) } },
        ...(o.default !== undefined ? { default: o.default } : {}),
      });
    },
    search: <T>(o: { message: string; source: (term: string | undefined) => readonly Choice<T>[]; default?: T; validate?: (value: T) => true | string }) =>
      inquirer.search<T>({
        message: o.message,
        theme,
        pageSize: 10,
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.validate !== undefined ? { validate: o.validate } : {}),
        source: async (term) => o.source(term).map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
      }),
    say: output,
  };
}

/** Whether an error is the person leaving the interview with Ctrl-C. */
export function isExitPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError");
}
