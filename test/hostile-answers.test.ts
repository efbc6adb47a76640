/**
 * Hostile answers files (issue 12): tags, absurd nesting, thousands of unknown answers, an answer far over its
 * length limit, endless input through a pipe or a device. Each is refused with a finding or an error that
 * names the file, never with a stack trace, and without work that grows faster than the file. (How fast is
 * measured by `npm run bench`, never asserted here.)
 */
import { expect } from "chai";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MAX_YAML_DEPTH } from "../src/input/yaml.js";
import { validateAnswersText } from "../src/validation/validate.js";
import { readDocx } from "./helpers/docx.js";
import { BASE_ANSWERS, answersFile, requireTool, runMain, tempDir } from "./helpers/run.js";

const STACK = /\n\s+at |Error: |RangeError/;

describe("hostile answers files", () => {
  describe("YAML features", () => {
    it("refuses every tag, the core schema's own (!!str, !!int) too, at its line", () => {
      for (const [tagged, tag] of [
        ["title: !!str Test tender", "!!str"],
        ["title: !!int 12", "!!int"],
        ["title: !custom Test tender", "!custom"],
      ] as const) {
        const v = validateAnswersText("answers.yaml", BASE_ANSWERS.replace("title: Test tender", tagged));
        expect(v.answers, tagged).to.equal(undefined);
        const d = v.diagnostics.find((f) => f.code === "file.unsupported");
        expect(d?.message, tagged).to.contain(tag);
        expect(d?.line).to.equal(3);
      }
    });

    it("still finds a key given twice, in block and flow sections alike", () => {
      const block = validateAnswersText("answers.yaml", BASE_ANSWERS.replace("  buyer: Test Buyer\n", "  buyer: Test Buyer\n  buyer: Other\n"));
      expect(block.diagnostics.find((d) => d.code === "file.duplicate-key")?.line).to.equal(6);
      const flow = validateAnswersText("answers.yaml", BASE_ANSWERS.replace("definition: [osi, fsf]", "definition: [osi, fsf]\n  extra: {a: 1, b: 2, a: 3}"));
      expect(flow.diagnostics.find((d) => d.code === "file.duplicate-key")).to.include({ line: 19, column: 23 });
    });
  });

  describe("nesting", () => {
    const nested: [string, string][] = [
      ["flow lists", `components: ${"[".repeat(5000)}${"]".repeat(5000)}\n`],
      ["flow sections", `components: ${"{a: ".repeat(5000)}1${"}".repeat(5000)}\n`],
      ["block lists", `components:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}\n`],
      ["compact lists", `components: \n  ${"- ".repeat(100_000)}x\n`],
    ];
    for (const [name, tail] of nested) {
      it(`refuses ${name} nested beyond ${MAX_YAML_DEPTH} levels, at the line, without a stack trace`, async () => {
        const file = answersFile(BASE_ANSWERS.replace(/components:[\s\S]*?(?=licensePolicy:)/, "") + tail);
        const r = await runMain(["validate", file]);
        expect(r.status, r.stderr).to.equal(1);
        const found = new RegExp(`${file}:(\\d+):\\d+: error: the file nests sections or lists more than ${MAX_YAML_DEPTH} levels deep`).exec(r.stderr);
        expect(found, r.stderr).to.not.equal(null);
        // At the line where the nesting goes past the limit: the first nested line, or one of the next.
        expect(Number(found?.[1])).to.be.within(15, 15 + MAX_YAML_DEPTH);
        expect(r.stderr).to.not.match(STACK);
      });
    }

    it("reads a file nested within the limit as before", () => {
      const v = validateAnswersText("answers.yaml", `${BASE_ANSWERS}extra: ${"[".repeat(20)}${"]".repeat(20)}\n`);
      expect(v.diagnostics.map((d) => d.code)).to.include("answer.unknown").and.not.include("file.too-deep");
    });
  });

  describe("size of what is reported and checked", () => {
    it("reports each of 100,000 unknown answers (a file just under the size limit) at its own line", () => {
      // Work that grew with the square of the number of keys (yaml's duplicate-key check, placing each finding
      // by a search of its section, the schema walked per finding) took minutes here, far past the test's timeout.
      const keys = Array.from({ length: 100_000 }, (_, i) => `unknown${i}: ${i}\n`).join("");
      const v = validateAnswersText("answers.yaml", BASE_ANSWERS + keys);
      const unknown = v.diagnostics.filter((d) => d.code === "answer.unknown");
      expect(unknown).to.have.length(100_000);
      const lines = BASE_ANSWERS.split("\n").length;
      expect(unknown.find((d) => d.path === "unknown60000")?.line).to.equal(lines + 60_000);
    });

    it("does not parse a licence expression longer than the schema allows: too long, and nothing else about it", () => {
      const expression = Array.from({ length: 200_000 }, () => "MIT").join(" OR ");
      const v = validateAnswersText("answers.yaml", BASE_ANSWERS.replace("license: MIT", `license: ${expression}`));
      const about = v.diagnostics.filter((d) => d.path === "components[0].license");
      expect(about.map((d) => d.code)).to.deep.equal(["answer.too-long"]);
      expect(about[0]?.message).to.match(/Component licence is too long: 1399996 characters, at most 200 are accepted/);
    });

    it("checks at most as many listed licences as the schema accepts", () => {
      const ids = (prefix: string) => Array.from({ length: 5000 }, (_, i) => `    - ${prefix}${i}\n`).join("");
      const v = validateAnswersText("answers.yaml", `${BASE_ANSWERS}  allow:\n${ids("Unknown-A")}  deny:\n${ids("Unknown-D")}`);
      expect(v.diagnostics.filter((d) => d.code === "answer.too-many").map((d) => d.path)).to.deep.equal(["licensePolicy.allow", "licensePolicy.deny"]);
      const invalid = v.diagnostics.filter((d) => d.code === "licence.invalid");
      expect(invalid).to.have.length(400); // 200 of each list: the schema's maxItems
    });

    it("quotes a long value in a message in part only", () => {
      const v = validateAnswersText("answers.yaml", BASE_ANSWERS.replace("language: en", `language: ${"x".repeat(100_000)}`));
      const d = v.diagnostics.find((f) => f.path === "tender.language");
      expect(d?.message.length).to.be.lessThan(200);
      expect(d?.message).to.contain("x…");
    });
  });

  describe("a file that is not an answers file", () => {
    it("is refused by what it holds, never quoted (it may be any file: a key, a password list)", async () => {
      const secret = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ";
      for (const [text, what] of [
        [`-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n`, "a text"],
        [`root:x:0:0:${secret}:/root:/bin/bash\n`, "a text"],
        [`- ${secret}\n- two\n`, "a list"],
        ["42\n", "a single value"],
      ] as const) {
        const r = await runMain(["validate", answersFile(text)]);
        expect(r.status).to.equal(1);
        expect(r.stderr).to.contain(`1:1: error: the file is not an answers file: it holds ${what} where sections of answers`);
        expect(r.stderr).to.not.contain(secret).and.not.contain("root:x");
      }
    });
  });

  describe("reading", () => {
    it("refuses an endless device (/dev/zero) as too large, exit 2", async () => {
      const r = await runMain(["validate", "/dev/zero"]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("/dev/zero is too large to be an answers file (more than 2097152 bytes)");
    });

    /** A named pipe in a fresh folder, fed by `command` in another process. */
    function fifoFedBy(command: (fifo: string) => string): string {
      requireTool("mkfifo", "coreutils");
      const fifo = join(tempDir(), "answers.yaml");
      expect(spawnSync("mkfifo", [fifo]).status).to.equal(0);
      const writer = spawn("sh", ["-c", command(fifo)], { stdio: "ignore" });
      writer.unref();
      return fifo;
    }

    it("refuses more than the limit through a named pipe, reading no further", async () => {
      const fifo = fifoFedBy((f) => `head -c 8000000 /dev/zero > '${f}'`);
      const r = await runMain(["validate", fifo]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("is too large to be an answers file");
    });

    it("reads valid answers through a named pipe", async () => {
      const source = answersFile(BASE_ANSWERS, "source.yaml");
      const fifo = fifoFedBy((f) => `cat '${source}' > '${f}'`);
      const r = await runMain(["validate", fifo]);
      expect(r.status, r.stderr).to.equal(0);
    });

    it("reads clauses show --answers within the same limit", async () => {
      const r = await runMain(["clauses", "show", "purpose", "--answers", "/dev/zero"]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("too large");
    });
  });

  it("prints a tender reference with $& and $' in it exactly as typed", async () => {
    const file = answersFile(BASE_ANSWERS.replace("reference: TEST-2026-001", () => `reference: "R-$&-$'-{title}"`));
    const out = join(dirname(file), "annex.docx");
    const r = await runMain(["build", file, "-o", out]);
    expect(r.status, r.stderr).to.equal(0);
    const content = readDocx(readFileSync(out));
    const header = Object.entries(content.parts).find(([name]) => name.startsWith("word/header"))?.[1] ?? "";
    const texts = [...header.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(texts.replace(/&amp;/g, "&").replace(/&apos;/g, "'")).to.equal("R-$&-$'-{title} — Open source annex");
    expect(content.text).to.contain("R-$&-$'-{title}");
  });
});
