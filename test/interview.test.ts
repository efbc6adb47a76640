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
import { validateAnswersText } from "../src/validation/validate.js";
import { brokenAnswers, validAnswers } from "./helpers/answers-arbitrary.js";
import { enterEverywhere, scripted, type Script, type Transcript } from "./helpers/prompts.js";
import { englishIn } from "./helpers/english.js";
import { ROOT, quietIo, runCli, tempDir } from "./helpers/run.js";

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
describe("the interview takes up broken answers", function () {
  this.timeout(120_000);

  it("property: from answers with values of the wrong kind, Enter everywhere never fails, and writes only valid answers", async () => {
    const dir = tempDir("broken-");
    await fc.assert(
      fc.asyncProperty(brokenAnswers, async (answers) => {
        const from = join(dir, "from.json");
        writeFileSync(from, JSON.stringify(answers));
        const out = tempDir("run-");
        const transcript: Transcript = { questions: [], said: [] };
        // Enter everywhere, except what Enter cannot settle: a required answer left empty gets a value, and
        // at the review the answers are written when they can be, else kept to finish later.
        const prompts = scripted([[/^(What now|Et maintenant\s)\?$/g, (choices: readonly unknown[]) => (choices.includes("write") ? "write" : "save")]], transcript);
        const answersPath = join(out, "answers.yaml");
        let code: number;
        try {
          code = await runInterview({ from, output: join(out, "annex.docx"), answers: answersPath }, new CommandContext(quietIo(), "en"), prompts);
        } catch (e) {
          // Only a required answer that Enter cannot give (the scripted prompts say so) may stop it.
          expect(String(e), transcript.questions.join("\n")).to.match(/is refused: /);
          return;
        }
        expect(code).to.be.oneOf([0, 1]);
        if (code === 0) {
          const written = validateAnswersText(answersPath, readFileSync(answersPath, "utf8"));
          expect(written.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
        }
      }),
      { numRuns: Number(process.env["INTERVIEW_RUNS"] ?? 60) },
    );
  });
});


describe("a French interview with every family", function () {
  this.timeout(60_000);

  /** Every family ticked, two components (one licence refused then replaced, one accepted anyway). */
  const script = (): Script => [
    [/^Language/, "fr"],
    [/Intitulé de la consultation/, "Plateforme de données réseau"],
    [/Référence de la consultation/, "GRID-2026-OSS-042"],
    [/Acheteur/, "Gestionnaire du réseau de transport"],
    [/Type d’acheteur/, "contracting-entity"],
    [/Date d’envoi/, "2026-12-01"],
    [/Date limite de remise/, "2027-01-15"],
    [/Quelles exigences/, (choices: readonly unknown[]) => choices],
    [/Catégories de licences acceptées/, ["permissive", "weak-copyleft"]],
    [/Licences toujours refusées/, "SSPL-1.0"],
    [/Licences toujours refusées/, "\u0000done"],
    [/^Fondations$/, ["LF Energy"]],
    [/Fondations — autre/, "OW2"],
    [/Nom du composant/, "PowSyBl Core"],
    [/Besoin fonctionnel/, "Calcul de répartition des flux"],
    [/Licence du composant/, "GPL-3.0-only"],
    [/GPL-3.0-only serait refusée/, "another"],
    [/Licence du composant/, "MPL-2.0"],
    [/^Gouvernance$/, "LF Energy"],
    [/Justification/, "interopérabilité avec les outils de conduite"],
    [/En ajouter un autre.*Composants/, true],
    [/Nom du composant/, "OperatorFabric"],
    [/Besoin fonctionnel/, "Alertes des opérateurs"],
    [/Licence du composant/, "GPL-3.0-only"],
    [/GPL-3.0-only serait refusée/, "allow"],
    [/Portée/, "partial"],
    [/^Besoins fonctionnels/, "Échange des modèles de réseau"],
    [/Modalité/, "award-criterion"],
    [/Pondération/, "20"],
    [/Preuve de conformité/, "third-party-assessment"],
    [/Assurance sécurité/, true],
    [/Durée du support/, "5"],
    [/Obligation de reversement/, "required"],
    [/Licence de publication/, "\u0000other"],
    [/Licence de publication/, "SSPL-1.0"],
    [/Licence de publication/, "AGPL-3.0-only"],
    [/Licence de la documentation/, "etalab-2.0"],
    [/Devise des pénalités/, "EUR"],
    [/Retard de SBOM/, "200"],
    [/Composant non déclaré/, "1000"],
  ];

  it("writes answers that build accepts, the same annex bytes as build, and no English word", async () => {
    const dir = tempDir();
    const annex = join(dir, "annexe.docx");
    const answers = join(dir, "reponses.yaml");
    const transcript: Transcript = { questions: [], said: [] };
    const printed: string[] = [];
    const io = { ...quietIo(), out: (t: string) => void printed.push(t), err: (t: string) => void printed.push(t) };
    const code = await runInterview({ output: annex, answers }, new CommandContext(io, "en"), scripted(script(), transcript));
    expect(code, [...transcript.said, ...printed].join("\n")).to.equal(0);

    const text = readFileSync(answers, "utf8");
    const data = parseYaml(text) as Record<string, any>;
    expect(data["tender"]).to.include({ language: "fr", buyerType: "contracting-entity", issueDate: "2026-12-01", submissionDeadline: "2027-01-15" });
    // A licence refused, then another chosen: the policy is untouched; accepted anyway: it joins allow, alone.

    expect(data["components"].map((c: { license: string }) => c.license)).to.deep.equal(["MPL-2.0", "GPL-3.0-only"]);
    expect(data["licensePolicy"]).to.deep.equal({ definition: ["osi", "fsf"], allowedClasses: ["permissive", "weak-copyleft"], allow: ["GPL-3.0-only"], deny: ["SSPL-1.0"] });
    // The buyer's own licence is checked against the definition only (SSPL refused, AGPL kept although its
    // class is not allowed to bidders), and never touches the licence policy.
    expect(data["buyerDistribution"]).to.deep.equal({ commit: true, license: "AGPL-3.0-only", documentationLicense: "etalab-2.0" });
    expect(transcript.said.join("\n")).to.match(/SSPL-1.0 .*n’est pas libre au sens de la consultation/);
    expect(data["governance"]).to.deep.equal({ required: true, foundations: ["LF Energy", "OW2"] });
    expect(data["remedies"]).to.deep.equal({ penalties: { currency: "EUR", sbomLatePerDay: 200, undisclosedComponent: 1000 } });
    expect(text).to.contain("# Composants exigés (principe 1)");

    // The review names every family, in French, and shows defaults as such.
    const said = transcript.said.join("\n");
    expect(said).to.contain("Récapitulatif").and.to.match(/Obligation de reversement\s:\sObligatoire/);
    expect(said).to.match(/Délai de mise en conformité \(jours\)\s:\s30 \(par défaut\)/);
    expect(englishIn([...transcript.questions, ...transcript.said, ...printed].join("\n"))).to.deep.equal([]);

    const rebuilt = join(dir, "rebuilt.docx");
    expect(runCli(["build", answers, "-o", rebuilt]).status).to.equal(0);
    expect(readFileSync(rebuilt).equals(readFileSync(annex))).to.equal(true);
  });

  it("takes up answers saved incomplete, keeps them to finish later, and writes no annex", async () => {
    const dir = tempDir();
    // The same licence both refused and accepted: an error the interview cannot settle by itself.
    const from = join(dir, "from.yaml");
    writeFileSync(from, "schemaVersion: 1\ntender: {title: Titre, reference: R-1, buyer: Ville, language: fr}\nopenSource: {scope: all}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive], allow: [GPL-3.0-only], deny: [GPL-3.0-only]}\n");
    const transcript: Transcript = { questions: [], said: [] };
    const printed: string[] = [];
    const io = { ...quietIo(), out: (t: string) => void printed.push(t), err: (t: string) => void printed.push(t) };
    const code = await runInterview({ from, output: join(dir, "annexe.docx") }, new CommandContext(io, "en"), scripted([[/Et maintenant/, "save"]], transcript));
    expect(code).to.equal(1);
    expect(printed.join("\n")).to.match(/from.yaml n’est pas complet \(1 erreur ci-dessus\)/);
    expect(transcript.said.join("\n")).to.match(/1 erreur à corriger/);
    expect(readdirSync(dir).sort()).to.deep.equal(["annexe.yaml", "from.yaml"]);
    expect(printed.join("\n")).to.contain("aucune annexe n’a été écrite");
  });
});
