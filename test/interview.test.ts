import { expect } from "chai";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { render } from "@inquirer/testing";
import { search } from "@inquirer/prompts";
import { parse as parseYaml } from "yaml";
import { runInterview } from "../src/cli/commands/new.js";
import { familiesOf, licenceChoices, FAMILIES } from "../src/interview/flow.js";
import type { Choice, Prompts } from "../src/interview/prompts.js";
import { interviewFile, schemaKey } from "../src/interview/texts.js";
import { answersSchema, type SchemaNode } from "../src/validation/schema.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { BIN, ROOT, quietIo, runCli, tempDir } from "./helpers/run.js";
import { Terminal } from "./helpers/tmux.js";

type Step = [RegExp, unknown];

/** Prompts that answer from a script, in order, checking each question. */
function scripted(steps: Step[], seen: string[] = []): Prompts {
  const next = (message: string, validate?: (v: never) => true | string): unknown => {
    const step = steps.shift();
    if (!step) throw new Error(`no scripted answer for "${message}"`);
    const [pattern, answer] = step;
    expect(message, `question ${seen.length + 1}`).to.match(pattern);
    seen.push(message);
    if (validate) {
      const verdict = validate(answer as never);
      if (verdict !== true) throw new Error(`"${String(answer)}" refused at "${message}": ${verdict}`);
    }
    return answer;
  };
  return {
    input: async (o) => next(o.message, o.validate as never) as string,
    select: async <T>(o: { message: string; choices: readonly Choice<T>[] }) => {
      const answer = next(o.message) as T;
      expect(o.choices.map((c) => c.value), o.message).to.deep.include(answer);
      return answer;
    },
    checkbox: async <T>(o: { message: string; validate?: (v: readonly T[]) => true | string }) => next(o.message, o.validate as never) as T[],
    confirm: async (o) => next(o.message) as boolean,
    search: async <T>(o: { message: string; source: (t: string | undefined) => readonly Choice<T>[] }) => {
      const answer = next(o.message) as T;
      const choices = o.source(String(answer).startsWith("\u0000") ? undefined : String(answer));
      expect(choices.map((c) => c.value), o.message).to.deep.include(answer);
      return answer;
    },
    say: () => undefined,
  };
}

/** A full French interview using every family and reaching every answer of the schema. */
function maximalFrench(): Step[] {
  return [
    [/Langue de l’annexe/, "fr"],
    [/Intitulé de la consultation/, "Plateforme de données réseau"],
    [/Référence de la consultation/, "GRID-2026-OSS-042"],
    [/Acheteur/, "Gestionnaire du réseau de transport"],
    [/Date d’envoi/, "2026-12-01"],
    [/Lot/, "Lot 2 – Plateforme"],
    [/Quelles exigences/, [...FAMILIES]],
    [/Définition du logiciel libre/, ["osi", "fsf"]],
    [/Catégories de licences acceptées/, ["permissive", "weak-copyleft"]],
    [/Licences toujours refusées/, "SSPL-1.0"],
    [/Licences toujours refusées/, "\u0000none"],
    [/Fondations/, ["LF Energy", "Eclipse Foundation"]],
    [/Autre fondation/, "OW2"],
    [/Autre fondation/, ""],
    [/Nom du composant/, "PowSyBl Core"],
    [/Besoin fonctionnel/, "Calcul de répartition des flux"],
    [/Licence du composant/, "MPL-2.0"],
    [/Version/, ">=6.0"],
    [/Dépôt/, "https://github.com/powsybl/powsybl-core"],
    [/Gouvernance/, "LF Energy"],
    [/Ou équivalent/, true],
    [/Justification/, ""],
    [/Ajouter un autre composant/, true],
    [/Nom du composant/, "OperatorFabric"],
    [/Besoin fonctionnel/, "Alertes des opérateurs"],
    [/Licence du composant/, "GPL-3.0-only"],
    [/GPL-3.0-only est à copyleft fort/, "allow"],
    [/Version/, ""],
    [/Dépôt/, ""],
    [/Gouvernance/, "\u0000other"],
    [/Gouvernance/, "Communauté OperatorFabric"],
    [/Ou équivalent/, false],
    [/Justification/, "les salles de conduite l’utilisent déjà"],
    [/Ajouter un autre composant/, false],
    [/Portée/, "partial"],
    [/Besoins fonctionnels/, "Échange des modèles de réseau"],
    [/Ajouter un autre besoin/, false],
    [/Modalité/, "award-criterion"],
    [/Pondération/, "20"],
    [/Programme ISO\/IEC 5230/, true],
    [/Preuve de conformité/, "third-party-assessment"],
    [/Assurance sécurité ISO\/IEC 18974/, true],
    [/SBOM exigée/, true],
    [/Formats de SBOM/, ["spdx-2.3", "cyclonedx-1.6"]],
    [/Éléments non logiciels/, true],
    [/Reverser les développements spécifiques/, true],
    [/Reverser la documentation/, true],
    [/Que publiera principalement l’acheteur/, "software"],
    [/Licence de publication/, "EUPL-1.2"],
    [/Licence de la documentation/, "CC-BY-4.0"],
    [/Et maintenant/, "write"],
  ];
}

function schemaPaths(node: SchemaNode, path: string[] = []): string[] {
  const { schema } = answersSchema();
  const resolved = node.$ref ? { ...schema.$defs[node.$ref.replace("#/$defs/", "")], ...node } : node;
  const out: string[] = [];
  for (const [key, child] of Object.entries(resolved.properties ?? {})) {
    if (key === "$schema") continue;
    const p = [...path, key];
    out.push(p.join("."));
    out.push(...schemaPaths(child, p));
  }
  if (resolved.items) out.push(...schemaPaths(resolved.items, [...path.slice(0, -1), `${path[path.length - 1] ?? ""}[]`]));
  return out;
}

function answerPaths(value: unknown, path: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => answerPaths(v, [...path.slice(0, -1), `${path[path.length - 1] ?? ""}[]`]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [[...path, k].join("."), ...answerPaths(v, [...path, k])]);
  return [];
}

describe("the interview (clausier new)", () => {
  it("a full French interview writes answers that build accepts, and the same annex bytes as build", async () => {
    const dir = tempDir();
    const annex = join(dir, "annexe.docx");
    const answers = join(dir, "reponses.yaml");
    const out: string[] = [];
    const code = await runInterview({ output: annex, answers }, { ...quietIo(), out: (t) => void out.push(t), err: (t) => void out.push(t) }, scripted(maximalFrench()));
    expect(code, out.join("\n")).to.equal(0);
    const text = readFileSync(answers, "utf8");
    expect(text.startsWith("# yaml-language-server: $schema=")).to.equal(true);
    expect(text).to.contain("# Composants exigés (principe 1)");
    const validation = validateAnswersText(answers, text);
    expect(validation.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
    const data = parseYaml(text) as Record<string, unknown>;
    expect(data["licensePolicy"]).to.deep.equal({ definition: ["osi", "fsf"], allowedClasses: ["permissive", "weak-copyleft"], allow: ["GPL-3.0-only"], deny: ["SSPL-1.0"] });
    expect((data["governance"] as { foundations: string[] }).foundations).to.deep.equal(["LF Energy", "Eclipse Foundation", "OW2"]);
    const rebuilt = join(dir, "rebuilt.docx");
    expect(runCli(["build", answers, "-o", rebuilt]).status).to.equal(0);
    expect(readFileSync(rebuilt).equals(readFileSync(annex))).to.equal(true);
  });

  it("reaches every answer of the schema, and has French words for each", async () => {
    const dir = tempDir();
    await runInterview({ output: join(dir, "a.docx"), answers: join(dir, "a.yaml") }, quietIo(), scripted(maximalFrench()));
    const data = parseYaml(readFileSync(join(dir, "a.yaml"), "utf8")) as Record<string, unknown>;
    const reached = new Set(answerPaths(data));
    // orEquivalent true is the default and left out; false is reached above.
    const expected = schemaPaths(answersSchema().schema).filter((p) => p !== "schemaVersion");
    for (const p of expected) expect(reached.has(p), `the interview never sets ${p}`).to.equal(true);
    const french = interviewFile().fields.fr;
    for (const p of [...expected, "schemaVersion"]) expect(french[p], `no French words for ${p}`).to.not.equal(undefined);
    for (const key of Object.keys(french)) expect([...expected, "schemaVersion"], `templates/interview.yaml has ${key}, not in the schema`).to.include(key);
    expect(schemaKey(["components", 3, "license"])).to.equal("components[].license");
  });

  it("gives the answers that turn a family off when it is left unticked", async () => {
    const dir = tempDir();
    const steps: Step[] = [
      [/Language of the annex/, "en"],
      [/Tender title/, "Intranet search"],
      [/Tender reference/, "MIN-1"],
      [/Buyer/, "Ministry"],
      [/Issue date/, ""],
      [/Lot/, ""],
      [/Which open source requirements/, ["openSource"]],
      [/Scope/, "all"],
      [/Mode/, "mandatory"],
      [/What now/, "write"],
    ];
    expect(await runInterview({ output: join(dir, "a.docx") }, quietIo(), scripted(steps))).to.equal(0);
  });

  it("checks each answer where it is typed, with the rules of validate", async () => {
    const steps: Step[] = [
      [/Language of the annex/, "en"],
      [/Tender title/, "Title\u0007"],
    ];
    try {
      await runInterview({ output: join(tempDir(), "a.docx") }, quietIo(), scripted(steps));
      expect.fail("the control character was accepted");
    } catch (e) {
      expect((e as Error).message).to.contain("invisible control character (U+0007)");
    }
  });

  it("pre-fills from an existing answers file (--from)", () => {
    const data = parseYaml(readFileSync(join(ROOT, "examples", "grid-operator-fr.yaml"), "utf8")) as Record<string, unknown>;
    expect(familiesOf(data).sort()).to.deep.equal([...FAMILIES].sort());
    const minimal = parseYaml(readFileSync(join(ROOT, "examples", "minimal.yaml"), "utf8")) as Record<string, unknown>;
    expect(familiesOf(minimal)).to.deep.equal(["openSource", "licensePolicy"]);
  });

  it("shows each licence's class and OSI/FSF status in the search, flagging those the policy would refuse", async () => {
    const policy = { definition: ["osi", "fsf"] as ("osi" | "fsf")[], allowedClasses: ["permissive" as const], allow: [], deny: [] };
    const { answer, events, getScreen } = await render(search<string>, {
      message: "Licence",
      source: async (term?: string) => licenceChoices(term, policy, "fr").map((c) => ({ name: c.name, value: c.value, description: c.description ?? "" })),
    });
    events.type("GPL-3.0-only");
    await new Promise((r) => setTimeout(r, 50));
    const screen = getScreen();
    expect(screen).to.contain("✗ GPL-3.0-only — GNU General Public License v3.0 only");
    events.keypress("enter");
    expect(await answer).to.equal("GPL-3.0-only");
    const mit = licenceChoices("MIT", policy, "en")[0];
    expect(mit).to.include({ value: "MIT", name: "MIT — MIT License", description: "permissive · OSI ✓ · FSF ✓" });
  });

  describe("in a real terminal", function () {
    this.timeout(120_000);

    it("runs a full French interview and writes the answers and the annex", async () => {
      const dir = tempDir();
      const term = new Terminal(`node ${BIN} new -o annexe.docx --answers reponses.yaml`, dir);
      try {
        await term.waitFor(/Langue de l’annexe/);
        term.keys("Down", "Enter");
        await term.answer(/Intitulé de la consultation/, "Plateforme de données");
        await term.answer(/Référence de la consultation/, "GRID-1");
        await term.answer(/Acheteur/, "Gestionnaire de réseau");
        await term.answer(/Date d’envoi/, "2026-12-01");
        await term.answer(/Lot/);
        await term.waitFor(/\? Quelles exigences/);
        term.keys("a");
        await term.answer(/Quelles exigences/);
        await term.answer(/Définition du logiciel libre/);
        await term.answer(/Catégories de licences acceptées/);
        await term.answer(/Licences toujours refusées/);
        await term.answer(/Fondations/);
        await term.answer(/Autre fondation/);
        await term.answer(/Nom du composant/, "PowSyBl Core");
        await term.answer(/Besoin fonctionnel/, "Calcul de répartition");
        await term.waitFor(/\? Licence du composant/);
        term.type("GPL-3.0-only");
        await term.waitFor(/✗ GPL-3.0-only/);
        term.keys("Enter");
        await term.waitFor(/la politique de licences la refuserait/);
        term.keys("Enter"); // pick another
        await term.waitFor(/\? Licence du composant[^\n]*\n(?![\s\S]*✔ Licence du composant[^\n]*MPL)/);
        term.type("MPL-2.0");
        await term.waitFor(/❯ MPL-2.0/);
        term.keys("Enter");
        await term.answer(/Version/, ">=6.0");
        await term.answer(/Dépôt/, "https://github.com/powsybl/powsybl-core");
        await term.answer(/Gouvernance/);
        await term.answer(/Ou équivalent/);
        await term.answer(/Justification/, "interopérabilité");
        await term.answer(/Ajouter un autre composant/);
        await term.answer(/Portée/);
        await term.answer(/Besoins fonctionnels/, "Échange des modèles de réseau");
        await term.answer(/Ajouter un autre besoin/);
        await term.answer(/Modalité/);
        await term.answer(/Programme ISO\/IEC 5230/);
        await term.answer(/Preuve de conformité/);
        await term.answer(/Assurance sécurité/);
        await term.answer(/SBOM exigée/);
        await term.answer(/Formats de SBOM/);
        await term.answer(/Éléments non logiciels/);
        await term.answer(/Reverser les développements/);
        await term.answer(/Reverser la documentation/);
        await term.answer(/Que publiera principalement/);
        await term.answer(/Licence de publication/);
        await term.answer(/Licence de la documentation/);
        const review = await term.waitFor(/\? Et maintenant/);
        expect(review).to.contain("2.1 OSS-01 – Composants libres et open source exigés");
        expect(review).to.contain("2.10 OSS-12 – Publication des développements spécifiques par l’Acheteur");
        term.keys("Enter");
        const end = await term.waitFor(/EXIT=\d+/);
        expect(end).to.contain("EXIT=0");
        expect(end).to.contain("reponses.yaml et annexe.docx ont été écrits.");
      } finally {
        term.close();
      }
      const answers = readFileSync(join(dir, "reponses.yaml"), "utf8");
      expect(answers).to.contain("license: MPL-2.0").and.to.contain("license: EUPL-1.2").and.to.contain("- Échange des modèles de réseau");
      const rebuilt = join(dir, "rebuilt.docx");
      expect(runCli(["build", join(dir, "reponses.yaml"), "-o", rebuilt]).status).to.equal(0);
      expect(readFileSync(rebuilt).equals(readFileSync(join(dir, "annexe.docx")))).to.equal(true);
    });

    it("leaves with exit 130 on Ctrl-C and writes nothing", async () => {
      const dir = tempDir();
      const term = new Terminal(`node ${BIN} new -o annexe.docx`, dir);
      try {
        await term.waitFor(/Language of the annex/);
        term.keys("Enter");
        await term.answer(/Tender title/, "Something");
        await term.waitFor(/\? Tender reference/);
        term.keys("C-c");
        const end = await term.waitFor(/EXIT=\d+/);
        expect(end).to.contain("EXIT=130");
        expect(end).to.contain("nothing was written");
      } finally {
        term.close();
      }
      expect(readdirSync(dir)).to.deep.equal([]);
    });
  });

  it("refuses to start without a terminal (exit 2), pointing to clausier build", () => {
    const dir = tempDir();
    const r = runCli(["new", "-o", join(dir, "a.docx")]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("needs a terminal").and.to.contain("clausier build");
    expect(existsSync(join(dir, "a.docx"))).to.equal(false);
  });
});
