import { expect } from "chai";
import { cpSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Language } from "../src/answers/model.js";
import { builtInLibrary, LibraryError, loadLibrary } from "../src/clauses/library.js";
import { composeAnnex, type AnnexClause } from "../src/rendering/annex.js";
import { blocksAsText } from "../src/rendering/spans.js";
import { selectClauses } from "../src/selection/select.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { ROOT, tempDir } from "./helpers/run.js";

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

  it("covers each of the eight requirement families with a requirement identifier", () => {
    const byId = new Map(builtInLibrary().clauses.map((c) => [c.id, c.requirement]));
    for (const id of ["components", "open-source-scope", "open-source-award", "licence-definition", "licence-classes", "governance", "compliance-programme", "security-assurance", "sbom", "upstream-contribution", "buyer-publication"]) {
      expect(byId.get(id), id).to.match(/^OSS-\d\d$/);
    }
    for (const id of ["purpose", "definitions", "precedence", "evidence-tender", "evidence-acceptance"]) expect(byId.has(id), id).to.equal(true);
  });

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
