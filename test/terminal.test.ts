/**
 * The interview in a real terminal (tmux): the installed command, its prompts as a person sees them, keys
 * as a person types them. Slower than test/interview.test.ts (scripted prompts), so only what needs a
 * terminal is here: Enter everywhere, a whole French interview, Ctrl-C, no terminal at all.
 */
import { expect } from "chai";
import { copyFileSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { englishIn } from "./helpers/english.js";
import { BIN, ROOT, runCli, tempDir } from "./helpers/run.js";
import { Terminal, type DriveRule } from "./helpers/tmux.js";

/** Runs `clausier <args>` in a terminal in `dir`, answering with the rules; returns the whole screen. */
async function inTerminal(args: string, dir: string, rules: DriveRule[] = []): Promise<string> {
  const terminal = new Terminal(`node ${BIN} ${args}`, dir);
  try {
    return await terminal.drive(rules);
  } finally {
    terminal.close();
  }
}

/** The lines a French buyer may read in English: the bilingual first question, licence names in a list. */
const NOT_FRENCH_BY_DESIGN = ["Language of the annex / Langue de l’annexe", " — "];

describe("the interview in a terminal", function () {
  this.timeout(120_000);

  it("new --from the flagship example, Enter everywhere: the same answers, then the same bytes again", async () => {
    const first = tempDir();
    const flagship = join(ROOT, "examples", "grid-operator-fr.yaml");
    const screen = await inTerminal(`new --from ${flagship} -o annexe.docx --answers reponses.yaml`, first);
    expect(screen, screen).to.contain("EXIT=0");
    expect(screen).to.match(/Récapitulatif/).and.not.to.match(/^\* (?!signale)/m);
    const written = readFileSync(join(first, "reponses.yaml"), "utf8");
    expect(parseYaml(written)).to.deep.equal(parseYaml(readFileSync(flagship, "utf8")));
    // From its own answers file, the interview writes that file again, byte for byte, and the same annex.
    const second = tempDir();
    copyFileSync(join(first, "reponses.yaml"), join(second, "depart.yaml"));
    const again = await inTerminal("new --from depart.yaml -o annexe.docx --answers reponses.yaml", second);
    expect(again, again).to.contain("EXIT=0");
    expect(readFileSync(join(second, "reponses.yaml"), "utf8")).to.equal(written);
    expect(readFileSync(join(second, "annexe.docx")).equals(readFileSync(join(first, "annexe.docx")))).to.equal(true);
  });

  it("a French interview with every family ticked shows no English word, and writes what build writes", async () => {
    const dir = tempDir();
    const type = (text: string) => (t: Terminal) => {
      t.type(text);
      t.keys("Enter");
    };
    const rules: DriveRule[] = [
      [/^Language of the annex/, (t) => t.choose("Français")],
      [/^Intitulé de la consultation/, type("Plateforme de données réseau")],
      [/^Référence de la consultation/, type("GRID-2026-OSS-042")],
      [/^Acheteur/, type("Gestionnaire du réseau de transport")],
      [/^Type d’acheteur/, (t) => t.choose("entité adjudicatrice")],
      [/^Date d’envoi/, type("2026-12-01")],
      [/^Quelles exigences/, (t) => (t.type("a"), t.keys("Enter"))],
      [/^Licences toujours refusées/, (t) => t.search("SSPL-1.0")],
      [/^Fondations$|^Fondations \(/, (t) => (t.keys("Space"), t.keys("Enter"))],
      [/^Nom du composant/, type("PowSyBl Core")],
      [/^Besoin fonctionnel/, type("Calcul de répartition des flux")],
      [/^Licence du composant/, (t) => t.search("GPL-3.0-only", /❯ ✗ GPL-3.0-only/)],
      [/GPL-3.0-only serait refusée/, (t) => t.choose("Choisir une autre licence")],
      [/^Licence du composant/, (t) => t.search("MPL-2.0")],
      [/^Ou équivalent/, type("o")],
      [/^Justification/, type("interopérabilité avec les outils de conduite")],
      [/^Portée/, (t) => t.choose("une partie")],
      [/^Besoins fonctionnels/, type("Échange des modèles de réseau")],
      [/^Durée du support/, type("5")],
      [/^Licence de publication/, (t) => t.choose("EUPL-1.2")],
    ];
    const screen = await inTerminal("new -o annexe.docx --answers reponses.yaml", dir, rules);
    if (process.env["SHOW_SCREEN"]) console.log(screen);
    expect(screen, screen).to.contain("EXIT=0");
    expect(screen).to.contain("reponses.yaml et annexe.docx ont été écrits.");
    // Yes and no are French too: « o » answered « Ou équivalent ».
    expect(screen).to.match(/✔ Ou équivalent Oui/);
    expect(englishIn(screen, NOT_FRENCH_BY_DESIGN), screen).to.deep.equal([]);

    const answers = parseYaml(readFileSync(join(dir, "reponses.yaml"), "utf8")) as Record<string, any>;
    expect(answers["components"][0]).to.include({ name: "PowSyBl Core", license: "MPL-2.0" });
    expect(answers["licensePolicy"]["deny"]).to.deep.equal(["SSPL-1.0"]);
    expect(answers["licensePolicy"]).to.not.have.property("allow");
    expect(answers["buyerDistribution"]).to.include({ commit: true, license: "EUPL-1.2" });
    const rebuilt = join(dir, "rebuilt.docx");
    expect(runCli(["build", join(dir, "reponses.yaml"), "-o", rebuilt]).status).to.equal(0);
    expect(readFileSync(rebuilt).equals(readFileSync(join(dir, "annexe.docx")))).to.equal(true);
  });

  it("leaves with exit 130 on Ctrl-C, in the buyer's language, and writes nothing", async () => {
    const dir = tempDir();
    const screen = await inTerminal("new -o annexe.docx", dir, [
      [/^Language of the annex/, (t) => t.choose("Français")],
      [/^Intitulé de la consultation/, (t) => (t.type("Quelque chose"), t.keys("Enter"))],
      [/^Référence de la consultation/, (t) => t.keys("C-c")],
    ]);
    expect(screen).to.contain("EXIT=130").and.to.match(/Interrompu\s;\srien n’a été écrit\./);
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it("refuses to start without a terminal (exit 2), pointing to clausier build", () => {
    const dir = tempDir();
    const r = runCli(["new", "-o", join(dir, "a.docx")]);
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain("terminal").and.to.contain("clausier build");
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
