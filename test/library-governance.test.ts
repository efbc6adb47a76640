import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDocx } from "./helpers/docx.js";
import { addMonths } from "date-fns/addMonths";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { builtInLibrary, changeText } from "../src/clauses/library.js";
import { ROOT, runMain, tempDir } from "./helpers/run.js";

const LINT = join(ROOT, "test", "fixtures", "lint");
const OVERLAY = join(ROOT, "examples", "overlay-library");
const FLAGSHIP = join(ROOT, "examples", "grid-operator-fr.yaml");

/** The built-in clauses, so that no count here is written by hand. */
const CLAUSES = builtInLibrary().clauses;

describe("clause library governance", () => {
  describe("clauses lint", () => {
    it("passes on the built-in library", async () => {
      const r = await runMain(["clauses", "lint", "--today", "2026-12-01"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain(`${CLAUSES.length} clauses checked on 2026-12-01: 0 errors, 0 warnings.`);
    });

    it("passes on the example overlay", async () => {
      const r = await runMain(["clauses", "lint", "--library", OVERLAY, "--today", "2026-12-01"]);
      expect(r.status, r.stderr).to.equal(0);
    });

    for (const name of readdirSync(LINT)) {
      it(`catches ${name}`, async () => {
        const [code, message] = readFileSync(join(LINT, name, "expected.txt"), "utf8").trim().split("\n");
        const r = await runMain(["clauses", "lint", "--library", join(LINT, name), "--today", "2026-12-01"]);
        expect(r.status, r.stderr).to.equal(Number(code));
        expect(r.stderr + r.stdout).to.contain(message);
      });
    }

    it("says what is wrong with a file's shape in the maintainer's language, by key and line, never in the validator's words", async () => {
      const dir = join(LINT, "missing-french");
      const fr = await runMain(["clauses", "lint", "--library", dir, "--lang", "fr", "--today", "2026-12-01"]);
      expect(fr.status).to.equal(1);
      expect(fr.stderr).to.contain("erreur\u00a0: «\u00a0text\u00a0» (ligne 14)\u00a0: la clé «\u00a0fr\u00a0» manque");
      const en = await runMain(["clauses", "lint", "--library", dir, "--today", "2026-12-01"]);
      for (const r of [fr, en]) expect(r.stderr).to.not.match(/must have|must match|must NOT|\(top\)|instancePath/);
    });

    it("names each kind of shape fault of a clause in French: a choice, a number, an empty text, a date", async () => {
      const dir = tempDir("shape-");
      const good = readFileSync(join(ROOT, "clauses", "buyer-publication.yaml"), "utf8");
      const broken = good
        .replace("status: approved", "status: aproved")
        .replace("reviewIntervalMonths: 12", 'reviewIntervalMonths: "12"')
        .replace("reviewDate: 2026-12-01", "reviewDate: 2026-13-01")
        .replace("  en: Publication of bespoke developments by the Buyer", '  en: ""');
      const text = broken;
      const { mkdirSync, writeFileSync } = await import("node:fs");
      mkdirSync(join(dir, "clauses"));
      writeFileSync(join(dir, "clauses", "buyer-publication.yaml"), text);
      const r = await runMain(["clauses", "lint", "--library", dir, "--lang", "fr", "--today", "2026-12-01"]);
      expect(r.status).to.equal(1);
      const lines = r.stderr.replace(/\u00a0/g, " ");
      expect(lines).to.contain("« status » (ligne 12) : doit valoir draft, in-review, approved ou retired");
      expect(lines).to.contain("« reviewIntervalMonths » (ligne 16) : doit être un nombre entier");
      expect(lines).to.contain("« reviewDate » (ligne 15) : doit être une date écrite AAAA-MM-JJ");
      expect(lines).to.contain("« title.en » (ligne 9) : ne doit pas être vide");
      expect(lines).to.not.match(/must |\(top\)/);
    });

    it("reports reviews overdue on a given day, reproducibly, as JSON too", async () => {
      // A day after every built-in review falls due: each clause is overdue by the days since its own due date.
      const dues = CLAUSES.map((c) => addMonths(parseISO(c.reviewDate), c.reviewIntervalMonths));
      const latest = new Date(Math.max(...dues.map((d) => d.getTime())));
      const today = new Date(latest.getFullYear(), latest.getMonth(), latest.getDate() + 10);
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
      const r = await runMain(["clauses", "lint", "--today", day, "--json"]);
      expect(r.status).to.equal(0);
      const json = JSON.parse(r.stdout) as { warnings: number; findings: { file: string; severity: string; message: string }[] };
      expect(json.warnings).to.equal(CLAUSES.length);
      CLAUSES.forEach((c, i) => {
        const days = differenceInCalendarDays(today, dues[i]!);
        expect(json.findings.find((f) => f.file === c.file)?.message).to.match(new RegExp(`^review overdue by ${days} days?: last reviewed ${c.reviewDate}`));
      });
    });

    it("counts the days a review is overdue from explicit dates", async () => {
      // The fixture was reviewed on 2025-11-01, every 12 months: due 2026-11-01.
      const lint = (today: string) => runMain(["clauses", "lint", "--library", join(LINT, "review-overdue"), "--today", today, "--json"]);
      const messages = async (today: string) =>
        (JSON.parse((await lint(today)).stdout) as { findings: { file: string; message: string }[] }).findings.filter((f) => f.file.endsWith("review-overdue.yaml")).map((f) => f.message);
      expect(await messages("2026-11-01")).to.deep.equal([]);
      expect(await messages("2026-11-02")).to.deep.equal(["review overdue by 1 day: last reviewed 2025-11-01 by Legal, every 12 months, due 2026-11-01"]);
      expect((await messages("2027-02-01"))[0]).to.match(/^review overdue by 92 days/);
      expect((await messages("2025-10-31"))[0]).to.equal("the review date 2025-11-01 is after today (2025-10-31)");
    });

    it("refuses a --today that is not a date", async () => {
      expect((await runMain(["clauses", "lint", "--today", "tomorrow"])).status).to.equal(2);
    });
  });

  describe("clauses list and show", () => {
    it("lists the clauses, filtered by status, as text and JSON", async () => {
      const r = await runMain(["clauses", "list"]);
      expect(r.status).to.equal(0);
      // Each clause on its line with its requirement, version (read from its file), status, review date and origin.
      const programme = CLAUSES.find((c) => c.id === "compliance-programme")!;
      expect(r.stdout).to.match(new RegExp(`compliance-programme\\s+OSS-07\\s+${programme.version.replace(/\./g, "\\.")}\\s+approved\\s+${programme.reviewDate}\\s+built-in`));
      const none = await runMain(["clauses", "list", "--status", "draft", "--json"]);
      expect(JSON.parse(none.stdout)).to.deep.equal([]);
      const json = JSON.parse((await runMain(["clauses", "list", "--json", "--library", OVERLAY])).stdout) as { id: string; overlay: boolean; version: string }[];
      expect(json.find((c) => c.id === "precedence")).to.include({ overlay: true, version: "2.0.0" });
      expect(json.find((c) => c.id === "ospo-contact")?.overlay).to.equal(true);
      expect((await runMain(["clauses", "list", "--status", "approuved"])).status).to.equal(2);
    });

    it("shows a clause's metadata, condition in plain words and rendered text", async () => {
      const r = await runMain(["clauses", "show", "compliance-programme"]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.contain("compliance-programme (OSS-07): Open source licence compliance programme (ISO/IEC 5230)");
      expect(r.stdout).to.match(/applies when:\s+ISO\/IEC 5230 programme \(compliance.openChain\) is yes/);
      expect(r.stdout).to.contain("ISO/IEC 5230:2020 §3.1 to §3.6");
      expect(r.stdout).to.match(/nature:\s+Condition of performance \(undertaking\)/);
      expect(r.stdout).to.contain("Its age at the tender stage is counted from the deadline for tenders (15 January 2027, or the later deadline if it is postponed): it is current if it is less than 18 months old on that day, that is, for the deadline of 15 January 2027, dated after 15 July 2025.");
      // Its own table, row by row.
      expect(r.stdout).to.contain("Verification materials of ISO/IEC 5230:2020 and when they are handed over").and.to.contain("  3.2.2.5 | A procedure to review and remedy cases of non-compliance | A copy | On request");
      const fr = await runMain(["clauses", "show", "compliance-programme", "--lang", "fr"]);
      expect(fr.stdout).to.contain("vaut oui").and.to.match(/datée d’un jour postérieur au 15 juillet 2025/).and.to.match(/s’applique si\s:/);
      const missing = await runMain(["clauses", "show", "nope"]);
      expect(missing.status).to.equal(2);
      expect(missing.stderr).to.contain("sbom");
    });

    it("shows the history in the reader's language, and an overlay's single-language line as it is", async () => {
      const en = await runMain(["clauses", "show", "compliance-programme"]);
      expect(en.stdout).to.contain("    - 2.1.0 (2026-12-01): Equivalent proof as the Code de la commande publique frames it (certificates of equivalent bodies;");
      expect(en.stdout).to.contain("    - 1.0.0 (2026-11-25): First version.").and.to.not.contain("Première version");
      const fr = await runMain(["clauses", "show", "compliance-programme", "--lang", "fr"]);
      expect(fr.stdout).to.contain("    - 2.1.0 (2026-12-01): Preuve équivalente dans les termes du code de la commande publique (certificats délivrés par des organismes équivalents\u00a0;");
      expect(fr.stdout).to.contain("    - 1.0.0 (2026-11-25): Première version.");
      expect(fr.stdout).to.not.contain("Equivalent proof").and.to.not.contain("First version");
      // Every line of the clause, each in its language.
      const clause = CLAUSES.find((c) => c.id === "compliance-programme")!;
      for (const h of clause.history) {
        expect(en.stdout).to.contain(`    - ${h.version} (${h.date}): ${changeText(h.change, "en")}\n`);
        expect(fr.stdout).to.contain(`    - ${h.version} (${h.date}): ${changeText(h.change, "fr")}\n`);
      }
      // examples/overlay-library writes its history in English only: shown as written, in French too.
      const overlay = await runMain(["clauses", "show", "precedence", "--lang", "fr", "--library", OVERLAY]);
      expect(overlay.status, overlay.stderr).to.equal(0);
      expect(overlay.stdout).to.contain("    - 2.0.0 (2026-10-15): Refers to the list of contract documents of our specific administrative terms.");
    });

    it("says when the example answers would leave the clause out", async () => {
      const r = await runMain(["clauses", "show", "open-source-award"]);
      expect(r.stdout).to.contain("these answers would leave the clause out, because Mode (openSource.mode) is “mandatory”");
    });
  });

  describe("explain", () => {
    it("gives each clause, included or excluded, with the answer that decided it", async () => {
      const r = await runMain(["explain", join(ROOT, "examples", "city-map-server-en.yaml")]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.match(/excluded\s+governance \(OSS-06\)\s+because Open governance required \(governance.required\) is no/);
      expect(r.stdout).to.match(/included\s+open-source-award \(OSS-03\)\s+because Scope \(openSource.scope\) is “partial” and Mode \(openSource.mode\) is “award-criterion”/);
      expect(r.stdout).to.match(/excluded\s+components \(OSS-01\)\s+because Required components \(principle 1\) \(components\) is an empty list/);
      expect(r.stdout).to.contain("Requirement families chosen: Licence policy, Open source for the needs");
      const included = r.stdout.split("\n").filter((line) => line.startsWith("included")).length;
      expect(included).to.be.greaterThan(5);
      expect(r.stdout).to.contain(`${included} of ${CLAUSES.length} clauses included.`);
      const json = JSON.parse((await runMain(["explain", FLAGSHIP, "--json", "--library", OVERLAY])).stdout) as { clauses: { id: string; included: boolean; file: string }[] };
      expect(json.clauses.find((d) => d.id === "ospo-contact")?.included).to.equal(true);
    });
  });

  describe("catalogue", () => {
    it("writes the library as a Word document, English and French side by side, variables and logic marked", async () => {
      const out = join(tempDir(), "library.docx");
      const r = await runMain(["catalogue", "-o", out]);
      expect(r.status, r.stderr).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("Clause library");
      expect(content.text).to.contain("OSS-07 – Open source licence compliance programme (ISO/IEC 5230)");
      // Conditions and logic in words, answers by their names, in each column's language.
      expect(content.text).to.contain("ISO/IEC 5230 programme (compliance.openChain) is yes");
      expect(content.text).to.contain("‹Buyer›").and.to.contain("‹Acheteur›");
      expect(content.text).to.contain("[if Deadline for tenders is given:]");
      expect(content.text).to.contain("[si Date limite de remise des offres est renseigné\u00a0:]");
      // A clause's own table, with the condition of each row in words.
      expect(content.text).to.contain("3.5.1.1").and.to.contain("Contribute bespoke developments (upstream.contribute) is yes");
      expect(content.text).to.not.match(/\{\{|\(eq |tender\.issueDate:/);
      expect(content.tables.some((t) => t[0]?.[0] === "English" && t[0]?.[1] === "Français")).to.equal(true);
      const headings = content.paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text);
      expect(headings).to.have.length(CLAUSES.length);
    });

    it("writes one language on request and refuses an unknown one", async () => {
      const out = join(tempDir(), "bibliotheque.docx");
      expect((await runMain(["catalogue", "-o", out, "--lang", "fr"])).status).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("Bibliothèque de clauses").and.to.contain("OSS-09 – Nomenclature logicielle (SBOM)");
      expect((await runMain(["catalogue", "-o", join(tempDir(), "x.docx"), "--lang", "de"])).status).to.equal(2);
    });

    it("gives each clause's history in the language of the document's words", async () => {
      // The list under each "History" / "Historique" heading, up to the next heading.
      const history = (file: string): string[] => {
        const out: string[] = [];
        let inside = false;
        for (const p of readDocx(readFileSync(file)).paragraphs) {
          if (p.style !== undefined) inside = p.text === "History" || p.text === "Historique";
          else if (inside) out.push(p.text.replace(/^•/, ""));
        }
        return out;
      };
      const expected = (language: "en" | "fr"): string[] => CLAUSES.flatMap((c) => c.history.map((h) => `${h.version} (${h.date}): ${changeText(h.change, language)}`));
      const fr = join(tempDir(), "fr.docx");
      expect((await runMain(["catalogue", "-o", fr, "--lang", "fr"])).status).to.equal(0);
      const frLines = history(fr);
      expect(frLines).to.deep.equal(expected("fr"));
      expect(frLines).to.include("2.1.0 (2026-12-01): La preuve et son ancienneté comme dans l’exigence OSS-07 (preuve équivalente, preuve jointe à l’offre valant pour la première livraison).");
      expect(frLines.join("\n")).to.not.match(/First version|Equivalent proof|\bthe Buyer\b/);
      const en = join(tempDir(), "en.docx");
      expect((await runMain(["catalogue", "-o", en, "--lang", "en"])).status).to.equal(0);
      const enLines = history(en);
      expect(enLines).to.deep.equal(expected("en"));
      expect(enLines).to.include("2.1.0 (2026-12-01): The proof and its age as in OSS-07 (equivalent proof, a proof attached to a tender counting for the first delivery).");
      expect(enLines.join("\n")).to.not.match(/Première version|Acheteur/);
      // English and French side by side: the history follows the document's own words, here French.
      const both = join(tempDir(), "both.docx");
      expect((await runMain(["catalogue", "-o", both], { env: { LANG: "fr_FR.UTF-8" } })).status).to.equal(0);
      expect(history(both)).to.deep.equal(expected("fr"));
      // An overlay's single-language line is printed as written.
      const overlay = join(tempDir(), "overlay.docx");
      expect((await runMain(["catalogue", "-o", overlay, "--lang", "fr", "--library", OVERLAY])).status).to.equal(0);
      expect(history(overlay)).to.include("2.0.0 (2026-10-15): Refers to the list of contract documents of our specific administrative terms.");
    });
  });

  describe("overlays and drafts", () => {
    it("replaces and adds clauses from an organisation's library, and says so in the traceability table", async () => {
      const out = join(tempDir(), "annex.docx");
      const r = await runMain(["build", FLAGSHIP, "-o", out, "--library", OVERLAY]);
      expect(r.status, r.stderr).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("La présente annexe est une pièce contractuelle.");
      expect(content.text).to.contain("ORG-01 – Interlocuteur pour les logiciels libres");
      const trace = content.tables[content.tables.length - 1]!;
      expect(trace).to.deep.include(["Ordre de priorité (precedence)", "2.0.0", "approuvée", "bibliothèque de l’organisation"]);
      expect(trace).to.deep.include(["Objet et champ d’application (purpose)", "2.0.0", "approuvée", "bibliothèque Clausier"]);
      const response = content.tables.find((t) => t[0]?.[0] === "Exig." && t[0]?.length === 5);
      expect(response?.map((row) => row[0])).to.include("ORG-01");
    });

    it("refuses a faulty overlay with exit 2 and the file at fault", async () => {
      const r = await runMain(["build", FLAGSHIP, "-o", join(tempDir(), "a.docx"), "--library", join(LINT, "typo-inside-if")]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("typo-inside-if.yaml").and.to.contain("compliance.openChian");
      expect((await runMain(["build", FLAGSHIP, "-o", join(tempDir(), "a.docx"), "--library", join(tempDir(), "missing")])).status).to.equal(2);
    });

    it("refuses an annex with clauses that are not approved, naming them, and writes nothing", async () => {
      const dir = tempDir();
      const out = join(dir, "annex.docx");
      const r = await runMain(["build", FLAGSHIP, "-o", out, "--library", join(LINT, "draft-clause")]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("draft-clause (draft,").and.to.contain("--allow-draft");
      expect(existsSync(out)).to.equal(false);
    });

    it("with --allow-draft, stamps every page DRAFT and records the status", async () => {
      const out = join(tempDir(), "annex.docx");
      const r = await runMain(["build", FLAGSHIP, "-o", out, "--library", join(LINT, "draft-clause"), "--allow-draft"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("PROJET");
      const content = readDocx(readFileSync(out));
      const header = Object.entries(content.parts).find(([n]) => n.startsWith("word/header"))?.[1] ?? "";
      expect(header).to.contain("PROJET — ne pas publier");
      expect(content.tables[content.tables.length - 1]).to.deep.include(["Test (draft-clause)", "1.0.0", "projet", "bibliothèque de l’organisation"]);
      const sections = (content.parts["word/document.xml"] ?? "").match(/<w:sectPr/g) ?? [];
      expect(sections).to.have.length(1); // one section: its header is on every page
    });
  });
});
