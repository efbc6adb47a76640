import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readDocx } from "./helpers/docx.js";
import { ROOT, runCli, tempDir } from "./helpers/run.js";

const LINT = join(ROOT, "test", "fixtures", "lint");
const OVERLAY = join(ROOT, "examples", "overlay-library");
const FLAGSHIP = join(ROOT, "examples", "grid-operator-fr.yaml");

describe("clause library governance", () => {
  describe("clauses lint", () => {
    it("passes on the built-in library", () => {
      const r = runCli(["clauses", "lint", "--today", "2026-12-01"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("18 clauses checked on 2026-12-01: 0 errors, 0 warnings.");
    });

    it("passes on the example overlay", () => {
      const r = runCli(["clauses", "lint", "--library", OVERLAY, "--today", "2026-12-01"]);
      expect(r.status, r.stderr).to.equal(0);
    });

    for (const name of readdirSync(LINT)) {
      it(`catches ${name}`, () => {
        const [code, message] = readFileSync(join(LINT, name, "expected.txt"), "utf8").trim().split("\n");
        const r = runCli(["clauses", "lint", "--library", join(LINT, name), "--today", "2026-12-01"]);
        expect(r.status, r.stderr).to.equal(Number(code));
        expect(r.stderr + r.stdout).to.contain(message);
      });
    }

    it("reports reviews overdue on a given day, reproducibly, as JSON too", () => {
      const r = runCli(["clauses", "lint", "--today", "2028-01-05", "--json"]);
      expect(r.status).to.equal(0);
      const json = JSON.parse(r.stdout) as { warnings: number; findings: { severity: string; message: string }[] };
      expect(json.warnings).to.equal(18);
      expect(json.findings[0]?.message).to.match(/^review overdue by 41 days/);
    });

    it("refuses a --today that is not a date", () => {
      expect(runCli(["clauses", "lint", "--today", "tomorrow"]).status).to.equal(2);
    });
  });

  describe("clauses list and show", () => {
    it("lists the clauses, filtered by status, as text and JSON", () => {
      const r = runCli(["clauses", "list"]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.match(/compliance-programme\s+OSS-07\s+1\.0\.0\s+approved\s+2026-11-25\s+built-in/);
      const none = runCli(["clauses", "list", "--status", "draft", "--json"]);
      expect(JSON.parse(none.stdout)).to.deep.equal([]);
      const json = JSON.parse(runCli(["clauses", "list", "--json", "--library", OVERLAY]).stdout) as { id: string; overlay: boolean; version: string }[];
      expect(json.find((c) => c.id === "precedence")).to.include({ overlay: true, version: "2.0.0" });
      expect(json.find((c) => c.id === "ospo-contact")?.overlay).to.equal(true);
      expect(runCli(["clauses", "list", "--status", "approuved"]).status).to.equal(2);
    });

    it("shows a clause's metadata, condition in plain words and rendered text", () => {
      const r = runCli(["clauses", "show", "compliance-programme"]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.contain("compliance-programme (OSS-07): Open source licence compliance programme (ISO/IEC 5230)");
      expect(r.stdout).to.contain("applies when: ISO/IEC 5230 programme (compliance.openChain) is true");
      expect(r.stdout).to.contain("ISO/IEC 5230:2020 §3.6.1");
      expect(r.stdout).to.contain("an affirmation dated before 1 June 2025 is not accepted");
      const fr = runCli(["clauses", "show", "compliance-programme", "--lang", "fr"]);
      expect(fr.stdout).to.contain("vaut vrai").and.to.contain("antérieure au 1er juin 2025");
      const missing = runCli(["clauses", "show", "nope"]);
      expect(missing.status).to.equal(2);
      expect(missing.stderr).to.contain("sbom");
    });

    it("says when the example answers would leave the clause out", () => {
      const r = runCli(["clauses", "show", "open-source-award"]);
      expect(r.stdout).to.contain('these answers would leave the clause out: openSource.mode = "mandatory"');
    });
  });

  describe("explain", () => {
    it("gives each clause, included or excluded, with the answer that decided it", () => {
      const r = runCli(["explain", join(ROOT, "examples", "city-map-server-en.yaml")]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.match(/excluded\s+governance \(OSS-06\)\s+because governance.required = false/);
      expect(r.stdout).to.match(/included\s+open-source-award \(OSS-03\)\s+because openSource.scope = "partial" and openSource.mode = "award-criterion"/);
      expect(r.stdout).to.match(/excluded\s+components \(OSS-01\)\s+because components = \[\] \(empty\)/);
      expect(r.stdout).to.contain("11 of 18 clauses included.");
      const json = JSON.parse(runCli(["explain", FLAGSHIP, "--json", "--library", OVERLAY]).stdout) as { id: string; included: boolean; file: string }[];
      expect(json.find((d) => d.id === "ospo-contact")?.included).to.equal(true);
    });
  });

  describe("catalogue", () => {
    it("writes the library as a Word document, English and French side by side, variables and logic marked", () => {
      const out = join(tempDir(), "library.docx");
      const r = runCli(["catalogue", "-o", out]);
      expect(r.status, r.stderr).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("Clause library");
      expect(content.text).to.contain("OSS-07 – Open source licence compliance programme (ISO/IEC 5230)");
      expect(content.text).to.contain("ISO/IEC 5230 programme (compliance.openChain) is true");
      expect(content.text).to.contain("‹tender.buyer›");
      expect(content.text).to.contain("[if tender.issueDate:]");
      expect(content.text).to.contain("[si tender.issueDate:]");
      expect(content.tables.some((t) => t[0]?.[0] === "English" && t[0]?.[1] === "Français")).to.equal(true);
      const headings = content.paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text);
      expect(headings).to.have.length(18);
    });

    it("writes one language on request and refuses an unknown one", () => {
      const out = join(tempDir(), "bibliotheque.docx");
      expect(runCli(["catalogue", "-o", out, "--lang", "fr"]).status).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("Bibliothèque de clauses").and.to.contain("OSS-09 – Nomenclature logicielle (SBOM)");
      expect(runCli(["catalogue", "-o", join(tempDir(), "x.docx"), "--lang", "de"]).status).to.equal(2);
    });
  });

  describe("overlays and drafts", () => {
    it("replaces and adds clauses from an organisation's library, and says so in the traceability table", () => {
      const out = join(tempDir(), "annex.docx");
      const r = runCli(["build", FLAGSHIP, "-o", out, "--library", OVERLAY]);
      expect(r.status, r.stderr).to.equal(0);
      const content = readDocx(readFileSync(out));
      expect(content.text).to.contain("La présente annexe est une pièce contractuelle.");
      expect(content.text).to.contain("ORG-01 – Interlocuteur pour les logiciels libres");
      const trace = content.tables[content.tables.length - 1]!;
      expect(trace).to.deep.include(["precedence", "2.0.0", "approuvée", "bibliothèque de l’organisation"]);
      expect(trace).to.deep.include(["purpose", "1.0.0", "approuvée", "bibliothèque Clausier"]);
      const response = content.tables.find((t) => t[0]?.[0] === "Exig." && t[0]?.length === 5);
      expect(response?.map((row) => row[0])).to.include("ORG-01");
    });

    it("refuses a faulty overlay with exit 2 and the file at fault", () => {
      const r = runCli(["build", FLAGSHIP, "-o", join(tempDir(), "a.docx"), "--library", join(LINT, "typo-inside-if")]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("typo-inside-if.yaml").and.to.contain("compliance.openChian");
      expect(runCli(["build", FLAGSHIP, "-o", join(tempDir(), "a.docx"), "--library", join(tempDir(), "missing")]).status).to.equal(2);
    });

    it("refuses an annex with clauses that are not approved, naming them, and writes nothing", () => {
      const dir = tempDir();
      const out = join(dir, "annex.docx");
      const r = runCli(["build", FLAGSHIP, "-o", out, "--library", join(LINT, "draft-clause")]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("draft-clause (draft,").and.to.contain("--allow-draft");
      expect(existsSync(out)).to.equal(false);
    });

    it("with --allow-draft, stamps every page DRAFT and records the status", () => {
      const out = join(tempDir(), "annex.docx");
      const r = runCli(["build", FLAGSHIP, "-o", out, "--library", join(LINT, "draft-clause"), "--allow-draft"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.contain("DRAFT");
      const content = readDocx(readFileSync(out));
      const header = Object.entries(content.parts).find(([n]) => n.startsWith("word/header"))?.[1] ?? "";
      expect(header).to.contain("PROJET — ne pas publier");
      expect(content.tables[content.tables.length - 1]).to.deep.include(["draft-clause", "1.0.0", "projet", "bibliothèque de l’organisation"]);
      const sections = (content.parts["word/document.xml"] ?? "").match(/<w:sectPr/g) ?? [];
      expect(sections).to.have.length(1); // one section: its header is on every page
    });
  });
});
