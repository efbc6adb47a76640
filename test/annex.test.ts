import { expect } from "chai";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildAnnex } from "../src/build.js";
import type { Answers } from "../src/answers/model.js";
import { validateAnswersText } from "../src/validation/validate.js";
import type { Element } from "@xmldom/xmldom";
import { clauseLibrary } from "../src/clauses/library.js";
import { parseXml, readDocx, type DocxContent } from "./helpers/docx.js";
import { BASE_ANSWERS, ROOT, tempDir, xmlSchemaProblems } from "./helpers/run.js";

const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml"));

function answersOf(text: string): Answers {
  const v = validateAnswersText("answers.yaml", text);
  if (!v.answers) throw new Error(v.diagnostics.map((d) => d.message).join("\n"));
  return v.answers;
}
const example = (name: string): Answers => answersOf(readFileSync(join(ROOT, "examples", name), "utf8"));


/** Numbered headings as Word shows them: "2.3 text". */
function numberedHeadings(content: DocxContent): string[] {
  const counters = [0, 0];
  const out: string[] = [];
  for (const p of content.paragraphs) {
    if (p.numId === undefined) continue; // the unnumbered traceability section
    if (p.style === "Heading1") {
      counters[0] = (counters[0] ?? 0) + 1;
      counters[1] = 0;
      out.push(`${counters[0]}. ${p.text}`);
    } else if (p.style === "Heading2") {
      counters[1] = (counters[1] ?? 0) + 1;
      out.push(`${counters[0]}.${counters[1]}. ${p.text}`);
    }
  }
  return out;
}

describe("the Word annex", () => {
  describe("every example", () => {
    for (const name of EXAMPLES) {
      it(`${name}: builds, every part is well-formed, document.xml is valid against the WordprocessingML schema`, async () => {
        const built = await buildAnnex(example(name));
        const content = readDocx(built.bytes);
        expect(content.paragraphs.length).to.be.greaterThan(10);
        for (const part of ["word/document.xml", "word/header1.xml", "word/footer1.xml"]) {
          expect(xmlSchemaProblems(content.parts[part] ?? "", part), part).to.equal(undefined);
        }
        // Every table has rows, every row cells, every cell ends with a paragraph.
        const xml = content.parts["word/document.xml"] ?? "";
        expect(xml).to.not.match(/<w:tbl>(?:(?!<w:tr[ >]).)*<\/w:tbl>/s);
        expect(xml).to.not.match(/<w:tc>(?:(?!<\/w:tc>).)*<\/w:tbl><\/w:tc>/s);
        for (const table of content.tables) for (const row of table) expect(row.length).to.be.greaterThan(0);
        // No raw line breaks or tabs in text runs.
        expect(xml).to.not.match(/<w:t[^>]*>[^<]*[\n\t][^<]*<\/w:t>/);
      });
    }
  });

  describe("the flagship example (grid operator, French, all eight families)", () => {
    let content: DocxContent;
    before(async () => {
      content = readDocx((await buildAnnex(example("grid-operator-fr.yaml"))).bytes);
    });

    it("has the title block with buyer, title, reference, lot and the date written in French", () => {
      const block = content.tables[0];
      expect(block).to.deep.equal([
        ["Acheteur", "Gestionnaire du réseau de transport d’électricité"],
        ["Consultation", "Plateforme de données réseau"],
        ["Référence", "GRID-2026-OSS-042"],
        ["Lot", "Lot 2 – Plateforme de calcul"],
        ["Date", "1er décembre 2026"],
      ]);
    });

    it("numbers parts and clauses with Word's heading styles and one numbering definition", () => {
      const headings = numberedHeadings(content);
      expect(headings.slice(0, 5)).to.deep.equal([
        "1. Dispositions générales",
        "1.1. Objet et champ d’application",
        "1.2. Définitions",
        "1.3. Rang parmi les pièces du marché",
        "1.4. Dérogations au CCAG-TIC",
      ]);
      expect(headings).to.include("2. Exigences relatives aux logiciels libres et open source");
      expect(headings).to.include("2.1. OSS-01 – Composants libres et open source exigés");
      expect(headings).to.include("2.11. OSS-12 – Publication des développements spécifiques par l’Acheteur");
      expect(headings).to.include("3. Exécution du marché, garanties et sanctions");
      expect(headings).to.include("3.5. OSS-18 – Garantie de conformité aux licences, garantie d’éviction et mise en conformité");
      expect(headings).to.include("4.2. Justificatifs à l’admission");
      const headingParagraphs = content.paragraphs.filter((p) => (p.style === "Heading1" || p.style === "Heading2") && p.text !== "Traçabilité (pour information)");
      expect(new Set(headingParagraphs.map((p) => p.numId)).size).to.equal(1);
      expect(headingParagraphs.filter((p) => p.style === "Heading1").every((p) => p.level === 0)).to.equal(true);
      expect(headingParagraphs.filter((p) => p.style === "Heading2").every((p) => p.level === 1)).to.equal(true);
      const numbering = content.parts["word/numbering.xml"] ?? "";
      expect(numbering).to.contain('w:val="%1.%2."');
    });

    it("states every requirement identifier of every family", () => {
      for (const id of ["OSS-01", "OSS-02", "OSS-04", "OSS-05", "OSS-06", "OSS-07", "OSS-08", "OSS-09", "OSS-10", "OSS-11", "OSS-12", "OSS-13", "OSS-14", "OSS-15", "OSS-16", "OSS-17", "OSS-18"]) {
        expect(content.text, id).to.contain(id);
      }
      expect(content.text).to.not.contain("OSS-03"); // open source is mandatory here, not an award criterion
    });

    it("prints the components table with every answer, literally", () => {
      const table = content.tables.find((t) => t[0]?.[0] === "Réf.");
      expect(table?.[0]).to.deep.equal(["Réf.", "Composant", "Besoin fonctionnel", "Licence", "Version", "Dépôt", "Gouvernance"]);
      expect(table?.[1]).to.deep.equal([
        "OSS-01.1",
        "PowSyBl Core",
        "Modèle de réseau et interface commune des calculs de répartition des flux de puissance",
        "MPL-2.0",
        ">=6.0",
        "https://github.com/powsybl/powsybl-core",
        "LF Energy",
      ]);
      expect(table?.[2]?.[4]).to.equal("—");
    });

    it("has a bidder response table with one row per requirement and per component, and empty answer columns", () => {
      const table = content.tables.find((t) => t[0]?.[0] === "Exig." && t[0]?.length === 5);
      expect(table).to.not.equal(undefined);
      const ids = table!.slice(1).map((r) => r[0]);
      expect(ids).to.deep.equal(["OSS-01.1", "OSS-01.2", "OSS-02", "OSS-04", "OSS-05", "OSS-06", "OSS-07", "OSS-08", "OSS-09", "OSS-10", "OSS-11", "OSS-12", "OSS-13", "OSS-14", "OSS-15", "OSS-16", "OSS-17", "OSS-18"]);
      for (const row of table!.slice(1)) {
        expect(row[2]).to.not.equal("");
        expect(row[3]).to.not.equal("");
        expect(row[4]).to.equal("");
      }
      const nature = Object.fromEntries(table!.slice(1).map((r) => [r[0], r[2]]));
      // A capacity of the bidder is a condition of performance, not a condition of the tender (B3).
      expect(nature["OSS-07"]).to.equal("Condition d’exécution (engagement)");
      expect(nature["OSS-02"]).to.equal("Exigence impérative");
      expect(nature["OSS-11"]).to.equal("Information");
      expect(table![7]?.[3]).to.contain("tiers indépendant"); // third-party assessment chosen for OSS-07
    });

    it("counts the age of a proof attached to a tender from the deadline for tenders, not the issue date", () => {
      expect(content.text).to.match(/date limite de remise des offres \(15\sjanvier 2027, ou la date reportée si elle est reportée\)\s: elle est en cours de validité si elle a moins de 18\smois à cette date, c’est-à-dire, pour la date limite du 15\sjanvier 2027, si elle est datée d’un jour postérieur au 15\sjuillet 2025/);
      expect(content.text).to.not.contain("1er juin 2025");
    });

    it("derogates from CCAG-TIC art. 30.7 expressly, and lists its derogations for the CCAP", () => {
      expect(content.text).to.contain("Par dérogation à l’article 30.7 du CCAG-TIC, le titulaire garantit");
      expect(content.text).to.contain("En application de l’article 1.2 du CCAG-TIC, la présente annexe déroge aux stipulations suivantes");
      expect(content.text).to.not.match(/option [AB]\b/);
    });

    it("names every ISO/IEC 5230 and 18974 verification material, with what is handed over and when", () => {
      const iso5230 = content.tables.find((t) => t[1]?.[0] === "3.1.1.1");
      const iso18974 = content.tables.find((t) => t[1]?.[0] === "4.1.1.1");
      expect(iso5230?.slice(1).map((r) => r[0])).to.have.length(25).and.to.include("3.2.2.5").and.to.include("3.5.1.3");
      expect(iso18974?.slice(1).map((r) => r[0])).to.have.length(25).and.to.include("4.1.4.1").and.to.include("4.2.2.4");
      for (const row of [...iso5230!.slice(1), ...iso18974!.slice(1)]) expect(row[3]).to.match(/^(Avec|Sur demande)/);
    });

    it("prints the penalties with their amounts and cap, in French", () => {
      expect(content.text).to.contain("plafonné à 10\u00a0% du montant hors taxes du marché");
      expect(content.text).to.contain("1\u202f500\u00a0euros par composant");
    });

    it("applies French typography to the clause text, never to the answers", () => {
      expect(content.text).to.contain("référence GRID-2026-OSS-042");
      expect(content.text).to.contain("l’« Acheteur »".replace(/« /, "«\u00a0").replace(/ »/, "\u00a0»"));
      expect(content.text).to.contain("Dans la présente annexe\u00a0:");
    });

    it("has a header with the reference, a footer with page X of Y, and document properties", () => {
      const header = Object.entries(content.parts).find(([n]) => n.startsWith("word/header"))?.[1] ?? "";
      expect(header).to.contain("GRID-2026-OSS-042 — Annexe logiciels libres et open source");
      const footer = Object.entries(content.parts).find(([n]) => n.startsWith("word/footer"))?.[1] ?? "";
      expect(footer).to.contain("PAGE").and.to.contain("NUMPAGES").and.to.contain(">Page <").and.to.contain("> sur <");
      const core = content.parts["docProps/core.xml"] ?? "";
      expect(core).to.contain("<dc:title>Annexe relative aux logiciels libres et open source — Plateforme de données réseau</dc:title>");
      expect(core).to.contain("<dc:creator>Gestionnaire du réseau de transport d’électricité</dc:creator>");
      expect(core).to.contain("2026-12-01T00:00:00Z");
    });

    it("sets explicit table widths that fill the text width", () => {
      const xml = content.parts["word/document.xml"] ?? "";
      const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...(m[1] ?? "").matchAll(/w:w="(\d+)"/g)].reduce((a, g) => a + Number(g[1]), 0));
      expect(grids.length).to.equal(content.tables.length);
      for (const total of grids) expect(total).to.equal(9072);
      expect(xml).to.contain('w:type="fixed"');
    });
  });

  describe("traceability and drafts", () => {
    it("ends with the clauses, their versions and statuses, and the SHA-256 of the answers", async () => {
      const source = readFileSync(join(ROOT, "examples", "minimal.yaml"));
      const built = await buildAnnex(example("minimal.yaml"), { answersSource: source });
      const content = readDocx(built.bytes);
      const last = content.tables[content.tables.length - 1]!;
      expect(last[0]).to.deep.equal(["Clause", "Version", "Status", "Source"]);
      expect(last.map((r) => r[0]?.replace(/^.* \((.+)\)$/, "$1"))).to.include.members(["purpose", "definitions", "open-source-scope", "evidence-acceptance"]);
      expect(last[1]).to.deep.equal(["Purpose and scope (purpose)", "2.0.0", "approved", "Clausier library"]);
      const digest = createHash("sha256").update(source).digest("hex");
      expect(content.text).to.contain(`answers whose SHA-256 digest is ${digest}.`);
      const headings = content.paragraphs.filter((p) => p.style === "Heading1");
      expect(headings[headings.length - 1]?.text).to.equal("Traceability (for information)");
      expect(content.text).to.contain("This section is for information only and is not a term of the contract.");
    });
  });

  describe("other answers", () => {
    it("writes dates in English and the award criterion with its weight and scoring", async () => {
      const content = readDocx((await buildAnnex(example("city-map-server-en.yaml"))).bytes);
      expect(content.tables[0]).to.deep.include(["Date", "15 March 2027"]);
      expect(content.text).to.contain("award criterion weighted at 15% of the total score");
      expect(content.text).to.contain("10 × the number of needs met with open source software ÷ the number of needs scored");
      expect(content.text).to.not.contain("OSS-02");
      // Under the EU framework, no French text is cited.
      expect(content.text).to.not.match(/CCAG|Code de la commande publique|code de la propriété/i);
      expect(content.text).to.contain("The contractor assigns to the Buyer, on an exclusive basis");
      // Open source is only an award criterion and no component is named: the licence requirements are
      // conditions of the score, not grounds to reject a tender.
      const response = content.tables.find((t) => t[0]?.[0] === "Req." && t[0]?.length === 5);
      const nature = Object.fromEntries(response!.slice(1).map((r) => [r[0], r[2]]));
      expect(nature).to.include({ "OSS-03": "Award criterion", "OSS-04": "Information", "OSS-05": "Information", "OSS-15": "Condition of performance (undertaking)" });
      expect(content.text).to.contain("software under another licence does not make a tender irregular, but does not count");
      expect(content.text).to.contain("Regulation (EU) 2024/2847");
    });

    it("says plainly when the annex requires nothing, and has no empty tables", async () => {
      const answers = answersOf("schemaVersion: 1\ntender: {title: T, reference: R-1, buyer: B, language: en}\nlicensePolicy: {definition: [osi], allowedClasses: [permissive]}\n");
      const content = readDocx((await buildAnnex(answers)).bytes);
      expect(content.text).to.contain("This tender sets no requirement on open source software.");
      expect(content.text).to.not.match(/OSS-\d\d/);
      expect(content.tables).to.have.length(2); // the title block and the traceability table
    });

    it("prints hostile but valid text literally: markup, template syntax and entities", async () => {
      const hostile = `AT&T <w:p> ]]> {{tender.title}} &amp; "quotes" 'single'`;
      const answers = answersOf(BASE_ANSWERS.replace("title: Test tender", `title: ${JSON.stringify(hostile)}`).replace("purpose: Does something", `purpose: ${JSON.stringify(hostile)}`));
      const content = readDocx((await buildAnnex(answers)).bytes);
      expect(content.tables[0]?.[1]?.[1]).to.equal(hostile);
      expect(content.text).to.contain(`“${hostile}”`);
      const table = content.tables.find((t) => t[0]?.[0] === "Ref.");
      expect(table?.[1]?.[2]).to.equal(hostile);
    });

    it("an answer starting with list or emphasis marks stays text", async () => {
      const answers = answersOf(BASE_ANSWERS.replace("    - A need\n", '    - "- not a bullet"\n    - "1. not a number"\n'));
      const content = readDocx((await buildAnnex(answers)).bytes);
      const items = content.paragraphs.filter((p) => p.text === "- not a bullet" || p.text === "1. not a number");
      expect(items).to.have.length(2);
      for (const p of items) expect(p.numId).to.not.equal(undefined); // each is one item of the needs list, text intact
    });

    it("restarts each lettered list at a): each list has its own numbering instance that starts at 1", async () => {
      const library = clauseLibrary(join(ROOT, "test", "fixtures", "libraries", "two-lettered-lists"));
      const content = readDocx((await buildAnnex(answersOf(BASE_ANSWERS), { library })).bytes);
      const numbering = parseXml(content.parts["word/numbering.xml"] ?? "", "numbering.xml");
      const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
      const attr = (el: Element | undefined, name: string) => el?.getAttributeNS(W, name) ?? undefined;
      const formatOf = new Map<string, string | undefined>();
      for (const a of Array.from(numbering.getElementsByTagNameNS(W, "abstractNum"))) {
        const lvl0 = Array.from(a.getElementsByTagNameNS(W, "lvl")).find((l) => attr(l, "ilvl") === "0");
        formatOf.set(attr(a, "abstractNumId") ?? "", attr(lvl0?.getElementsByTagNameNS(W, "numFmt")[0], "val"));
      }
      const nums = new Map(Array.from(numbering.getElementsByTagNameNS(W, "num")).map((n) => [attr(n, "numId") ?? "", n]));
      const lettered = (numId: string | undefined) => numId !== undefined && formatOf.get(attr(nums.get(numId)?.getElementsByTagNameNS(W, "abstractNumId")[0], "val") ?? "") === "lowerLetter";
      // The lettered lists of the test clause, in order, as runs of consecutive paragraphs.
      const lists: { numId: string; items: string[] }[] = [];
      let previous: string | undefined;
      for (const p of content.paragraphs) {
        if (lettered(p.numId)) {
          if (previous !== p.numId) lists.push({ numId: p.numId!, items: [] });
          lists[lists.length - 1]!.items.push(p.text);
        }
        previous = lettered(p.numId) ? p.numId : undefined;
      }
      expect(lists.map((l) => l.items)).to.deep.include.members([["one", "two", "three"], ["four", "five"]]);
      expect(new Set(lists.map((l) => l.numId)).size, "each lettered list has its own numbering instance").to.equal(lists.length);
      for (const list of lists) {
        const override = Array.from(nums.get(list.numId)!.getElementsByTagNameNS(W, "lvlOverride")).find((o) => attr(o, "ilvl") === "0");
        expect(attr(override?.getElementsByTagNameNS(W, "startOverride")[0], "val"), `list ${list.items[0]} restarts at 1`).to.equal("1");
      }
    });
  });

  describe("determinism", () => {
    it("gives the same bytes for the same answers, twice in one process", async () => {
      const a = await buildAnnex(example("grid-operator-fr.yaml"));
      const b = await buildAnnex(example("grid-operator-fr.yaml"));
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).to.equal(true);
    });

    it("gives the same bytes in separate processes, time zones and clocks", () => {
      const dir = tempDir();
      const outputs = ["UTC", "Asia/Tokyo", "America/Los_Angeles"].map((tz, i) => {
        const out = join(dir, `annex-${i}.docx`);
        execFileSync(process.execPath, [join(ROOT, "bin", "clausier.js"), "build", join(ROOT, "examples", "minimal.yaml"), "-o", out], {
          env: { ...process.env, TZ: tz },
        });
        return readFileSync(out);
      });
      expect(outputs[0]?.equals(outputs[1]!)).to.equal(true);
      expect(outputs[0]?.equals(outputs[2]!)).to.equal(true);
    });

    it("has no creation date without an issue date, and reads no clock: a faked clock gives the same bytes", () => {
      const dir = tempDir();
      const build = (out: string, preload: string[]) =>
        execFileSync(process.execPath, [...preload, join(ROOT, "bin", "clausier.js"), "build", join(ROOT, "examples", "minimal.yaml"), "-o", out]);
      build(join(dir, "real.docx"), []);
      build(join(dir, "fake.docx"), ["--import", join(ROOT, "test", "helpers", "fake-clock.mjs")]);
      const real = readFileSync(join(dir, "real.docx"));
      expect(real.equals(readFileSync(join(dir, "fake.docx"))), "the annex does not depend on the clock").to.equal(true);
      const content = readDocx(real);
      expect(content.parts["docProps/core.xml"]).to.not.contain("dcterms:created");
      for (const [name, xml] of Object.entries(content.parts)) expect(xml, name).to.not.match(/2031|20310719/);
    });
  });
});
