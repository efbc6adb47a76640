/**
 * Every word a user reads is in every language: each message key exists in each language with the same
 * placeholders, each answer of the schema has a name in each language, and the message files hold nothing
 * the code cannot read.
 */
import { expect } from "chai";
import { TYPE, parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { messageCatalogue, LANGUAGES, messages } from "../src/i18n/messages.js";
import { answersSchema, fieldSchema, schemaKeys } from "../src/validation/schema.js";
import { choiceLabel } from "../src/interview/words.js";
import { families } from "../src/families/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDocx } from "./helpers/docx.js";
import { englishIn } from "./helpers/english.js";
import { allQuestions, keyPath } from "./helpers/questions.js";
import { clauseLibrary } from "../src/clauses/library.js";
import { ROOT, runMain, tempDir } from "./helpers/run.js";

/** The placeholders of a message, with their kind (argument, number, plural, select…). */
function placeholders(text: string): string[] {
  const out = new Set<string>();
  const walk = (elements: MessageFormatElement[]): void => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) out.add(`${e.value}`);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        out.add(`${e.value}:${e.type === TYPE.plural ? "plural" : "select"}`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
      if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  return [...out].sort();
}

describe("messages in every language", () => {
  const catalogue = messageCatalogue();

  it("has a folder of messages for each language Clausier offers, and no other", () => {
    expect(Object.keys(catalogue).sort()).to.deep.equal([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES.filter((l) => l !== "en")) {
    it(`${language}: has every English key, and no key English lacks`, () => {
      const en = Object.keys(catalogue["en"] ?? {}).filter((k) => !k.startsWith("fields."));
      const here = Object.keys(catalogue[language] ?? {}).filter((k) => !k.startsWith("fields."));
      expect(en.filter((k) => !here.includes(k)), "missing").to.deep.equal([]);
      expect(here.filter((k) => !en.includes(k)), "unknown").to.deep.equal([]);
    });

    it(`${language}: each message has the same placeholders as in English`, () => {
      const different: string[] = [];
      for (const [key, text] of Object.entries(catalogue["en"] ?? {})) {
        const other = catalogue[language]?.[key];
        if (other === undefined) continue;
        const a = placeholders(text).join(", ");
        const b = placeholders(other).join(", ");
        if (a !== b) different.push(`${key}: en {${a}} ≠ ${language} {${b}}`);
      }
      expect(different).to.deep.equal([]);
    });

    it(`${language}: names every answer of the schema, and nothing else`, () => {
      const keys = schemaKeys();
      const fields = catalogue[language] ?? {};
      const missing = keys.filter((k) => fieldSchema(keyPath(k))?.title !== undefined && fields[`fields.${k}.title`] === undefined);
      const undescribed = keys.filter((k) => fieldSchema(keyPath(k))?.description !== undefined && fields[`fields.${k}.description`] === undefined);
      const unknown = Object.keys(fields)
        .filter((k) => k.startsWith("fields."))
        .map((k) => k.replace(/^fields\./, "").replace(/\.(title|description)$/, ""))
        .filter((k) => !keys.includes(k));
      expect({ missing, undescribed, unknown }).to.deep.equal({ missing: [], undescribed: [], unknown: [] });
    });

    it(`${language}: has words for every choice the interview offers and every family`, () => {
      const t = messages(language);
      const missing: string[] = [];
      for (const { question, path } of allQuestions()) {
        if (question.kind !== "choice" && question.kind !== "choices") continue;
        const values = typeof question.choices === "function" ? [] : question.choices;
        for (const v of values) if (choiceLabel(path, v, t) === v) missing.push(`${path.join(".")}: ${v}`);
      }
      for (const f of families()) if (!t.has(`families.${f.id}.name`)) missing.push(`families.${f.id}.name`);
      expect(missing).to.deep.equal([]);
    });
  }

  it("every message parses as ICU MessageFormat, in every language", () => {
    const broken: string[] = [];
    for (const [language, all] of Object.entries(catalogue)) {
      for (const [key, text] of Object.entries(all)) {
        try {
          parse(text, { ignoreTag: true });
        } catch (e) {
          broken.push(`${language} ${key}: ${(e as Error).message}`);
        }
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it("the English names of the answers are the schema's titles, which every answer has", () => {
    const untitled = schemaKeys().filter((k) => fieldSchema(keyPath(k))?.title === undefined);
    expect(untitled).to.deep.equal([]);
    expect(answersSchema().schema).to.have.property("title");
  });
});

describe("French reports say nothing in English", function () {
  this.timeout(60_000);
  const flagship = join(ROOT, "examples", "grid-operator-fr.yaml");
  // Licence names, SBOM contents and file paths are quoted as they are; so are the answers.
  const quoted = (text: string, extra: readonly string[] = []): string[] => englishIn(text, [" — ", "LicenseRef", "https://", ...extra]);

  it("check-sbom: the text report and the Word report, on real SBOMs", async () => {
    const dir = tempDir();
    for (const name of ["spdx-3.0-spdxexamples-go-bin-customlicense.json", "cdx-1.5-trivy-maven-licence-names.json", "cdx-1.6-cdxspec-invalid-declared-concluded-mix.json"]) {
      const sbom = join(ROOT, "test", "fixtures", "sbom", "real", name);
      const report = join(dir, `${name}.docx`);
      const r = await runMain(["check-sbom", sbom, "--against", flagship, "-o", report]);
      expect(r.status, r.stderr).to.be.oneOf([0, 1]);
      // The lines of a package quote its name and licence as the SBOM wrote them.
      const own = r.stdout.split("\n").filter((l) => /^(CONFORME|AVERTISSEMENT|ERREUR) /.test(l) && !/OSS-\d+(\.\d+)?  /.test(l));
      expect(quoted(r.stdout + r.stderr, own)).to.deep.equal([]);
      const words = readDocx(readFileSync(report));
      const cells = words.tables.flatMap((rows) => rows.slice(1).map((cells) => cells.slice(0, 2).join(" ")));
      expect(quoted(words.paragraphs.map((p) => p.text).join("\n"))).to.deep.equal([]);
      expect(quoted(words.tables.map((rows) => rows[0]!.join(" ")).join("\n"))).to.deep.equal([]);
      expect(cells.length).to.be.greaterThan(0);
    }
  });

  it("the catalogue for lawyers", async () => {
    const out = join(tempDir(), "catalogue.docx");
    const r = await runMain(["catalogue", "--lang", "fr", "-o", out]);
    expect(r.status, r.stderr).to.equal(0);
    const words = readDocx(readFileSync(out));
    // Sources are metadata, kept in the language of what they cite (a directive's English title, a
    // standard's); their paragraphs are left out, everything else is read, the history of each clause too.
    const library = clauseLibrary();
    const metadata = library.clauses.flatMap((c) => c.sources);
    const read = words.paragraphs.map((p) => p.text).filter((text) => !metadata.some((m) => text.includes(m)));
    // Answers are also named by their path and value in the answers file, for the reviewer to find them
    // there, "(openSource.scope)", "(all)"; and each clause by its file, "clauses/evidence-tender.yaml".
    const text = read.join("\n").replace(/\([\w.[\]-]+\)/g, "").replace(/\bclauses\/[\w.-]+|\b[a-z]+(-[a-z]+)+\b/g, "");
    expect(quoted(text)).to.deep.equal([]);
  });
});
