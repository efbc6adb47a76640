/**
 * The command line: parses arguments, runs one command, and is the one place where errors become
 * messages and exit codes. Commands are imported only when they run, so `validate` does not pay for Word.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { AnnexValidityError, LibraryError, OutputError, UnapprovedClausesError } from "../errors.js";
import { PACKAGE_ROOT } from "../paths.js";
import { EXIT, UserError } from "./errors.js";
import { processIo, type Io } from "./io.js";

const EXIT_CODES_HELP = `
Exit codes:
  0  success (warnings may be printed)
  1  the answers are invalid (every error is printed, nothing is written); clauses lint found errors
  2  usage or file error: bad option, unreadable file, output exists without --force,
     unapproved clauses without --allow-draft, a faulty --library folder
  3  internal error in Clausier or its clause library (please report it)
  130  the interview was interrupted (Ctrl-C); nothing was written`;

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
    .description("Check answers files and write their annexes as Word documents (.docx).")
    .argument("<answers...>", "the answers file (YAML or JSON); several with --out-dir")
    .option("-o, --output <file>", "the Word file to write, ending in .docx (one answers file)")
    .option("--out-dir <dir>", "build every answers file given into this folder, as <name>.docx")
    .option("-f, --force", "replace output files that exist (never a link or a folder)")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .option("--allow-draft", "include clauses that are not approved; every page then says DRAFT")
    .addHelpText(
      "after",
      `
Nothing is written for invalid answers. Each file is written to a temporary file in the same folder,
checked, and renamed into place, so an existing file is either kept or replaced whole. Only approved
clauses are used unless --allow-draft is given. With --out-dir, Clausier goes on past invalid files,
shows progress on a terminal, ends with a summary, and exits 1 if any file failed.

Examples:
  clausier build answers.yaml -o annex.docx
  clausier build tenders/*.yaml --out-dir annexes/
${EXIT_CODES_HELP}`,
    )
    .action(async (answers: string[], options: { output?: string; outDir?: string; force?: boolean; library?: string; allowDraft?: boolean }) => {
      const { runBuild, terminalProgress } = await import("./commands/build.js");
      setExit(await runBuild(answers, options, io, io.progressTerminal ? terminalProgress(io.progressTerminal) : undefined));
    });

  program
    .command("new")
    .description("Answer a short interview in the terminal and get the answers file and the Word annex.")
    .option("-o, --output <file>", "the Word annex to write", "annex.docx")
    .option("--answers <file>", "the answers file to write (default: the annex's name with .yaml)")
    .option("--from <file>", "start from an existing answers file: every question is pre-filled")
    .option("-f, --force", "replace existing files without asking")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .option("--allow-draft", "include clauses that are not approved; every page then says DRAFT")
    .addHelpText("after", `\nCtrl-C leaves at any point and writes nothing (exit 130). Without a terminal, the interview refuses\nto start (exit 2): use clausier build with an answers file instead.\n${EXIT_CODES_HELP}`)
    .action(async (options: { output?: string; answers?: string; from?: string; force?: boolean; library?: string; allowDraft?: boolean }) => {
      const { runNew } = await import("./commands/new.js");
      setExit(await runNew(options, io));
    });

  program
    .command("validate")
    .description("Check an answers file and list every problem, without writing anything.")
    .argument("<answers>", "the answers file (YAML or JSON)")
    .option("--json", "print the result as JSON, for other tools")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (answers: string, options: { json?: boolean; library?: string }) => {
      const { runValidate } = await import("./commands/validate.js");
      setExit(runValidate(answers, options, io));
    });

  program
    .command("explain")
    .description("List every clause, included or excluded, with the answers that decided it.")
    .argument("<answers>", "the answers file (YAML or JSON)")
    .option("--json", "print the result as JSON")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (answers: string, options: { json?: boolean; library?: string }) => {
      const { runExplain } = await import("./commands/explain.js");
      setExit(runExplain(answers, options, io));
    });

  program
    .command("check-sbom")
    .description("Check a delivered SBOM against the tender's answers: format, schema, licences, required components.")
    .argument("<sbom>", "the SBOM: SPDX 2.2/2.3/3.0 or CycloneDX 1.4-1.6, JSON")
    .requiredOption("--against <answers>", "the answers file of the tender")
    .option("--json", "print the result as JSON")
    .option("-o, --output <file>", "also write an acceptance report in Word (.docx), in the tender's language")
    .option("-f, --force", "replace the report if it exists")
    .addHelpText("after", "\nExit code 0 when the delivery meets the requirements checked, 1 when it does not (or the answers are\ninvalid), 2 when the SBOM cannot be read.\n" + EXIT_CODES_HELP)
    .action(async (sbom: string, options: { against: string; json?: boolean; output?: string; force?: boolean }) => {
      const { runCheckSbom } = await import("./commands/check-sbom.js");
      setExit(await runCheckSbom(sbom, options, io));
    });

  program
    .command("export-policy")
    .description("Export the tender's licence policy for other tools: ORT license classifications, or JSON.")
    .argument("<answers>", "the answers file of the tender")
    .requiredOption("--format <format>", "ort or json")
    .option("-o, --output <file>", "write to a file instead of printing")
    .option("-f, --force", "replace the file if it exists")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (answers: string, options: { format: string; output?: string; force?: boolean }) => {
      const { runExportPolicy } = await import("./commands/export-policy.js");
      setExit(await runExportPolicy(answers, options, io));
    });

  const clauses = program.command("clauses").description("Look after the clause library: list, show and lint its clauses.");
  clauses
    .command("list")
    .description("List the clauses with their requirement, version, status and review date.")
    .option("--status <status>", "only clauses with this status: draft, in-review, approved or retired")
    .option("--json", "print the result as JSON")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .action(async (options: { status?: string; json?: boolean; library?: string }) => {
      const { runClausesList } = await import("./commands/clauses.js");
      setExit(runClausesList(options, io));
    });
  clauses
    .command("show")
    .description("Show a clause: its metadata, its condition in plain words, and its text rendered with example answers.")
    .argument("<id>", "the clause id, e.g. sbom")
    .option("--lang <lang>", "en or fr", "en")
    .option("--answers <file>", "the answers to render the text with (default: the flagship example)")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .action(async (id: string, options: { lang?: string; answers?: string; library?: string }) => {
      const { runClausesShow } = await import("./commands/clauses.js");
      setExit(await runClausesShow(id, options, io));
    });
  clauses
    .command("lint")
    .description("Check the clause library: shape, both languages, templates, variables, conditions, ids, overdue reviews.")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .option("--today <date>", "the day to judge overdue reviews on, YYYY-MM-DD (default: today), for reproducible results")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExit code 1 when there is an error; overdue reviews are warnings.\n" + EXIT_CODES_HELP)
    .action(async (options: { library?: string; today?: string; json?: boolean }) => {
      const { runClausesLint } = await import("./commands/clauses.js");
      setExit(runClausesLint(options, io));
    });

  program
    .command("catalogue")
    .description("Write the whole clause library as a Word document for a legal review.")
    .requiredOption("-o, --output <file>", "the Word file to write, ending in .docx")
    .option("--lang <lang>", "en, fr, or both side by side", "both")
    .option("-f, --force", "replace the output file if it exists")
    .option("--library <dir>", "an organisation's clause library overlaid on the built-in one")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (options: { output: string; lang?: string; force?: boolean; library?: string }) => {
      const { runCatalogue } = await import("./commands/catalogue.js");
      setExit(await runCatalogue(options, io));
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
    if (e instanceof UserError || e instanceof OutputError) {
      io.err(`clausier: ${e.message}${e.hint ? `\n    hint: ${e.hint}` : ""}`);
      return e instanceof UserError ? e.exitCode : EXIT.usage;
    }
    if (e instanceof LibraryError) {
      if (e.inOverlay) {
        io.err(`clausier: ${e.message}\n    hint: Fix the organisation's library; \`clausier clauses lint --library DIR\` lists every problem.`);
        return EXIT.usage;
      }
      io.err(`clausier: internal error: ${e.message}`);
      return EXIT.internal;
    }
    if (e instanceof UnapprovedClausesError) {
      io.err(`clausier: ${e.message}\n    hint: Have the clauses approved, or add --allow-draft to build a draft marked "not for publication" on every page.`);
      return EXIT.usage;
    }
    if (e instanceof AnnexValidityError) {
      io.err(`clausier: internal error: ${e.message}\nNothing was written. Please report this with the answers file that caused it.`);
      return EXIT.internal;
    }
    io.err(`clausier: internal error: ${(e as Error).stack ?? String(e)}\nPlease report this with the answers file that caused it.`);
    return EXIT.internal;
  }
}
