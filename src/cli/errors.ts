/** Exit codes of the command line, as documented in the README. */
export const EXIT = {
  ok: 0,
  /** The answers are invalid: every error printed, nothing written. */
  invalidAnswers: 1,
  /** Usage or file-system error: bad flag, unreadable file, output exists without --force. */
  usage: 2,
  /** A fault in Clausier itself or in its clause library: please report it. */
  internal: 3,
} as const;

/** An error the person can fix: printed as is, with the exit code. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly hint?: string,
  ) {
    super(message);
  }
}
