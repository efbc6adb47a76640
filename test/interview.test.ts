/**
 * The interview (`clausier new`): it keeps every answer it is not asked to change, asks only what applies,
 * checks each answer with the rules of validate, and speaks the buyer's language from the first prompt to
 * the last report. Driven here by scripted prompts (helpers/prompts.ts); test/terminal.test.ts drives the
 * real program in a pseudo-terminal.
 */
import { expect } from "chai";
import fc from "fast-check";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse as parseYaml } from "yaml";
import { normaliseAnswers } from "../src/answers/normalise.js";
import { CommandContext } from "../src/cli/context.js";
import { runInterview } from "../src/cli/commands/new.js";
import { validAnswers } from "./helpers/answers-arbitrary.js";
import { enterEverywhere, type Transcript } from "./helpers/prompts.js";
import { ROOT, quietIo, tempDir } from "./helpers/run.js";

/** The paths where two answers differ, for a readable failure. */
function differences(a: unknown, b: unknown, path = ""): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

/** The answers given in `before` that `after` changed or dropped (an answer added to `after` is not one). */
function changedOrDropped(before: unknown, after: unknown, path = ""): string[] {
  if (before !== null && typeof before === "object" && !Array.isArray(before)) {
    const b = before as Record<string, unknown>;
    const a = after !== null && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
    return Object.keys(b).flatMap((k) => changedOrDropped(b[k], a[k], `${path}.${k}`));
  }
  return isDeepStrictEqual(before, after) ? [] : [`${path}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
}

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));

/** Runs the interview from `from` with the prompts given; returns the answers written, as data and text. */
async function interviewFrom(from: string | undefined, prompts = enterEverywhere(), dir = tempDir()) {
  const answers = join(dir, "answers.yaml");
  const annex = join(dir, "annex.docx");
  const context = new CommandContext(quietIo(), "en");
  const code = await runInterview({ ...(from !== undefined ? { from } : {}), output: annex, answers }, context, prompts);
  expect(code).to.equal(0);
  const text = readFileSync(answers, "utf8");
  return { text, data: parseYaml(text) as Record<string, unknown>, annex, answers, dir };
}

describe("the interview keeps what it is not asked to change", function () {
  this.timeout(120_000);

  for (const name of EXAMPLES) {
    it(`${name}: Enter everywhere writes the same answers back`, async () => {
      const file = join(ROOT, "examples", name);
      const { data } = await interviewFrom(file);
      const expected = parseYaml(readFileSync(file, "utf8")) as unknown;
      expect(differences(expected, data).join("\n")).to.equal("");
    });
  }

  it("property: for generated valid answers, Enter everywhere changes no answer given and no meaning", async () => {
    const dir = tempDir("property-");
    await fc.assert(
      fc.asyncProperty(validAnswers, async (answers) => {
        const from = join(dir, "from.json");
        writeFileSync(from, JSON.stringify(answers));
        const transcript: Transcript = { questions: [], said: [] };
        const { data } = await interviewFrom(from, enterEverywhere(transcript), tempDir("run-"));
        const asked = `asked:\n  ${transcript.questions.join("\n  ")}\n`;
        // Nothing given is changed or dropped, and nothing added changes what the answers mean (an
        // optional answer may be written out with the value its absence meant).
        expect(changedOrDropped(answers, data).join("\n"), asked).to.equal("");
        expect(differences(normaliseAnswers(answers), normaliseAnswers(data)).join("\n"), asked).to.equal("");
      }),
      { numRuns: Number(process.env["INTERVIEW_RUNS"] ?? 60) },
    );
  });
});
