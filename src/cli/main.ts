/**
 * The command line: parses arguments, runs one command, and is the one place where errors become messages
 * and exit codes. Commands are imported only when they run, so `validate` does not pay for Word. Everything
 * it prints, help and errors included, is in the person's language: --lang, else CLAUSIER_LANG or the
 * system's language; a command that reads answers then speaks the answers' language.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Help } from "commander";
import { AnnexValidityError, ClauseRenderError, LibraryError, OutputError, UnapprovedClausesError } from "../errors.js";
import { LANGUAGES, isLanguage, languageFrom, messages, type Messages } from "../i18n/messages.js";
import { PACKAGE_ROOT } from "../paths.js";
import { CommandContext } from "./context.js";
import { EXIT, UserError } from "./errors.js";
import { processIo, type Io } from "./io.js";

function version(): string {
  return (JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, "utf8")) as { version: string }).version;
}

/** The value of --lang anywhere in the arguments, to speak that language from the help onwards. */
function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--lang") return argv[i + 1];
    if (arg.startsWith("--lang=")) return arg.slice("--lang=".length);
  }
  return undefined;
}

/** Commander's own messages, which it writes in English, in the person's language. */
function commanderMessage(text: string, t: Messages): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^error: unknown option '([^']*)'(?:\n\(Did you mean (\S+)\?\))?/, (m) => t("cli.error.unknown-option", { option: m[1] ?? "", suggestion: m[2] ?? "", suggested: m[2] ? "yes" : "no" })],
    [/^error: unknown command '([^']*)'(?:\n\(Did you mean (\S+)\?\))?/, (m) => t("cli.error.unknown-command", { command: m[1] ?? "", suggestion: m[2] ?? "", suggested: m[2] ? "yes" : "no" })],
    [/^error: missing required argument '([^']*)'/, (m) => t("cli.error.missing-argument", { argument: m[1] ?? "" })],
    [/^error: option '([^']*)' argument missing/, (m) => t("cli.error.option-argument", { option: m[1] ?? "" })],
    [/^error: required option '([^']*)' not specified/, (m) => t("cli.error.required-option", { option: m[1] ?? "" })],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (m) => t("cli.error.too-many", { command: m[1] ?? "clausier", expected: Number(m[2]), got: Number(m[3]) })],
  ];
  for (const [pattern, say] of rules) {
    const m = pattern.exec(text);
    if (m) return `clausier: ${say(m)}\n`;
  }
  return text;
}

/** Commander's help in the person's language: its headings, and the words it adds itself. */
class LocalisedHelp extends Help {
  constructor(private readonly t: Messages) {
    super();
  }
  override styleTitle(title: string): string {
    const titles: Record<string, string> = {
      "Usage:": this.t("cli.help.usage"),
      "Options:": this.t("cli.help.options"),
      "Commands:": this.t("cli.help.commands"),
      "Arguments:": this.t("cli.help.arguments"),
      "Global Options:": this.t("cli.help.global-options"),
    };
    return titles[title] ?? title;
  }
}

export function createProgram(context: CommandContext, setExit: (code: number) => void): Command {
  const t = context.t;
  const io = context.io;
  const exitCodes = `\n${t("cli.help.exit-codes")}`;
  const lang = (): [string, string] => ["--lang <language>", t("cli.option.lang", { languages: LANGUAGES.join(", ") })];
  const library = (): [string, string] => ["--library <dir>", t("cli.option.library")];
  const force = (): [string, string] => ["-f, --force", t("cli.option.force")];
  const json = (): [string, string] => ["--json", t("cli.option.json")];
  const program = new Command("clausier");
  // Every command: the same help words, errors in the person's language, commander never exits the process.
  const configure = (command: Command): Command => {
    command.createHelp = () => new LocalisedHelp(t);
    return command
      .helpOption("-h, --help", t("cli.option.help"))
      .showHelpAfterError(t("cli.help.after-error"))
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(commanderMessage(s, t)) })
      .exitOverride();
  };
  configure(program)
    .description(t("cli.description"))
    .usage(t("cli.usage"))
    .version(version(), "-V, --version", t("cli.option.version"))
    .helpCommand(false)
    .addHelpText("after", exitCodes);

  const command = (name: string): Command => {
    const c = program.command(name);
    configure(c);
    return c;
  };

  command("build")
    .description(t("cli.build.description"))
    .argument(`<${t("cli.argument.answers")}...>`, t("cli.build.answers"))
    .option("-o, --output <file>", t("cli.build.output"))
    .option("--out-dir <dir>", t("cli.build.out-dir"))
    .option(...force())
    .option(...library())
    .option("--allow-draft", t("cli.option.allow-draft"))
    .option(...lang())
    .addHelpText("after", `\n${t("cli.build.help")}\n${exitCodes}`)
    .action(async (answers: string[], options: { output?: string; outDir?: string; force?: boolean; library?: string; allowDraft?: boolean }) => {
      const { runBuild, terminalProgress } = await import("./commands/build.js");
      setExit(await runBuild(answers, options, context, io.progressTerminal ? terminalProgress(io.progressTerminal) : undefined));
    });

  command("new")
    .description(t("cli.new.description"))
    .option("-o, --output <file>", t("cli.new.output"))
    .option("--answers <file>", t("cli.new.answers"))
    .option("--from <file>", t("cli.new.from"))
    .option("-f, --force", t("cli.new.force"))
    .option(...library())
    .option("--allow-draft", t("cli.option.allow-draft"))
    .option(...lang())
    .addHelpText("after", `\n${t("cli.new.help")}\n${exitCodes}`)
    .action(async (options: { output?: string; answers?: string; from?: string; force?: boolean; library?: string; allowDraft?: boolean }) => {
      const { runNew } = await import("./commands/new.js");
      setExit(await runNew(options, context));
    });

  command("serve")
    .description(t("cli.serve.description"))
    .option("--port <port>", t("cli.serve.port"))
    .option("--host <address>", t("cli.serve.host"))
    .option("--library <dir>", t("cli.serve.library"))
    .option("--allow-draft", t("cli.serve.allow-draft"))
    .option("--open", t("cli.serve.open"))
    .option(...lang())
    .addHelpText("after", `\n${t("cli.serve.help")}\n${exitCodes}`)
    .action(async (options: { port?: string; host?: string; library?: string; allowDraft?: boolean; open?: boolean }) => {
      const { runServe } = await import("./commands/serve.js");
      setExit(await runServe(options, context));
    });

  command("validate")
    .description(t("cli.validate.description"))
    .argument(`<${t("cli.argument.answers")}>`, t("cli.argument.answers-file"))
    .option(...json())
    .option(...library())
    .option(...lang())
    .addHelpText("after", exitCodes)
    .action(async (answers: string, options: { json?: boolean; library?: string }) => {
      const { runValidate } = await import("./commands/validate.js");
      setExit(runValidate(answers, options, context));
    });

  command("explain")
    .description(t("cli.explain.description"))
    .argument(`<${t("cli.argument.answers")}>`, t("cli.argument.answers-file"))
    .option(...json())
    .option(...library())
    .option(...lang())
    .addHelpText("after", exitCodes)
    .action(async (answers: string, options: { json?: boolean; library?: string }) => {
      const { runExplain } = await import("./commands/explain.js");
      setExit(runExplain(answers, options, context));
    });

  command("check-sbom")
    .description(t("cli.check-sbom.description"))
    .argument("<sbom>", t("cli.check-sbom.sbom"))
    .requiredOption("--against <answers>", t("cli.check-sbom.against"))
    .option(...json())
    .option("-o, --output <file>", t("cli.check-sbom.output"))
    .option(...force())
    .option(...lang())
    .addHelpText("after", `\n${t("cli.check-sbom.help")}\n${exitCodes}`)
    .action(async (sbom: string, options: { against: string; json?: boolean; output?: string; force?: boolean }) => {
      const { runCheckSbom } = await import("./commands/check-sbom.js");
      setExit(await runCheckSbom(sbom, options, context));
    });

  command("export-policy")
    .description(t("cli.export-policy.description"))
    .argument(`<${t("cli.argument.answers")}>`, t("cli.argument.answers-file"))
    .requiredOption("--format <format>", t("cli.export-policy.format"))
    .option("-o, --output <file>", t("cli.export-policy.output"))
    .option(...force())
    .option(...lang())
    .addHelpText("after", exitCodes)
    .action(async (answers: string, options: { format: string; output?: string; force?: boolean }) => {
      const { runExportPolicy } = await import("./commands/export-policy.js");
      setExit(await runExportPolicy(answers, options, context));
    });

  const clauses = command("clauses").description(t("cli.clauses.description")).option(...lang());
  // `clausier clauses` alone: its help, on standard output, exit 0.
  clauses.action(() => {
    clauses.outputHelp();
    setExit(EXIT.ok);
  });
  const subcommand = (name: string): Command => {
    const c = clauses.command(name);
    configure(c);
    return c;
  };
  subcommand("list")
    .description(t("cli.clauses.list.description"))
    .option("--status <status>", t("cli.clauses.list.status"))
    .option(...json())
    .option(...library())
    .option(...lang())
    .action(async (options: { status?: string; json?: boolean; library?: string }) => {
      const { runClausesList } = await import("./commands/clauses.js");
      setExit(runClausesList(options, context));
    });
  subcommand("show")
    .description(t("cli.clauses.show.description"))
    .argument("<id>", t("cli.clauses.show.id"))
    .option("--answers <file>", t("cli.clauses.show.answers"))
    .option(...library())
    .option(...lang())
    .action(async (id: string, options: { answers?: string; library?: string }) => {
      const { runClausesShow } = await import("./commands/clauses.js");
      setExit(await runClausesShow(id, options, context));
    });
  subcommand("lint")
    .description(t("cli.clauses.lint.description"))
    .option(...library())
    .option("--today <date>", t("cli.clauses.lint.today"))
    .option(...json())
    .option(...lang())
    .addHelpText("after", `\n${t("cli.clauses.lint.help")}\n${exitCodes}`)
    .action(async (options: { library?: string; today?: string; json?: boolean }) => {
      const { runClausesLint } = await import("./commands/clauses.js");
      setExit(runClausesLint(options, context));
    });

  command("catalogue")
    .description(t("cli.catalogue.description"))
    .requiredOption("-o, --output <file>", t("cli.catalogue.output"))
    .option("--lang <language>", t("cli.catalogue.lang", { languages: LANGUAGES.join(", ") }))
    .option(...force())
    .option(...library())
    .addHelpText("after", exitCodes)
    .action(async (options: { output: string; lang?: string; force?: boolean; library?: string }) => {
      const { runCatalogue } = await import("./commands/catalogue.js");
      setExit(await runCatalogue(options, context));
    });

  command("licenses")
    .alias("licences")
    .description(t("cli.licenses.description"))
    .argument(`<${t("cli.argument.licence")}...>`, t("cli.licenses.licence"))
    .option(...json())
    .option(...lang())
    .addHelpText("after", exitCodes)
    .action(async (words: string[], options: { json?: boolean }) => {
      const { runLicenses } = await import("./commands/licenses.js");
      setExit(runLicenses(words, options, context));
    });

  return program;
}

/** Runs the command line on `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  // The catalogue's --lang also takes "both" (English and French side by side); its messages then follow the system.
  const asked = langArgument(argv);
  const both = asked === "both" && argv[0] === "catalogue";
  if (asked !== undefined && !isLanguage(asked) && !both) {
    const t = messages(languageFrom(undefined, io.env));
    io.err(`clausier: ${t("cli.error.lang", { value: asked, languages: LANGUAGES.join(", ") })}`);
    return EXIT.usage;
  }
  const context = new CommandContext(io, languageFrom(both ? undefined : asked, io.env));
  let code: number = EXIT.ok;
  const program = createProgram(context, (c) => (code = c));
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    return failure(e, context);
  }
}

/** The one error boundary: every error becomes a message in the person's language and an exit code. */
function failure(e: unknown, context: CommandContext): number {
  const { io } = context;
  const t = context.t;
  if (e instanceof CommanderError) {
    return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof UserError) {
    io.err(`clausier: ${e.message}${e.hint ? `\n    ${t("cli.hint")} ${e.hint}` : ""}`);
    return e.exitCode;
  }
  if (e instanceof OutputError) {
    io.err(`clausier: ${t.dynamic(`cli.output.${e.problem}.message`, { path: e.path, detail: e.detail ?? "" })}\n    ${t("cli.hint")} ${t.dynamic(`cli.output.${e.problem}.hint`, { path: e.path })}`);
    return EXIT.usage;
  }
  if (e instanceof LibraryError) {
    const list = e.findings.map((f) => `  ${f.file}: ${f.message}`).join("\n");
    if (e.inOverlay) {
      io.err(`clausier: ${t("cli.library.faulty", { count: e.findings.length })}\n${list}\n    ${t("cli.hint")} ${t("cli.library.hint")}`);
      return EXIT.usage;
    }
    io.err(`clausier: ${t("cli.internal")} ${t("cli.library.faulty", { count: e.findings.length })}\n${list}`);
    return EXIT.internal;
  }
  if (e instanceof ClauseRenderError) {
    const { id, file, overlay } = e.clause;
    if (overlay) {
      io.err(`clausier: ${t("cli.render.overlay", { id, file })}\n    ${t("cli.hint")} ${t("cli.render.overlay-hint")}`);
      return EXIT.usage;
    }
    io.err(`clausier: ${t("cli.internal")} ${t("cli.render.built-in", { id, file })}\n${String((e.cause as Error | undefined)?.stack ?? e.cause)}\n${t("cli.report")}`);
    return EXIT.internal;
  }
  if (e instanceof UnapprovedClausesError) {
    io.err(`clausier: ${t("cli.unapproved.message", { count: e.clauses.length, clauses: e.clauses.map((c) => `${c.id} (${c.status}, ${c.file})`).join(", ") })}\n    ${t("cli.hint")} ${t("cli.unapproved.hint")}`);
    return EXIT.usage;
  }
  if (e instanceof AnnexValidityError) {
    io.err(`clausier: ${t("cli.internal")} ${t("cli.validity", { problems: e.problems.map((p) => `\n  ${p}`).join("") })}\n${t("cli.report")}`);
    return EXIT.internal;
  }
  io.err(`clausier: ${t("cli.internal")} ${(e as Error).stack ?? String(e)}\n${t("cli.report")}`);
  return EXIT.internal;
}
