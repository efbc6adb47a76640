import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Language } from "../src/answers/model.js";
import { builtInLibrary, changeText, checkLibrary, LibraryError, loadLibrary } from "../src/clauses/library.js";
import { composeAnnex, type AnnexClause } from "../src/rendering/annex.js";
import { blocksAsText } from "../src/rendering/spans.js";
import { selectClauses } from "../src/selection/select.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { BIN, ROOT, runMain, tempDir } from "./helpers/run.js";

const FIXTURES = join(ROOT, "test", "fixtures", "clauses");

/** A library made of one clause and the built-in templates. */
function libraryWith(clauseFile: string) {
  const dir = tempDir();
  mkdirSync(join(dir, "clauses"));
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  cpSync(clauseFile, join(dir, "clauses", `${readFileSync(clauseFile, "utf8").match(/^id: (\S+)/m)?.[1] ?? "x"}.yaml`));
  return loadLibrary([dir]);
}
const DIGEST = { answersDigest: "0".repeat(64) };

/** A clause as text: paragraphs separated by blank lines, "- " bullets, "a) " lettered items. */
const clauseText = (clause: AnnexClause): string => blocksAsText(clause.blocks);

describe("the clause library", () => {
  it("loads the built-in library without a problem", () => {
    const library = builtInLibrary();
    expect(library.clauses.length).to.be.greaterThan(10);
    expect(library.clauses.every((c) => c.status === "approved")).to.equal(true);
  });

  it("covers each requirement family with a requirement identifier, each identifier once", () => {
    const byId = new Map(builtInLibrary().clauses.map((c) => [c.id, c.requirement]));
    const ids = ["components", "open-source-scope", "open-source-award", "licence-definition", "licence-classes", "governance", "compliance-programme", "security-assurance", "sbom", "upstream-contribution", "buyer-publication", "upstream-obligation", "component-lifecycle", "security", "ip-rights", "reversibility", "licence-warranty"];
    for (const id of ids) {
      expect(byId.get(id), id).to.match(/^OSS-\d\d$/);
    }
    for (const id of ["purpose", "definitions", "precedence", "derogations", "verification-audit", "penalties", "evidence-tender", "evidence-acceptance"]) expect(byId.has(id), id).to.equal(true);
    const requirements = builtInLibrary().clauses.flatMap((c) => (c.requirement !== undefined ? [c.requirement] : []));
    expect(new Set(requirements).size).to.equal(requirements.length);
    // Every requirement says how it binds, for the bidder response table.
    const natures = ["mandatory", "scored", "performance", "information"];
    for (const clause of builtInLibrary().clauses.filter((c) => c.requirement !== undefined)) {
      const nature = clause.nature;
      if (Array.isArray(nature)) expect(nature.map((n) => n.is), clause.id).to.satisfy((list: string[]) => list.every((n) => natures.includes(n)));
      else expect(nature, clause.id).to.be.oneOf(natures);
    }
  });

  it("cites, in a clause text, only the articles whose numbers were checked", () => {
    // The references confirmed for the built-in library (others are named without a number): a new
    // citation must be checked against the text of the law, then added here. Article numbers are those of
    // the CCAG-TIC 2021, the directives, the CRA and ISO/IEC 18974 (clause 4).
    const codes = new Set(["R2111-7", "R2111-9", "R2151-14", "L2152-2"]);
    const articles = new Set(["1.2", "4", "13", "14", "14.1.1", "30.7", "33", "34", "36", "40", "40.1", "42", "43", "44", "60", "62", "71"]);
    const unknown: string[] = [];
    for (const clause of builtInLibrary().clauses) {
      for (const text of [clause.text.en, clause.text.fr]) {
        for (const m of text.matchAll(/\b[LRD]\d{3,4}-\d+(?:-\d+)?\b/g)) if (!codes.has(m[0])) unknown.push(`${clause.id}: ${m[0]}`);
        for (const m of text.matchAll(/\b[Aa]rticles?\s+(\d+(?:\.\d+)*)/g)) if (!articles.has(m[1]!)) unknown.push(`${clause.id}: article ${m[1]}`);
      }
    }
    expect(unknown).to.deep.equal([]);
  });
;

  it("cites at least one source per clause, with section numbers for the ISO standards", () => {
    for (const clause of builtInLibrary().clauses) {
      expect(clause.sources.length, clause.id).to.be.greaterThan(0);
      for (const source of clause.sources.filter((s) => s.startsWith("ISO/IEC 5230") || s.startsWith("ISO/IEC 18974"))) {
        expect(source, clause.id).to.match(/§\d/);
      }
    }
    const security = builtInLibrary().clauses.find((c) => c.id === "security-assurance");
    expect(security?.sources.every((s) => !s.startsWith("ISO/IEC 18974") || /§4\./.test(s))).to.equal(true);
  });

  describe("good fixtures render as expected", () => {
    for (const name of readdirSync(join(FIXTURES, "good"))) {
      for (const language of ["en", "fr"] as Language[]) {
        const expectedFile = join(FIXTURES, "good", name, `expected.${language}.txt`);
        it(`${name} (${language})`, () => {
          const library = libraryWith(join(FIXTURES, "good", name, "clause.yaml"));
          const text = readFileSync(join(FIXTURES, "good", name, "answers.yaml"), "utf8").replace(/language: \w\w/, `language: ${language}`);
          const validation = validateAnswersText("answers.yaml", text);
          expect(validation.answers, JSON.stringify(validation.diagnostics)).to.not.equal(undefined);
          const annex = composeAnnex(library, selectClauses(library, validation.answers!), validation.answers!, DIGEST);
          const clause = annex.parts.flatMap((p) => p.clauses)[0];
          expect(clause).to.not.equal(undefined);
          expect(clauseText(clause!)).to.equal(readFileSync(expectedFile, "utf8").trimEnd());
        });
      }
    }
  });

  describe("bad fixtures are refused with the expected message", () => {
    for (const name of readdirSync(join(FIXTURES, "bad"))) {
      it(name, () => {
        const expected = readFileSync(join(FIXTURES, "bad", name, "expected.txt"), "utf8").trim();
        let error: unknown;
        try {
          libraryWith(join(FIXTURES, "bad", name, "clause.yaml"));
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(LibraryError);
        expect((error as LibraryError).message).to.contain(expected);
      });
    }
  });

  it("renders every clause in both languages for every example", () => {
    const library = builtInLibrary();
    for (const file of readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"))) {
      for (const language of ["en", "fr"]) {
        const text = readFileSync(join(ROOT, "examples", file), "utf8").replace(/language: \w\w/, `language: ${language}`);
        const answers = validateAnswersText(file, text).answers!;
        const annex = composeAnnex(library, selectClauses(library, answers), answers, DIGEST);
        for (const clause of annex.parts.flatMap((p) => p.clauses)) {
          expect(clause.blocks.length, `${file} ${language} ${clause.id}`).to.be.greaterThan(0);
          const all = clauseText(clause);
          expect(all, `${file} ${language} ${clause.id}`).to.not.match(/\{\{|\}\}|undefined|null|\[object/);
        }
      }
    }
  });
});

describe("amounts, a clause's own table, and the nature of a requirement", () => {
  it("prints amounts the same way on every machine, in each language's style", async () => {
    const { formatAmount } = await import("../src/rendering/clause-text.js");
    expect(formatAmount(1500, "EUR", "fr")).to.equal("1\u202f500\u00a0euros");
    expect(formatAmount(1.5, "EUR", "fr")).to.equal("1,50\u00a0euro");
    expect(formatAmount(1500, "CHF", "fr")).to.equal("1\u202f500\u00a0CHF");
    expect(formatAmount(1500, "EUR", "en")).to.equal("EUR\u00a01,500");
    expect(formatAmount(1234567.5, "CHF", "fr")).to.equal("1\u202f234\u202f567,50\u00a0CHF");
    expect(formatAmount(0.05, "EUR", "en")).to.equal("EUR\u00a00.05");
    expect(() => formatAmount(-1, "EUR", "en")).to.throw(RangeError);
  });

  it("refuses a clause table whose widths, headings or cells do not match, and a nature without a requirement", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "clauses"));
    const clause = (rows: string, extra = ""): string => `id: bad-rows
title: { en: Bad rows, fr: Mauvaises lignes }
version: 1.0.0
status: approved
owner: Test
reviewer: Test
reviewDate: 2026-12-01
reviewIntervalMonths: 12
history:
  - { version: 1.0.0, date: 2026-12-01, change: First. }
part: general
order: 900
${extra}sources: [test]
table: rows
rows:
${rows}
text: { en: "Text.", fr: "Texte." }
`;
    writeFileSync(join(dir, "clauses", "bad-rows.yaml"), clause(`  caption: { en: C, fr: C }
  headers: { en: [A, B], fr: [A, B, C] }
  widths: [50, 40]
  items:
    - { en: [x, y], fr: [x, y, z], when: { answer: no.such.answer, is: true } }`, "nature: scored\n"));
    const r = spawnSync(process.execPath, [BIN, "clauses", "lint", "--library", dir, "--today", "2026-12-01"], { encoding: "utf8", env: { ...process.env, CLAUSIER_LANG: "en" } });
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("rows.widths: the column widths add up to 90, not 100");
    expect(r.stderr).to.contain("rows.headers.fr: 3 headings for 2 columns");
    expect(r.stderr).to.contain("rows.items[1].fr: 3 cells for 2 columns");
    expect(r.stderr).to.contain("“no.such.answer” is not an answer of the answers schema");
    expect(r.stderr).to.contain("nature: only a clause that states a requirement");
  });
});

describe("a clause's history, in the reader's language", () => {
  it("is written in both languages throughout the built-in library", () => {
    // A legal reviewer reads the history in the catalogue and in `clauses show`, in their language: every
    // line of the built-in library gives both sentences, and the French one is not the English copied.
    const single: string[] = [];
    let lines = 0;
    for (const clause of builtInLibrary().clauses) {
      clause.history.forEach((h, i) => {
        lines += 1;
        if (typeof h.change === "string" || h.change.en.trim() === h.change.fr.trim()) single.push(`${clause.file}: history[${i}] (${h.version})`);
      });
    }
    expect(lines).to.be.greaterThan(builtInLibrary().clauses.length);
    expect(single).to.deep.equal([]);
  });

  it("gives each language its sentence, French with its typography, and a single-language line as it is", () => {
    expect(changeText({ en: "Fixed: a; b.", fr: "Corrigé : a ; b « c »." }, "en")).to.equal("Fixed: a; b.");
    expect(changeText({ en: "Fixed: a; b.", fr: "Corrigé : a ; b « c »." }, "fr")).to.equal("Corrigé\u00a0: a\u00a0; b «\u00a0c\u00a0».");
    // An organisation's library written in one language: the line is shown as written, in every language.
    expect(changeText("First version; reviewed.", "fr")).to.equal("First version; reviewed.");
    expect(changeText("Première version.", "en")).to.equal("Première version.");
  });

  it("accepts a single-language line in a built-in clause and in an overlay, and refuses a bilingual line missing a language", async () => {
    // The built-in library copied, one of its lines written in one language: still a sound library.
    const dir = tempDir();
    cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
    cpSync(join(ROOT, "clauses"), join(dir, "clauses"), { recursive: true });
    const sbom = readFileSync(join(dir, "clauses", "sbom.yaml"), "utf8").replace(/^history:\n  - version: 1\.3\.0\n    date: 2026-12-01\n    change:\n      en: .*\n      fr: .*\n/m, "history:\n  - { version: 1.3.0, date: 2026-12-01, change: Equivalent formats accepted. }\n");
    expect(sbom).to.contain("change: Equivalent formats accepted.");
    writeFileSync(join(dir, "clauses", "sbom.yaml"), sbom);
    const { library, findings } = checkLibrary([dir]);
    expect(findings).to.deep.equal([]);
    expect(library?.clauses.find((c) => c.id === "sbom")?.history[0]?.change).to.equal("Equivalent formats accepted.");

    // In an overlay: a new clause with a single-language line passes the lint; with one language of a
    // bilingual line missing, or a third one, it is refused, naming the line.
    const overlay = tempDir();
    mkdirSync(join(overlay, "clauses"));
    const clause = (change: string): string => `id: org-note
title: { en: Note, fr: Note }
version: 1.0.0
status: approved
owner: OSPO
reviewer: Legal
reviewDate: 2026-12-01
reviewIntervalMonths: 12
history:
  - { version: 1.0.0, date: 2026-12-01, change: ${change} }
part: general
order: 900
sources: [test]
text: { en: "Text.", fr: "Texte." }
`;
    const lint = async (change: string) => {
      writeFileSync(join(overlay, "clauses", "org-note.yaml"), clause(change));
      const r = await runMain(["clauses", "lint", "--library", overlay, "--today", "2026-12-01", "--json"]);
      return { status: r.status, json: JSON.parse(r.stdout) as { errors: number; findings: { file: string; message: string }[] } };
    };
    expect((await lint("Première version.")).json.errors).to.equal(0);
    expect((await lint("{ en: First version., fr: Première version. }")).json.errors).to.equal(0);
    for (const change of ["{ en: First version. }", "{ en: First version., fr: Première version., de: Erste Version. }", "{ en: First version., fr: '' }", "''", "3"]) {
      const { status, json } = await lint(change);
      expect(status, change).to.equal(1);
      expect(json.findings.filter((f) => f.file.endsWith("org-note.yaml")).map((f) => f.message).join("\n"), change).to.match(/history\W+0\W+change/);
    }
  });
});
