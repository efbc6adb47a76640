/** Where the command line prints and what it knows of its surroundings. Tests and the web server pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Environment variables, for the language of messages (CLAUSIER_LANG, LANG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether a person is at a terminal (standard input and output are both terminals): the interview needs one. */
  readonly interactive: boolean;
  /** A terminal to draw progress on (standard error when it is one); none when output goes to a file or a pipe. */
  readonly progressTerminal?: NodeJS.WriteStream | undefined;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  env: process.env,
  get interactive() {
    return process.stdin.isTTY === true && process.stdout.isTTY === true;
  },
  get progressTerminal() {
    return process.stderr.isTTY ? process.stderr : undefined;
  },
};
