import { expect } from "chai";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { Document, Packer, Paragraph, TextRun } from "docx";
import { buildAnnex, composeFromAnswers } from "../src/build.js";
import { annexDocument } from "../src/word/annex-document.js";
import { docxCompiler, packDocx } from "../src/word/package.js";
import { publishDocx } from "../src/output/publish-docx.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { AnnexValidityError, docxProblems } from "../src/word/validity.js";
import { ROOT, tempDir } from "./helpers/run.js";

let good: Uint8Array;

function mutate(part: string, change: (xml: string) => string, bytes: Uint8Array = good): Uint8Array {
  const files = unzipSync(bytes);
  const before = strFromU8(files[part]!);
  const after = change(before);
  expect(after, `the mutation of ${part} changed nothing`).to.not.equal(before);
  files[part] = strToU8(after);
  return zipSync(files);
}

function without(part: string): Uint8Array {
  const files = unzipSync(good);
  delete files[part];
  return zipSync(files);
}

describe("the validity gate", () => {
  before(async () => {
    const answers = validateAnswersText("x", readFileSync(join(ROOT, "examples", "grid-operator-fr.yaml"), "utf8")).answers!;
    good = (await buildAnnex(answers)).bytes;
  });

  it("passes every annex Clausier builds", () => {
    expect(docxProblems(good)).to.deep.equal([]);
  });

  const cases: [string, () => Uint8Array, RegExp][] = [
    ["a raw tab in a text run", () => mutate("word/document.xml", (x) => x.replace(/(<w:t[^>]*>)([^<]{3})/, "$1\t$2")), /raw tab/],
    ["a raw line break in a text run", () => mutate("word/document.xml", (x) => x.replace(/(<w:t[^>]*>)([^<]{3})/, "$1\n$2")), /raw line break/],
    ["U+FFFF in the text", () => mutate("word/document.xml", (x) => x.replace(/(<w:t[^>]*>)([^<]{3})/, "$1\uFFFF$2")), /not well-formed/],
    ["a control character in the text", () => mutate("word/document.xml", (x) => x.replace(/(<w:t[^>]*>)([^<]{3})/, "$1\u0001$2")), /not well-formed/],
    ["an unescaped ampersand", () => mutate("word/document.xml", (x) => x.replace(/(<w:t[^>]*>)([^<]{3})/, "$1AT&T $2")), /not well-formed/],
    ["a truncated part", () => mutate("word/document.xml", (x) => x.slice(0, x.length / 2)), /not well-formed/],
    ["a table without rows", () => mutate("word/document.xml", (x) => x.replace(/(<w:tbl>.*?<\/w:tblGrid>).*?(<\/w:tbl>)/s, "$1$2")), /table has no rows/],
    ["a row without cells", () => mutate("word/document.xml", (x) => x.replace(/(<w:tr>(?:<w:trPr>.*?<\/w:trPr>)?).*?(<\/w:tr>)/s, "$1$2")), /row has no cells/],
    ["a cell without a final paragraph", () => mutate("word/document.xml", (x) => x.replace(/(<w:tc>(?:<w:tcPr>.*?<\/w:tcPr>)?)<w:p>.*?<\/w:p>(<\/w:tc>)/s, "$1$2")), /cell does not end with a paragraph/],
    ["an undefined numbering", () => mutate("word/document.xml", (x) => x.replace(/<w:numId w:val="\d+"\/>/, '<w:numId w:val="999"/>')), /numbering 999 is used but not defined/],
    ["an undefined style", () => mutate("word/document.xml", (x) => x.replace(/<w:pStyle w:val="Heading1"\/>/, '<w:pStyle w:val="DoesNotExist"/>')), /style DoesNotExist is used but not defined/],
    ["a duplicate abstract numbering", () => mutate("word/numbering.xml", (x) => x.replace(/(<w:abstractNum [^>]*w:abstractNumId=")(\d+)(".*?<\/w:abstractNum>)/s, (m) => m + m)), /defined twice/],
    ["a numbering level above 8", () => mutate("word/numbering.xml", (x) => x.replace(/w:ilvl="1"/, 'w:ilvl="9"')), /level above 8/],
    ["a missing part still referenced", () => without("word/numbering.xml"), /relationship target numbering.xml is missing/],
    ["missing content types", () => without("[Content_Types].xml"), /\[Content_Types\]\.xml: missing/],
    ["a truncated zip", () => good.subarray(0, Math.floor(good.length * 0.66)), /not a valid zip package/],
    ["an empty file", () => new Uint8Array(0), /not a valid zip package|missing/],
  ];
  for (const [name, make, expected] of cases) {
    it(`catches ${name}`, () => {
      const problems = docxProblems(make());
      expect(problems.join("\n")).to.match(expected);
    });
  }

  it("checks the parts before zipping them: packDocx refuses a document the gate would refuse", async () => {
    const document = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun("a\ttab")] })] }] });
    let error: unknown;
    try {
      await packDocx(document, { title: "t" }, null);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(AnnexValidityError);
    expect((error as AnnexValidityError).problems.join("\n")).to.match(/raw tab/);
  });

  it("packs with docx's own compiler: the same parts, in the same order, as Packer.toBuffer", async () => {
    expect(docxCompiler(), "this version of docx keeps its compiler where Clausier looks for it").to.be.a("function");
    const answers = validateAnswersText("x", readFileSync(join(ROOT, "examples", "city-map-server-en.yaml"), "utf8")).answers!;
    const { annex } = composeFromAnswers(answers);
    const ours = unzipSync((await packDocx(annexDocument(annex), annex.properties, answers.tender.issueDate)).bytes);
    const theirs = unzipSync(await Packer.toBuffer(annexDocument(annex)));
    expect(Object.keys(ours)).to.deep.equal(Object.keys(theirs));
    for (const name of Object.keys(theirs)) {
      if (name === "docProps/core.xml") continue; // written by Clausier, without the clock
      expect(strFromU8(ours[name]!), name).to.equal(strFromU8(theirs[name]!));
    }
  });

  it("publishes nothing when the gate fails, and leaves no temporary file", () => {
    const dir = tempDir();
    const out = join(dir, "annex.docx");
    expect(() => publishDocx(out, mutate("word/document.xml", (x) => x.replace(/<w:numId w:val="\d+"\/>/, '<w:numId w:val="999"/>')))).to.throw(AnnexValidityError);
    expect(existsSync(out)).to.equal(false);
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
