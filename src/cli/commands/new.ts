/**
 * `clausier new`: the interview. Asks, reviews, then writes the answers file and the annex, both atomically
 * and both through the same validation and build as `clausier build`.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { buildAnnex } from "../../build.js";
import { clauseLibrary } from "../../clauses/library.js";
import { answersYaml } from "../../interview/answers-file.js";
import { familiesOf, finalAnswers, Interview, type Draft, type Section } from "../../interview/flow.js";
import { inquirerPrompts, isExitPrompt, type Prompts } from "../../interview/prompts.js";
import { word } from "../../interview/texts.js";
import { publishDocx } from "../../output/publish-docx.js";
import { writeFileSafely } from "../../output/write.js";
import { outlineAnnex } from "../../rendering/outline.js";
import { selectClauses } from "../../selection/select.js";
import { validateAnswersText } from "../../validation/validate.js";
import { EXIT, UserError } from "../errors.js";
import type { Io } from "../io.js";
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

export const EXIT_INTERRUPTED = 130;

/** Runs the interview with the given prompts; the command line passes @inquirer/prompts. */
export async function runInterview(options: NewOptions, io: Io, prompts: Prompts): Promise<number> {
  const annexPath = options.output ?? "annex.docx";
  const answersPath = options.answers ?? join(dirname(annexPath), `${basename(annexPath, extname(annexPath))}.yaml`);
  if (!annexPath.toLowerCase().endsWith(".docx")) throw new UserError(`the annex must end in .docx (got ${annexPath})`);
  let draft: Draft = {};
  if (options.from !== undefined) {
    const previous = readAnswersFile(options.from);
    if (previous.answers === undefined) {
      for (const d of previous.diagnostics) io.err(formatDiagnostic(d));
      throw new UserError(`${options.from} is not a valid answers file; fix it first (clausier validate ${options.from})`, EXIT.invalidAnswers);
    }
    draft = JSON.parse(JSON.stringify(validateAnswersText(options.from, readFileSync(options.from, "utf8")).document?.data ?? {})) as Draft;
  }
  const library = clauseLibrary(options.library);
  const language = (draft["tender"] as { language?: "en" | "fr" } | undefined)?.language ?? "en";
  const interview = new Interview(prompts, { language, draft, families: familiesOf(draft) });

  try {
    await interview.all();
    for (;;) {
      const answers = finalAnswers(interview.state);
      const text = answersYaml(answers, answersPath, interview.state.language);
      const validation = validateAnswersText(answersPath, text);
      const lang = interview.state.language;
      prompts.say(`\n${word(lang, "review")}`);
      prompts.say(summary(answers));
      if (validation.answers) {
        prompts.say(word(lang, "reviewClauses"));
        for (const o of outlineAnnex(library, selectClauses(library, validation.answers), lang)) prompts.say(`  ${o.number} ${o.heading}`);
      }
      const warnings = validation.diagnostics;
      prompts.say(warnings.length > 0 ? word(lang, "reviewWarnings") : word(lang, "reviewNoWarning"));
      for (const d of warnings) prompts.say(`  ${d.severity}: ${d.path}: ${d.message}`);
      const action = await prompts.select<"write" | "back" | "cancel">({
        message: word(lang, "action"),
        choices: (["write", "back", "cancel"] as const).filter((a) => a !== "write" || validation.answers).map((a) => ({ name: word(lang, "actions", a), value: a })),
      });
      if (action === "cancel") {
        io.err(word(lang, "cancelled"));
        return EXIT_INTERRUPTED;
      }
      if (action === "back") {
        const sections: Section[] = ["tender", "families", ...interview.state.families];
        const s = await prompts.select<Section>({ message: word(lang, "section"), choices: sections.map((x) => ({ name: x === "tender" || x === "families" ? x : word(lang, "family", x, "name"), value: x })) });
        await interview.section(s);
        continue;
      }
      // Write: confirm replacing existing files unless --force.
      let force = options.force ?? false;
      for (const path of [answersPath, annexPath]) {
        if (existsSync(path) && !force) {
          const replace = await prompts.confirm({ message: word(lang, "overwrite").replace("{file}", path), default: false });
          if (!replace) {
            io.err(word(lang, "notReplaced").replace("{file}", path));
            return EXIT.usage;
          }
        }
      }
      force = true;
      const built = await buildAnnex(validation.answers!, { library, allowDraft: options.allowDraft ?? false, answersSource: text });
      writeFileSafely(answersPath, new TextEncoder().encode(text), { force });
      publishDocx(annexPath, built.docx, { force });
      io.out(word(lang, "wrote").replace("{answers}", answersPath).replace("{annex}", annexPath));
      return EXIT.ok;
    }
  } catch (e) {
    if (isExitPrompt(e)) {
      io.err("\nInterrupted; nothing was written.");
      return EXIT_INTERRUPTED;
    }
    throw e;
  }
}

function summary(answers: Record<string, unknown>): string {
  const t = answers["tender"] as Record<string, string>;
  const lines = [`  ${t["reference"]} — ${t["title"]} (${t["buyer"]}${t["lot"] ? `, ${t["lot"]}` : ""}${t["issueDate"] ? `, ${t["issueDate"]}` : ""})`];
  const components = (answers["components"] as { name: string; license: string }[] | undefined) ?? [];
  if (components.length > 0) lines.push(`  components: ${components.map((c) => `${c.name} (${c.license})`).join(", ")}`);
  const os = answers["openSource"] as { scope: string; mode?: string; weight?: number } | undefined;
  if (os && os.scope !== "none") lines.push(`  open source: ${os.scope}${os.mode === "award-criterion" ? `, award criterion ${os.weight}%` : ""}`);
  const lp = answers["licensePolicy"] as { definition: string[]; allowedClasses: string[] };
  lines.push(`  licences: ${lp.definition.join("/")}; ${lp.allowedClasses.join(", ")}`);
  return lines.join("\n");
}

export async function runNew(options: NewOptions, io: Io): Promise<number> {
  if (!io.interactive) {
    throw new UserError(
      "the interview needs a terminal: standard input is not one",
      EXIT.usage,
      "To build an annex without questions, write an answers file (see examples/) and run: clausier build answers.yaml -o annex.docx",
    );
  }
  return runInterview(options, io, await inquirerPrompts((t) => io.out(t)));
}
