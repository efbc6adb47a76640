/**
 * Reads and validates an answers file for a command. File problems become usage errors (exit 2); from
 * then on the command speaks the answers' language.
 */
import { InputError, readLimited } from "../input/read.js";
import { validateAnswersBytes, type Validation } from "../validation/validate.js";
import type { CommandContext } from "./context.js";
import { UserError } from "./errors.js";

/** Answers files are short: a larger file is not one (and is not read into memory). */
export const MAX_ANSWERS_BYTES = 2 * 1024 * 1024;

/** An unreadable file, in the person's language (shared by every command that reads a file). */
export function inputProblem(e: InputError, context: CommandContext, kind: "answers" | "sbom"): UserError {
  const t = context.t;
  return new UserError(
    t.dynamic(`cli.input.${e.problem}.message`, { path: e.path, detail: String(e.detail ?? ""), kind: t.dynamic(`cli.input.kind.${kind}`) }),
    undefined,
    t.dynamic(`cli.input.${e.problem}.hint`, { kind: t.dynamic(`cli.input.kind.${kind}`) }),
  );
}

export function readAnswersFile(file: string, context: CommandContext): Validation & { readonly bytes: Uint8Array } {
  let bytes: Buffer;
  try {
    bytes = readLimited(file, MAX_ANSWERS_BYTES);
  } catch (e) {
    if (e instanceof InputError) throw inputProblem(e, context, "answers");
    throw e;
  }
  const validation = validateAnswersBytes(file, bytes, { language: context.language });
  context.language = validation.language;
  return { ...validation, bytes };
}
