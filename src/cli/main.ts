/**
 * The command line: parses arguments, runs one command, and is the one place where errors become
 * messages and exit codes. Commands are imported only when they run, so `validate` does not pay for Word.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { LibraryError } from "../clauses/library.js";
import { PACKAGE_ROOT } from "../paths.js";
import { EXIT, UserError } from "./errors.js";
import { processIo, type Io } from "./io.js";

const EXIT_CODES_HELP = `
Exit codes:
  0  success (warnings may be printed)
  1  the answers are invalid: every error is printed, nothing is written
  2  usage or file error: bad option, unreadable file, output exists without --force
  3  internal error in Clausier or its clause library (please report it)`;

function version(): string {
  return (JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, "utf8")) as { version: string }).version;
}

export function createProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("clausier");
  program
    .description("Builds the open source annex of a public tender, in Word, from an answers file.")
    .version(version(), "-V, --version", "print Clausier's version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText("after", EXIT_CODES_HELP)
    .exitOverride();

  program
    .command("build")
    .description("Check an answers file and write its annex as a Word document (.docx).")
    .argument("<answers>", "the answers file (YAML or JSON)")
    .requiredOption("-o, --output <file>", "the Word file to write, ending in .docx")
    .option("-f, --force", "replace the output file if it exists (never a link or a folder)")
    .addHelpText(
      "after",
      "\nNothing is written when the answers are invalid. The file is written to a temporary file in the same\nfolder and renamed into place, so an existing file is either kept or replaced whole.\n" + EXIT_CODES_HELP,
    )
    .action(async (answers: string, options: { output: string; force?: boolean }) => {
      const { runBuild } = await import("./commands/build.js");
      setExit(await runBuild(answers, options, io));
    });

  program
    .command("validate")
    .description("Check an answers file and list every problem, without writing anything.")
    .argument("<answers>", "the answers file (YAML or JSON)")
    .option("--json", "print the result as JSON, for other tools")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (answers: string, options: { json?: boolean }) => {
      const { runValidate } = await import("./commands/validate.js");
      setExit(runValidate(answers, options, io));
    });

  program
    .command("licenses")
    .alias("licences")
    .description("Show what Clausier knows of a licence: name, OSI approval, FSF view, class and its source.")
    .argument("<licence...>", "an SPDX identifier or expression, e.g. MPL-2.0 or \"MIT OR Apache-2.0\"")
    .option("--json", "print the result as JSON")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (words: string[], options: { json?: boolean }) => {
      const { runLicenses } = await import("./commands/licenses.js");
      setExit(runLicenses(words, options, io));
    });

  return program;
}

/** Runs the command line on `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => (code = c));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      io.err(`clausier: ${e.message}${e.hint ? `\n    hint: ${e.hint}` : ""}`);
      return e.exitCode;
    }
    if (e instanceof LibraryError) {
      io.err(`clausier: internal error: ${e.message}`);
      return EXIT.internal;
    }
    io.err(`clausier: internal error: ${(e as Error).stack ?? String(e)}\nPlease report this with the answers file that caused it.`);
    return EXIT.internal;
  }
}
