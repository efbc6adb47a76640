/** Exit codes of the command line, as documented in the README, and the error a person can fix. */
export const EXIT = {
  ok: 0,
  /** The answers are invalid: every error printed, nothing written. */
  invalidAnswers: 1,
  /** Usage or file-system error: bad flag, unreadable file, output exists without --force. */
  usage: 2,
  /** A fault in Clausier or in its clause library: please report it. */
  internal: 3,
  /** The interview was interrupted (Ctrl-C): nothing was written. */
  interrupted: 130,
} as const;

/** An error the person can fix, already in their language: printed as is, with the exit code. */
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
