/**
 * Hostile clause libraries (issue 12): an organisation's overlay is a folder anyone may have put anything in.
 * Files that Clausier cannot use are refused by name, before they are read and without quoting them; every
 * template construct that could fail a build is refused by `clauses lint` (and by loading the library) with
 * its file and line; and a library that passed lint never makes a build fail (the property at the end).
 */
import { expect } from "chai";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateAnswersText } from "../src/validation/validate.js";
import { builtInLibrary, checkLibrary, libraryRoots, LibraryError, loadLibrary, type Clause, type ClauseLibrary } from "../src/clauses/library.js";
import { MAX_BLOCK_DEPTH } from "../src/clauses/template-check.js";
import { ClauseRenderError } from "../src/errors.js";
import { MAX_YAML_DEPTH } from "../src/input/yaml.js";
import { buildAnnex, composeFromAnswers } from "../src/build.js";
import { renderClauseText } from "../src/rendering/clause-text.js";
import { toBlocks } from "../src/rendering/spans.js";
import { docxProblems } from "../src/word/validity.js";
import { catalogueDocument } from "../src/word/catalogue-document.js";
import { packDocx } from "../src/word/package.js";
import { messages } from "../src/i18n/messages.js";
import { BASE_ANSWERS, ROOT, requireTool, runMain, tempDir } from "./helpers/run.js";

const FLAGSHIP = join(ROOT, "examples", "grid-operator-fr.yaml");
const SECRET = "hunter2-TOP-SECRET-7f3a";
const STACK = /\n\s+at |TypeError|RangeError|ReferenceError/;

/** A clause file's content (JSON is YAML), a requirement unless `requirement` is null. */
function clauseData(text: { en: string; fr?: string }, options: { requirement?: string | null; when?: object; id?: string } = {}): Record<string, unknown> {
  const requirement = options.requirement === undefined ? "ORG-01" : options.requirement;
  return {
    id: options.id ?? "org-clause",
    ...(requirement !== null ? { requirement } : {}),
    title: { en: "Organisation clause", fr: "Clause de l’organisation" },
    version: "1.0.0",
    status: "approved",
    owner: "OSPO",
    reviewer: "Legal",
    reviewDate: "2026-10-15",
    reviewIntervalMonths: 24,
    history: [{ version: "1.0.0", date: "2026-10-15", change: "First version." }],
    part: "requirements",
    order: 115,
    ...(options.when ? { when: options.when } : {}),
    sources: ["The organisation's policy"],
    ...(requirement !== null ? { evidence: { tender: { en: "A statement.", fr: "Une déclaration." }, acceptance: { en: "A statement.", fr: "Une déclaration." } } } : {}),
    text: { en: text.en, fr: text.fr ?? text.en },
  };
}

/** An overlay folder with one clause (or none), returned with its path. */
function overlayWith(clause?: Record<string, unknown>): string {
  const dir = tempDir("overlay-");
  mkdirSync(join(dir, "clauses"));
  if (clause) writeFileSync(join(dir, "clauses", `${String(clause["id"])}.yaml`), JSON.stringify(clause, null, 2));
  return dir;
}

const lint = (dir: string) => runMain(["clauses", "lint", "--library", dir, "--today", "2026-12-01"]);
const build = (dir: string, answers = FLAGSHIP) => runMain(["build", answers, "-o", join(tempDir(), "annex.docx"), "--library", dir]);

/**
 * Lint refuses it (exit 1) and build refuses the overlay (exit 2), both with `file: message` (lint says
 * `file: error: message`), without a stack trace.
 */
async function refused(dir: string, file: string, message: string): Promise<void> {
  const l = await lint(dir);
  expect(l.status, l.stderr).to.equal(1);
  expect(l.stderr).to.contain(`${file}: error: ${message}`);
  const b = await build(dir);
  expect(b.status, b.stderr).to.equal(2);
  expect(b.stderr).to.contain(`${file}: ${message}`);
  expect(b.stderr + l.stderr).to.not.match(STACK);
}

describe("hostile clause libraries", () => {
  describe("files Clausier does not use are refused by name, before they are read, never quoted", () => {
    it("a clause file that is a link to a secrets file outside the library", async () => {
      const secret = join(tempDir(), "secrets.yaml");
      writeFileSync(secret, `password: ${SECRET}\nid: ${SECRET}\n`);
      const dir = overlayWith();
      symlinkSync(secret, join(dir, "clauses", "org-clause.yaml"));
      await refused(dir, "clauses/org-clause.yaml", "leads, through a symbolic link, to a file outside the library folder");
      const both = `${(await lint(dir)).stderr}${(await build(dir)).stderr}`;
      expect(both).to.not.contain(SECRET).and.not.contain("password");
      // In the person's language, before any answers are read.
      const fr = await runMain(["build", FLAGSHIP, "-o", join(tempDir(), "annexe.docx"), "--library", dir], { env: { LANG: "fr_FR.UTF-8" } });
      expect(fr.status).to.equal(2);
      expect(fr.stderr).to.contain("clauses/org-clause.yaml: mène, par un lien symbolique, à un fichier situé hors du dossier de la bibliothèque");
    });

    it("a template file that is a link to a file outside, and a clauses folder that is one", async () => {
      const outside = tempDir("outside-");
      writeFileSync(join(outside, "en.yaml"), `language: ${SECRET}\n`);
      writeFileSync(join(outside, "org-clause.yaml"), `id: ${SECRET}\n`);
      const dir = tempDir("overlay-");
      mkdirSync(join(dir, "templates"));
      symlinkSync(join(outside, "en.yaml"), join(dir, "templates", "en.yaml"));
      symlinkSync(outside, join(dir, "clauses"));
      const r = await build(dir);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("templates/en.yaml: leads, through a symbolic link").and.to.contain("clauses/org-clause.yaml: leads, through a symbolic link");
      expect(r.stderr).to.not.contain(SECRET);
    });

    it("reads a link that stays inside the library", async () => {
      const dir = overlayWith(clauseData({ en: "Text." }));
      mkdirSync(join(dir, "shared"));
      cpSync(join(ROOT, "templates", "en.yaml"), join(dir, "shared", "en.yaml"));
      mkdirSync(join(dir, "templates"));
      symlinkSync(join(dir, "shared", "en.yaml"), join(dir, "templates", "en.yaml"));
      const r = await lint(dir);
      expect(r.status, r.stderr).to.equal(0);
    });

    it("a named pipe, a folder and a link to nothing in clauses/, without waiting on the pipe", async () => {
      requireTool("mkfifo", "coreutils");
      const dir = overlayWith();
      expect(spawnSync("mkfifo", [join(dir, "clauses", "pipe.yaml")]).status).to.equal(0);
      mkdirSync(join(dir, "clauses", "folder.yaml"));
      symlinkSync(join(dir, "nowhere.yaml"), join(dir, "clauses", "dangling.yaml"));
      mkdirSync(join(dir, "templates"));
      expect(spawnSync("mkfifo", [join(dir, "templates", "annex.yaml")]).status).to.equal(0);
      const r = await lint(dir);
      expect(r.status).to.equal(1);
      expect(r.stderr).to.contain("clauses/pipe.yaml: error: is not a regular file (a folder, a named pipe or a device)");
      expect(r.stderr).to.contain("clauses/folder.yaml: error: is not a regular file");
      expect(r.stderr).to.contain("clauses/dangling.yaml: error: is a symbolic link to nothing");
      expect(r.stderr).to.contain("templates/annex.yaml: error: is not a regular file");
      expect((await build(dir)).status).to.equal(2);
    });

    it("a file far larger than any clause, and one that is not UTF-8 text", async () => {
      const dir = overlayWith();
      writeFileSync(join(dir, "clauses", "huge.yaml"), `text: ${"x".repeat(300_000)}\n`);
      writeFileSync(join(dir, "clauses", "binary.yaml"), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x80]));
      const r = await lint(dir);
      expect(r.stderr).to.contain("huge.yaml: error: is larger than 262144 bytes");
      expect(r.stderr).to.contain("binary.yaml: error: is not UTF-8 text (the byte at offset 4 cannot be read)");
    });

    it("YAML mistakes by line and column, without quoting the file", async () => {
      const dir = overlayWith();
      const files: Record<string, string> = {
        "unclosed.yaml": `id: x\ntitle: "never closed ${SECRET}\n`,
        "alias.yaml": `id: &${SECRET} x\nowner: *${SECRET}\n`,
        "tag.yaml": `id: !${SECRET} x\n`,
        "twice.yaml": `id: x\nid: ${SECRET}\n`,
        "deep.yaml": `id: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "clauses", name), text);
      const r = await lint(dir);
      expect(r.status).to.equal(1);
      expect(r.stderr).to.match(/unclosed\.yaml: error: is not valid YAML at line \d+, column \d+: /);
      expect(r.stderr).to.contain("alias.yaml: error: refers to another part of itself (line 2, column 8)");
      expect(r.stderr).to.match(/tag\.yaml: error: marks a value with a tag \(line 1, column \d+\)/);
      expect(r.stderr).to.not.match(/tag\.yaml: error: is not valid YAML/);
      expect(r.stderr).to.contain("twice.yaml: error: gives the same key twice in one section (line 2, column 1)");
      expect(r.stderr).to.contain(`deep.yaml: error: nests sections or lists more than ${MAX_YAML_DEPTH} levels deep (line 1)`);
      expect(r.stderr).to.not.contain(SECRET);
      expect(r.stderr).to.not.match(STACK);
    });

    it("names a file whose name holds control characters without printing them", async () => {
      const dir = overlayWith();
      writeFileSync(join(dir, "clauses", "evil\u001b[2J\u0007.yaml"), "id: x\n");
      const r = await lint(dir);
      expect(r.stderr).to.contain("clauses/evil<U+001B>[2J<U+0007>.yaml: error: the file name contains a character that cannot be printed (U+001B)");
      expect(r.stderr + r.stdout).to.not.match(/[\u0000-\u0008\u000b-\u001f]/);
    });

    it("a template file or a clause that is not a section is the overlay's fault (exit 2), named by file", async () => {
      for (const [file, text] of [
        ["templates/annex.yaml", "- a list\n"],
        ["templates/en.yaml", "just a text\n"],
        ["templates/fr.yaml", "42\n"],
        ["clauses/org-clause.yaml", "- a list\n"],
      ] as const) {
        const dir = overlayWith();
        mkdirSync(join(dir, "templates"), { recursive: true });
        writeFileSync(join(dir, file), text);
        const r = await build(dir);
        expect(r.status, `${file}: ${r.stderr}`).to.equal(2);
        expect(r.stderr).to.contain(`${file}: line 1: must be a section of keys`).and.not.contain("internal error");
      }
    });

    it("template words missing or malformed in an overlay are refused by file", async () => {
      const en = readFileSync(join(ROOT, "templates", "en.yaml"), "utf8");
      const cases: [string, string][] = [
        [en.replace(/^ {2}osi: .*\n/m, ""), "“terms” (line 45): the key “osi” is missing"],
        [en.replace("headers: [Req., Subject, Evidence to supply at acceptance]", "headers: [Req., Subject]"), "“tables.acceptance.headers” (line 28): must list at least 3 items"],
        [en.replace('heading: "{requirement} – {title}"', 'heading: "{title}"'), "“heading” (line 15): must contain the placeholder {requirement}"],
        [en.replace("language: en", "language: fr"), "language must be en in this file, not “fr”"],
        [en.replace("  and: and", "  and: \"and\\tor\""), "“words.and” contains a tab character at character 4"],
      ];
      for (const [text, message] of cases) {
        const dir = overlayWith();
        mkdirSync(join(dir, "templates"));
        writeFileSync(join(dir, "templates", "en.yaml"), text);
        const r = await build(dir);
        expect(r.status, r.stderr).to.equal(2);
        expect(r.stderr).to.contain(`templates/en.yaml: ${message}`);
      }
    });
  });

  describe("every template construct that could fail a build is refused with its line", () => {
    const cases: [string, string, string, { requirement?: string | null }?][] = [
      ["an @root path that does not exist", "Text\n\n{{@root.tender.titel}}", "“@root.tender.titel” (line 3) is not an answer of the answers schema"],
      ["a data variable that does not exist", "{{@foo}}", "“@foo” (line 1) is not a data variable"],
      ["@index outside #each", "{{@index}}", "“@index” (line 1) exists only inside an #each block"],
      ["an inline partial", '{{#*inline "x"}}a{{/inline}}b', "partials, inline partials and decorators are not accepted in clause templates (line 1)"],
      ["a decorator", "a\n{{* dec}}", "partials, inline partials and decorators are not accepted in clause templates (line 2)"],
      ["a partial", "{{> x}}", "partials, inline partials and decorators are not accepted"],
      ["subref outside a clause with a requirement", "{{#each components}}{{subref @index}}{{/each}}", "“subref” (line 1) needs a clause with a requirement identifier", { requirement: null }],
      ["subref of other than @index", "{{subref 1}}", "“subref” (line 1) needs @index"],
      ["date of an answer that is not a date", "{{date tender.title}}", "“date” (line 1) needs a date of the answers"],
      ["date of an answer that may be empty", "{{date tender.issueDate}}", "“tender.issueDate” (line 1) may be empty in an annex"],
      ["date of a text that is not a real date", '{{date "2026-02-30"}}', "“date” (line 1) needs a date of the answers"],
      ["monthsBefore 100000000", "{{#if tender.issueDate}}{{monthsBefore tender.issueDate 100000000}}{{/if}}", "the number of months (line 1) must be a whole number from 0 to 1200"],
      ["monthsBefore of an answer", "{{#if tender.issueDate}}{{monthsBefore tender.issueDate openSource.weight}}{{/if}}", "“monthsBefore” (line 1) needs a whole number of months"],
      ["term of an answer without fixed values", "{{term tender.title}}", "“term” (line 1) needs an answer with fixed values"],
      ["term without a wording", '{{term "nowhere"}}', "“nowhere” (line 1) has no wording in templates/en.yaml (terms)"],
      ["list of sections", "{{list components}}", "“list” (line 1) needs a list of texts of the answers"],
      ["an answer that may be empty, printed", "{{tender.lot}}", "“tender.lot” (line 1) may be empty in an annex"],
      ["a section printed", "{{tender}}", "“tender” (line 1) is a section, which cannot be printed as it is"],
      ["a list printed", "{{governance.foundations}}", "“governance.foundations” (line 1) is a list"],
      ["true or false printed", "{{governance.required}}", "“governance.required” (line 1) is true or false"],
      ["a condition printed", '{{eq openSource.scope "all"}}', "“eq” (line 1) gives true or false"],
      ["a private-use character (Clausier's own marks)", "Text \uE010 more", "line 1: contains a private-use character (U+E010) at character 6"],
      ["a tab", "Text\n\tindented", "line 2: contains a tab character at character 1"],
      ["a control character", "Text\u0007", "line 1: contains an invisible control character (U+0007) at character 5"],
      ["a direction override", "Text\u202Emore", "line 1: contains an invisible text-direction character (U+202E)"],
      ["#each nested through @root", "{{#each components}}{{#each @root.components}}{{name}}{{/each}}{{/each}}", "“each” (line 1) must name a list or a section of the answers from where it is"],
      ["#with @root", "{{#with @root}}{{tender.title}}{{/with}}", "“with” (line 1) must name a list or a section"],
      ["#each over what is not a list", "{{#each tender.title}}{{this}}{{/each}}", "“tender.title” (line 1) is not a list"],
      ["../", "{{#each components}}{{../tender.title}}{{/each}}", "../ is not supported in clause templates (line 1)"],
      ["triple braces", "{{{tender.title}}}", "triple braces and & (line 1) would print an answer without marking it"],
      ["{{& }}", "{{& tender.title}}", "triple braces and & (line 1)"],
      ["#if with two arguments", "{{#if tender.title tender.buyer}}x{{/if}}", "“if” (line 1) takes 1 argument"],
      ["#each without argument", "{{#each}}x{{/each}}", "“each” (line 1) takes 1 argument"],
      ["a block used as a value", "{{if tender.title}}", "“if” (line 1) is a block"],
      ["a value helper used as a block", "{{#date tender.issueDate}}x{{/date}}", "“date” (line 1) is not a block"],
      ["lookup", '{{lookup tender "title"}}', "unknown helper “lookup” (line 1)"],
      ["log", '{{log "x"}}', "unknown helper “log” (line 1)"],
      ["a literal between braces", '{{"text"}}', "a text in quotes or a number between braces (line 1) is not an answer"],
      ["block parameters", "{{#each components as |c|}}{{c.name}}{{/each}}", "block parameters (as |…|) are not accepted (line 1)"],
      ["strong over two paragraphs", "{{#strong}}one\n\ntwo{{/strong}}", "a strong block must stay within one line (line 1)"],
      ["strong with an argument", "{{#strong tender.title}}x{{/strong}}", "“strong” (line 1) takes no argument"],
      ["an option other than or=true", '{{list governance.foundations or="yes"}}', "“list” (line 1) does not take the option “or”"],
      ["blocks nested too deep", `${"{{#if tender.title}}".repeat(MAX_BLOCK_DEPTH + 1)}x${"{{/if}}".repeat(MAX_BLOCK_DEPTH + 1)}`, `blocks are nested more than ${MAX_BLOCK_DEPTH} deep`],
      ["a raw block", "{{{{raw}}}}{{x}}{{{{/raw}}}}", "unknown block “raw” (line 1)"],
    ];
    for (const [name, template, message, options] of cases) {
      it(name, async () => {
        await refused(overlayWith(clauseData({ en: template }, options)), "clauses/org-clause.yaml", `text.en: ${message}`);
      });
    }

    it("a condition that compares an answer with a value it can never have", async () => {
      for (const [when, message] of [
        [{ answer: "governance.required", is: "true" }, "when: “governance.required” is never \"true\": it is true or false"],
        [{ answer: "openSource.scope", in: ["all", "some"] }, "when: “openSource.scope” is never \"some\": it is one of none, partial, all"],
        [{ all: [{ answer: "components", is: 1 }] }, "when: “components” is never 1: it is a list or a section"],
      ] as const) {
        await refused(overlayWith(clauseData({ en: "Text." }, { when })), "clauses/org-clause.yaml", message);
      }
    });

    it("accepts the same constructs written safely", async () => {
      const safe = [
        "{{#if tender.issueDate}}Sent on {{date tender.issueDate}}; answers dated before {{monthsBefore tender.issueDate 18}} are refused.{{/if}}",
        "{{#each components}}",
        "- {{subref @index}} {{name}}{{#if version}} ({{version}}){{/if}}, for {{@root.tender.buyer}}",
        "{{/each}}",
        "{{#if tender.lot}}Lot: {{tender.lot}}.{{/if}} {{#with tender}}{{title}}{{/with}} {{#unless tender.lot}}No lot.{{else}}{{tender.lot}}{{/unless}}",
        '{{#if (eq openSource.mode "award-criterion")}}Weight {{openSource.weight}} %.{{/if}} Accepted: {{terms licensePolicy.allowedClasses or=true}}; {{term "osi"}}.',
        "{{#if (and governance.required (includes licensePolicy.definition \"osi\"))}}Foundations: {{list governance.foundations or=true}}.{{/if}} {{count components}} components.",
        "{{#strong}}Important:{{/strong}} {{{{!-- a comment --}}}}",
      ].join("\n");
      const dir = overlayWith(clauseData({ en: safe.replace("{{{{!-- a comment --}}}}", "{{!-- a comment --}}") }));
      const l = await lint(dir);
      expect(l.status, l.stderr).to.equal(0);
      for (const answers of ["grid-operator-fr", "minimal", "components-only", "city-map-server-en", "openchain-sbom-only"]) {
        const b = await build(dir, join(ROOT, "examples", `${answers}.yaml`));
        expect(b.status, `${answers}: ${b.stderr}`).to.equal(0);
      }
    });
  });

  describe("the last guards, at render time", () => {
    /** The built-in library with one more overlay clause, as if it had passed lint. */
    function libraryWithUnchecked(text: string): ClauseLibrary {
      const base = builtInLibrary();
      const clause = { ...(clauseData({ en: text }) as unknown as Clause), file: "org/clauses/org-clause.yaml", overlay: true };
      return { ...base, clauses: [...base.clauses, clause] };
    }
    const answers = (replace: (text: string) => string = (s) => s) => validateAnswersText("answers.yaml", replace(BASE_ANSWERS)).answers!;

    it("prints {{{answer}}} marked like {{answer}}: a buyer's “- X” stays text, never a bullet", () => {
      const library = libraryWithUnchecked("{{{tender.title}}}\n{{& tender.buyer}}");
      const clause = library.clauses[library.clauses.length - 1]!;
      const a = answers((s) => s.replace("title: Test tender", 'title: "- X"').replace("buyer: Test Buyer", 'buyer: "1. Y"'));
      const blocks = toBlocks(renderClauseText(clause, "en", library.words.en, a));
      expect(blocks).to.have.length(1);
      expect(blocks[0]?.kind).to.equal("paragraph");
      expect(blocks[0]?.kind === "paragraph" && blocks[0].spans.map((s) => [s.text, s.answer])).to.deep.equal([
        ["- X", true],
        [" ", false],
        ["1. Y", true],
      ]);
    });

    it("reports a clause that cannot be rendered by clause, as the overlay's, never as a Word or internal error", () => {
      for (const text of ["{{date tender.title}}", "Text\twith a tab", "{{#strong}}a\n\nb{{/strong}}", "{{tender.nope}}", "x\uE011y"]) {
        let error: unknown;
        try {
          composeFromAnswers(answers(), { library: libraryWithUnchecked(text), allowDraft: true });
        } catch (e) {
          error = e;
        }
        expect(error, text).to.be.instanceOf(ClauseRenderError);
        expect((error as ClauseRenderError).clause).to.include({ id: "org-clause", overlay: true });
      }
    });
  });

  describe("property: no library that passes lint makes a build fail", function () {
    this.timeout(300_000);

    /** Pieces of templates, valid and not, drawn from what clause texts use and what the trial found. */
    const path = fc.constantFrom(
      "tender.title",
      "tender.lot",
      "tender.issueDate",
      "tender.language",
      "openSource.scope",
      "openSource.weight",
      "openSource.needs",
      "components",
      "governance.required",
      "governance.foundations",
      "licensePolicy.allowedClasses",
      "compliance.evidence",
      "buyerDistribution.license",
      "buyerDistribution.commit",
      "tender",
      "this",
      "name",
      "version",
      "@index",
      "@first",
      "@root.tender.buyer",
      "@root.components",
      "@requirement",
      "nope",
      "../tender.title",
    );
    const literal = fc.constantFrom('"all"', '"osi"', '"2026-02-28"', '"2026-02-30"', "18", "100000000", "-1", "1.5", "true");
    const arg = fc.oneof({ weight: 3, arbitrary: path }, { weight: 1, arbitrary: literal });
    const helper = fc.constantFrom("date", "monthsBefore", "term", "terms", "list", "licence", "subref", "count", "eq", "includes", "and", "or", "not", "lookup", "strong", "if");
    const words = fc.constantFrom("The contractor", " shall", " deliver", ": ", ", ", ".", "\n", "\n\n", "\n- ", "\n1. ", " ", "«\u00a0x\u00a0»", "\t", "\uE010", "\u0007", "{", "}");
    const call = fc.tuple(helper, fc.array(arg, { maxLength: 3 }), fc.boolean()).map(([h, args, or]) => `${h}${args.map((a) => ` ${a}`).join("")}${or ? " or=true" : ""}`);
    const mustache = fc.oneof(
      { weight: 4, arbitrary: path.map((p) => `{{${p}}}`) },
      { weight: 4, arbitrary: call.map((c) => `{{${c}}}`) },
      { weight: 1, arbitrary: path.map((p) => `{{{${p}}}}`) },
      { weight: 1, arbitrary: path.map((p) => `{{& ${p}}}`) },
    );
    const condition = fc.oneof(path, call.map((c) => `(${c})`));
    const wild: fc.Arbitrary<string> = fc.letrec<{ body: string; block: string; piece: string }>((tie) => ({
      body: fc.array(tie("piece"), { maxLength: 6 }).map((pieces) => pieces.join("")),
      piece: fc.oneof({ weight: 4, arbitrary: words }, { weight: 3, arbitrary: mustache }, { weight: 2, arbitrary: tie("block") }),
      block: fc
        .tuple(fc.constantFrom("if", "unless", "each", "with", "strong"), fc.option(condition, { nil: undefined }), tie("body"), fc.option(tie("body"), { nil: undefined }))
        .map(([name, param, body, otherwise]) => `{{#${name}${param !== undefined ? ` ${param}` : ""}}}${body}${otherwise !== undefined ? `{{else}}${otherwise}` : ""}{{/${name}}}`),
    })).body;

    /** Templates written as a careful author would, mostly: guarded answers, helpers with the right arguments. */
    const text = fc.constantFrom("The contractor", " delivers", " the ", "software", ", ", ". ", "\n", "\n\n", "\n- ", "\n1. ", "«\u00a0x\u00a0» ; ", "{{!-- note --}}");
    const topValue = fc.constantFrom(
      "{{tender.title}}",
      "{{tender.buyer}}",
      "{{@root.tender.reference}}",
      "{{openSource.scope}}",
      "{{term compliance.evidence}}",
      "{{terms licensePolicy.allowedClasses}}",
      "{{terms licensePolicy.definition or=true}}",
      "{{list governance.foundations or=true}}",
      "{{list licensePolicy.allow}}",
      "{{count components}}",
      '{{term "osi"}}',
      '{{date "2025-06-01"}}',
      '{{licence "EUPL-1.2"}}',
      "{{#strong}}Important:{{/strong}}",
      "{{#if tender.lot}}, {{tender.lot}}{{/if}}",
      "{{#if tender.issueDate}}{{date tender.issueDate}}, {{monthsBefore tender.issueDate 18}}{{/if}}",
      "{{#if tender.submissionDeadline}}{{monthsBefore tender.submissionDeadline 1200}}{{/if}}",
      "{{#if buyerDistribution.commit}}{{licence buyerDistribution.license}}{{/if}}",
      '{{#if (eq openSource.mode "award-criterion")}}{{openSource.weight}} %{{/if}}',
      "{{#if (and tender.lot tender.issueDate)}}{{tender.lot}} {{date tender.issueDate}}{{/if}}",
      "{{#unless tender.lot}}no lot{{else}}{{tender.lot}}{{/unless}}",
      "{{#with tender}}{{title}} ({{reference}}){{/with}}",
    );
    /** Near misses: what a careful author might still get wrong, each of which lint must catch. */
    const nearMiss = fc.constantFrom(
      "{{date tender.issueDate}}",
      "{{monthsBefore tender.submissionDeadline 3}}",
      "{{licence buyerDistribution.license}}",
      "{{licence buyerDistribution.documentationLicense}}",
      "{{#if buyerDistribution.license}}{{licence buyerDistribution.documentationLicense}}{{/if}}",
      "{{#if tender.issueDate}}{{monthsBefore tender.issueDate 1201}}{{/if}}",
      "{{term openSource.mode}}",
      '{{term "nowhere"}}',
      "{{tender.lot}}",
      "{{openSource.weight}}",
      "{{{tender.title}}}",
      "{{#strong}}bold\n- item{{/strong}}",
      "{{#each components}}{{subref @index}} {{#if version}}{{version}}{{/if}}{{/each}}",
      "{{#each components}}{{licence version}}{{/each}}",
      "{{#each components}}{{#each @root.components}}{{name}}{{/each}}{{/each}}",
      "text\there",
      "x\uE011y",
    );
    const itemValue = fc.constantFrom("{{name}}", "{{purpose}}", "{{license}}", "{{@index}}", "{{#if version}}{{version}}{{/if}}", "{{#if justification}}{{justification}}{{/if}}", "{{#if @first}}first{{/if}}", "{{@root.tender.title}}", "{{licence license}}");
    const eachBlock = fc.oneof(
      fc.array(fc.oneof(itemValue, text), { maxLength: 5 }).map((p) => `{{#each components}}\n- ${p.join("")}\n{{/each}}`),
      fc.array(fc.oneof(fc.constant("{{this}}"), text), { maxLength: 3 }).map((p) => `{{#each openSource.needs}}\n- ${p.join("")}\n{{else}}none{{/each}}`),
      fc.constant("{{#each licensePolicy.allowedClasses}}{{term this}}; {{/each}}"),
    );
    const careful = fc
      .array(fc.oneof({ weight: 8, arbitrary: text }, { weight: 8, arbitrary: topValue }, { weight: 2, arbitrary: eachBlock }, { weight: 1, arbitrary: nearMiss }, { weight: 1, arbitrary: mustache }), { maxLength: 10 })
      .map((p) => p.join(""));
    const template = fc.oneof({ weight: 3, arbitrary: careful }, { weight: 2, arbitrary: wild });

    /** Answers files that turn every family on and off, with texts that look like markup. */
    const ANSWERS = ["grid-operator-fr", "minimal", "components-only", "city-map-server-en", "openchain-sbom-only"].map((name) => {
      const text = readFileSync(join(ROOT, "examples", `${name}.yaml`), "utf8").replace(/(\n {2}title: )(.*)/, '$1"- $2 {{tender.title}} 1. "');
      const answers = validateAnswersText(name, text).answers;
      expect(answers, name).to.not.equal(undefined);
      return answers!;
    });

    it("generated templates either pass lint and build with every answers file, or are refused as the overlay's fault", async () => {
      const t = messages("en");
      let passed = 0;
      let refusedCount = 0;
      const pair = fc.oneof(template.map((one) => [one, one] as const), fc.tuple(template, template));
      const property = fc.asyncProperty(pair, fc.boolean(), fc.nat({ max: ANSWERS.length - 1 }), async ([en, fr], requirement, pick) => {
        const dir = overlayWith(clauseData({ en: en || "x", fr: fr || "x" }, { requirement: requirement ? "ORG-01" : null }));
        const roots = libraryRoots(dir);
        const { library, findings } = checkLibrary(roots, t);
        if (library === undefined) {
          refusedCount++;
          expect(findings.length).to.be.greaterThan(0);
          let error: unknown;
          try {
            loadLibrary(roots, t);
          } catch (e) {
            error = e;
          }
          expect(error).to.be.instanceOf(LibraryError);
          expect((error as LibraryError).inOverlay, "the overlay's fault, exit 2").to.equal(true);
          return;
        }
        passed++;
        for (const answers of ANSWERS) composeFromAnswers(answers, { library, allowDraft: true });
        const built = await buildAnnex(ANSWERS[pick]!, { library, allowDraft: true });
        expect(docxProblems(built.bytes)).to.deep.equal([]);
        // The library's catalogue, for the legal review, shows the same templates with their logic in words
        // (for the first libraries only: it writes the whole library).
        if (passed <= 10) await packDocx(catalogueDocument(library, "both", "en"), { title: "Catalogue", creator: "Clausier" }, null);
      });
      await fc.assert(property, { numRuns: Number(process.env["FUZZ_RUNS"] ?? 100) });
      expect(passed, "libraries that pass lint").to.be.greaterThan(10);
      expect(refusedCount, "libraries refused").to.be.greaterThan(10);
    });
  });
});
