/**
 * `clausier new`: the interview. Checks where it will write before the first question, asks, reviews, then
 * writes the answers file and the annex, both atomically and both through the same validation and build as
 * `clausier build`. Every word is in the buyer's language.
 */
import { basename, dirname, extname, join } from "node:path";
import { buildAnnex } from "../../build.js";
import { clauseLibrary } from "../../clauses/library.js";
import { OutputError } from "../../errors.js";
import { messages } from "../../i18n/messages.js";
import { answersYaml } from "../../interview/answers-file.js";
import { Interview } from "../../interview/flow.js";
import { inquirerPrompts, isExitPrompt, type Prompts } from "../../interview/prompts.js";
import { reviewOf, reviewSections, reviewText, type ReviewFinding } from "../../interview/review.js";
import { startState } from "../../interview/state.js";
import { publishDocx } from "../../output/publish-docx.js";
import { checkOutputPath, writeFileSafely } from "../../output/write.js";
import { familyName } from "../../selection/select.js";
import type { CommandContext } from "../context.js";
import { EXIT, UserError } from "../errors.js";
import { readAnswersFile } from "../read-answers.js";
import { formatDiagnostic } from "../report.js";

export interface NewOptions {
  readonly output?: string;
  readonly answers?: string;
  readonly from?: string;
  readonly force?: boolean;
  readonly library?: string;
  readonly allowDraft?: boolean;
}

export const EXIT_INTERRUPTED = EXIT.interrupted;

/** The answers file next to the annex: annex.docx → annex.yaml. */
const answersNextTo = (annex: string): string => join(dirname(annex), `${basename(annex, extname(annex))}.yaml`);

/**
 * Where to write, checked before the first question: a file that exists is replaced only with --force or
 * the buyer's yes; no lets them give another name, so that no answer is lost; a link or a folder is never
 * written through.
 */
async function outputPaths(options: NewOptions, context: CommandContext, prompts: Prompts): Promise<{ annex: string; answers: string; force: boolean }> {
  const t = context.t;
  let annex = options.output ?? "annex.docx";
  let answers = options.answers ?? answersNextTo(annex);
  let replaced = new Set<string>();
  const force = options.force ?? false;
  for (;;) {
    if (!annex.toLowerCase().endsWith(".docx")) throw new UserError(t("cli.build.not-docx", { file: annex }), EXIT.usage, t("cli.build.not-docx-hint"));
    if (answers === annex) throw new UserError(t("cli.new.same-paths", { file: annex }));
    let clash: string | undefined;
    for (const path of [answers, annex]) {
      try {
        checkOutputPath(path, force || replaced.has(path));
      } catch (e) {
        if (!(e instanceof OutputError)) throw e;
        if (e.problem !== "exists") throw e;
        clash = path;
        break;
      }
    }
    if (clash === undefined) return { annex, answers, force };
    if (await prompts.confirm({ message: t("cli.new.replace", { file: clash }), default: false })) {
      replaced = new Set([...replaced, clash]);
      continue;
    }
    const other = await prompts.input({
      message: t("cli.new.other-name", { file: clash }),
      validate: (v) => (v === "" ? t("interview.required") : v === clash ? t("cli.new.same-name") : true),
    });
    if (clash === annex) {
      const followed = options.answers === undefined && answers === answersNextTo(annex);
      annex = other;
      if (followed) answers = answersNextTo(annex);
    } else {
      answers = other;
    }
  }
}

/** Runs the interview with the given prompts; the command line passes @inquirer/prompts. */
export async function runInterview(options: NewOptions, context: CommandContext, prompts: Prompts): Promise<number> {
  const { io } = context;
  let from: Record<string, unknown> | undefined;
  if (options.from !== undefined) {
    const previous = readAnswersFile(options.from, context);
    const data = previous.document?.data;
    if (previous.answers === undefined) {
      for (const d of previous.diagnostics) io.err(formatDiagnostic(d, context.t));
      // Answers saved to finish later are taken up again: the interview asks each answer and checks it.
      // A file that is not even a section of answers (a YAML mistake, a list) is fixed first.
      if (data === null || typeof data !== "object" || Array.isArray(data)) throw new UserError(context.t("cli.new.from-invalid", { file: options.from }), EXIT.invalidAnswers);
      io.err(context.t("cli.new.from-errors", { file: options.from, count: previous.diagnostics.filter((d) => d.severity === "error").length }));
    }
    from = JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
  }
  const library = clauseLibrary(options.library, context.t);
  const state = startState(from, context.language);
  const interview = new Interview(prompts, state);
  try {
    // The language first (asked in both), then where to write, then the questions, all in that language.
    await interview.language();
    context.language = state.language;
    const paths = await outputPaths(options, context, prompts);
    await interview.rest();
    for (;;) {
      const t = messages(state.language);
      context.language = state.language;
      const review = reviewOf(state, library, t);
      const text = answersYaml(review.answers, paths.answers, paths.annex, t);
      prompts.say(`\n${t("interview.review.title")}`);
      if (Object.keys(state.initial).length > 0) prompts.say(t("interview.review.changed-legend", { file: options.from ?? "" }));
      prompts.say(reviewText(review.lines, t).join("\n"));
      if (review.validated) {
        prompts.say(`\n${t("interview.review.clauses")}`);
        for (const c of review.clauses) prompts.say(`  ${c.number} ${c.heading}`);
      }
      const said = (f: ReviewFinding): string => {
        const hint = f.hint !== undefined ? `\n      ${t("cli.hint")} ${f.hint}` : "";
        return `  – ${f.label !== "" ? t("interview.review.line", { label: f.label, value: f.message }) : f.message}${hint}`;
      };
      if (review.errors.length > 0) prompts.say(`\n${t("interview.review.errors", { count: review.errors.length })}\n${review.errors.map(said).join("\n")}`);
      prompts.say(review.warnings.length > 0 ? `\n${t("interview.review.warnings", { count: review.warnings.length })}\n${review.warnings.map(said).join("\n")}` : `\n${t("interview.review.no-warning")}`);
      const actions = review.validated ? (["write", "back", "cancel"] as const) : (["back", "save", "cancel"] as const);
      const action = await prompts.select<"write" | "back" | "save" | "cancel">({
        message: t("interview.review.action"),
        choices: actions.map((a) => ({ name: t.dynamic(`interview.review.actions.${a}`), value: a })),
      });
      if (action === "cancel") {
        io.err(t("interview.cancelled"));
        return EXIT.interrupted;
      }
      if (action === "back") {
        const section = await prompts.select<string>({
          message: t("interview.review.section"),
          choices: reviewSections(state).map((s) => ({ name: s === "families" ? t("interview.review.families") : familyName(s, t), value: s })),
        });
        await interview.section(section);
        continue;
      }
      if (action === "save") {
        // Answers that are not valid yet are kept, never an annex: the buyer finishes them later.
        checkOutputPath(paths.answers, true);
        writeFileSafely(paths.answers, new TextEncoder().encode(text), { force: true });
        io.err(t("interview.saved", { answers: paths.answers }));
        return EXIT.invalidAnswers;
      }
      // Both paths were checked before the first question; checked again, as anything may have changed since.
      checkOutputPath(paths.answers, true);
      checkOutputPath(paths.annex, true);
      const built = await buildAnnex(review.validated!, { library, allowDraft: options.allowDraft ?? false, answersSource: text });
      writeFileSafely(paths.answers, new TextEncoder().encode(text), { force: true });
      publishDocx(paths.annex, built.docx, { force: true });
      io.out(t("interview.wrote", { answers: paths.answers, annex: paths.annex }));
      return EXIT.ok;
    }
  } catch (e) {
    if (isExitPrompt(e)) {
      io.err(`\n${messages(state.language)("interview.interrupted")}`);
      return EXIT.interrupted;
    }
    throw e;
  }
}

export async function runNew(options: NewOptions, context: CommandContext): Promise<number> {
  if (!context.io.interactive) throw new UserError(context.t("cli.new.no-terminal"), EXIT.usage, context.t("cli.new.no-terminal-hint"));
  return runInterview(options, context, await inquirerPrompts((text) => context.io.out(text), () => context.t));
}
