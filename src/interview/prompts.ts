/**
 * The prompts the interview asks through. The real ones are @inquirer/prompts, imported only when the
 * interview runs (so `build` and `validate` never load them); tests pass scripted ones.
 */
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
  confirm(options: { message: string; default?: boolean; labels?: { yes: string; no: string } }): Promise<boolean>;
  search<T>(options: { message: string; source: (term: string | undefined) => readonly Choice<T>[] }): Promise<T>;
  /** Prints a line for the person (the review screen). */
  say(text: string): void;
}

/** @inquirer/prompts behind the Prompts interface. */
export async function inquirerPrompts(output: (text: string) => void): Promise<Prompts> {
  const inquirer = await import("@inquirer/prompts");
  return {
    input: (o) => inquirer.input({ message: o.message, ...(o.default !== undefined ? { default: o.default } : {}), ...(o.validate ? { validate: o.validate } : {}) }),
    select: <T>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) =>
      inquirer.select<T>({ message: o.message, choices: o.choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })), ...(o.default !== undefined ? { default: o.default } : {}), pageSize: 12 }),
    checkbox: <T>(o: { message: string; choices: readonly Choice<T>[]; validate?: (values: readonly T[]) => true | string }) =>
      inquirer.checkbox<T>({
        message: o.message,
        choices: o.choices.map((c) => ({ name: c.name, value: c.value, checked: c.checked ?? false, ...(c.description ? { description: c.description } : {}) })),
        pageSize: 12,
        ...(o.validate ? { validate: (items: readonly { value: T }[]) => o.validate!(items.map((i) => i.value)) } : {}),
      }),
    confirm: (o) =>
      inquirer.confirm({
        message: o.message,
        ...(o.default !== undefined ? { default: o.default } : {}),
        ...(o.labels ? { transformer: (answer: boolean) => (answer ? o.labels!.yes : o.labels!.no) } : {}),
      }),
    search: <T>(o: { message: string; source: (term: string | undefined) => readonly Choice<T>[] }) =>
      inquirer.search<T>({
        message: o.message,
        pageSize: 10,
        source: async (term) => o.source(term).map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
      }),
    say: output,
  };
}

/** Whether an error is the person leaving the interview with Ctrl-C. */
export function isExitPrompt(error: unknown): boolean {
  return error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError");
}
