/**
 * A requirement family is one module, its clause files and its schema slice: a demonstration family that
 * ships nowhere (test/fixtures/families/accessibility) is registered, and validation, selection, the
 * interview, `explain` and the annex pick it up with no other change.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { normaliseAnswers } from "../src/answers/normalise.js";
import { buildAnnex } from "../src/build.js";
import { CommandContext } from "../src/cli/context.js";
import { runInterview } from "../src/cli/commands/new.js";
import { clauseLibrary } from "../src/clauses/library.js";
import { registerFamily } from "../src/families/index.js";
import { messages } from "../src/i18n/messages.js";
import { familiesWithoutEffect, selectClauses } from "../src/selection/select.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { accessibilityFamily } from "./fixtures/families/accessibility/family.js";
import { readDocx } from "./helpers/docx.js";
import { scripted, type Transcript } from "./helpers/prompts.js";
import { ROOT, quietIo, runMain, tempDir } from "./helpers/run.js";

const LIBRARY = join(ROOT, "test", "fixtures", "families", "accessibility");
const answers = (accessibility: string): string =>
  `schemaVersion: 1\ntender: {title: Portail, reference: P-1, buyer: Ville, language: fr}\nopenSource: {scope: all}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive]}\n${accessibility}\n`;

describe("a requirement family added as one module, its clause and its schema slice", function () {
  let unregister: () => void = () => undefined;
  before(() => {
    unregister = registerFamily(accessibilityFamily);
  });
  after(() => unregister());

  it("validation: its schema slice, its rules and its words in the answers' language", () => {
    const ok = validateAnswersText("a.yaml", answers("accessibility: {required: true, level: AAA}"));
    expect(ok.diagnostics.map((d) => [d.severity, d.path, d.message])).to.deep.equal([["warning", "accessibility.level", "Le niveau AAA ne peut pas être atteint par tous les types de contenus"]]);
    const wrong = validateAnswersText("a.yaml", answers("accessibility: {required: true, level: A, colour: blue}"));
    const errors = wrong.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.path}: ${d.message}`);
    expect(errors.join("\n")).to.contain("accessibility.level").and.to.contain("Niveau de conformité").and.to.contain("accessibility.colour");
    expect(normaliseAnswers(parseYaml(answers("accessibility: {required: true}")))).to.deep.include({ accessibility: { required: true, level: "AA" } });
  });

  it("selection, the annex and explain: its clause, with the answer printed", async () => {
    const library = clauseLibrary(LIBRARY);
    const validation = validateAnswersText("a.yaml", answers("accessibility: {required: true}"));
    const selection = selectClauses(library, validation.answers!);
    expect(selection.included.map((c) => c.id)).to.include("accessibility");
    const built = await buildAnnex(validation.answers!, { library });
    expect(readDocx(built.bytes).text).to.contain("ACC-01").and.to.contain("Les interfaces livrées sont conformes aux WCAG 2.1, niveau AA.");

    const dir = tempDir();
    writeFileSync(join(dir, "a.yaml"), answers("accessibility: {required: true}"));
    const explained = await runMain(["explain", join(dir, "a.yaml"), "--library", LIBRARY]);
    expect(explained.status, explained.stderr).to.equal(0);
    expect(explained.stdout).to.contain("ACC-01");
  });

  it("the warning for a family ticked without effect covers it too", () => {
    const library = clauseLibrary(); // the built-in library: no clause of this family
    const validation = validateAnswersText("a.yaml", answers("accessibility: {required: true}"));
    const selection = selectClauses(library, validation.answers!);
    const findings = familiesWithoutEffect(library, selection, parseYaml(answers("accessibility: {required: true}")), messages("fr"));
    expect(findings.map((f) => f.message).join("\n")).to.contain("Accessibilité");
  });

  it("the interview: a box to tick, its question, its words, its answer written", async () => {
    const dir = tempDir();
    const transcript: Transcript = { questions: [], said: [] };
    const code = await runInterview(
      { output: join(dir, "annexe.docx"), library: LIBRARY },
      new CommandContext(quietIo(), "fr"),
      scripted(
        [
          [/^Language/, "fr"],
          [/Intitulé/, "Portail"],
          [/Référence/, "P-1"],
          [/Acheteur/, "Ville"],
          [/Quelles exigences/, ["licensePolicy", "openSource", "accessibility"]],
          [/^Portée/, "all"],
          [/Niveau de conformité/, "AAA"],
        ],
        transcript,
      ),
    );
    expect(code, transcript.said.join("\n")).to.equal(0);
    expect(transcript.questions).to.include("Niveau de conformité");
    expect(transcript.said.join("\n")).to.match(/Accessibilité\n\s+Niveau de conformité\s:\sNiveau AAA/);
    const written = parseYaml(readFileSync(join(dir, "annexe.yaml"), "utf8")) as Record<string, unknown>;
    expect(written["accessibility"]).to.deep.equal({ required: true, level: "AAA" });
    expect(readDocx(readFileSync(join(dir, "annexe.docx"))).text).to.contain("niveau AAA");
  });
});
