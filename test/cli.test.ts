import { expect } from "chai";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { BASE_ANSWERS, BIN, ROOT, answersFile, runCli, runMain, tempDir } from "./helpers/run.js";

const EXAMPLE = join(ROOT, "examples", "grid-operator-fr.yaml");

describe("the command line", () => {
  describe("build", () => {
    it("writes the annex and says what it contains (exit 0)", async () => {
      const out = join(tempDir(), "annex.docx");
      const r = await runMain(["build", EXAMPLE, "-o", out]);
      expect(r.status, r.stderr).to.equal(0);
      // The flagship is in French: the command speaks the answers' language.
      expect(r.stdout).to.contain("a été écrit").and.to.contain("OSS-12").and.to.contain("en français");
      expect(readFileSync(out).subarray(0, 2).toString()).to.equal("PK");
      expect(readdirSync(dirname(out))).to.deep.equal(["annex.docx"]); // no temporary file left behind
    });

    it("refuses invalid answers with every error, exit 1, and writes nothing", async () => {
      const file = answersFile(BASE_ANSWERS.replace("license: MIT", "license: Apache 2").replace("language: en", "language: de"));
      const out = join(dirname(file), "annex.docx");
      const r = await runMain(["build", file, "-o", out]);
      expect(r.status).to.equal(1);
      expect(r.stderr).to.contain(`${file}:15:14: error: components[0].license:`);
      expect(r.stderr).to.contain("hint: Did you mean “Apache-2.0”?");
      expect(r.stderr).to.contain("tender.language");
      expect(r.stderr).to.contain("2 errors, 0 warnings. Nothing was written.");
      expect(existsSync(out)).to.equal(false);
      expect(readdirSync(dirname(file))).to.deep.equal(["answers.yaml"]);
    });

    it("prints warnings and still builds (exit 0)", async () => {
      const file = answersFile(BASE_ANSWERS.replace("    justification: Interoperability with the buyer's existing systems\n", "    orEquivalent: false\n"));
      const r = await runMain(["build", file, "-o", join(dirname(file), "a.docx")]);
      expect(r.status).to.equal(0);
      expect(r.stderr).to.contain("warning: components[0].orEquivalent");
    });

    it("never overwrites an existing file without --force (exit 2, file untouched)", async () => {
      const dir = tempDir();
      const out = join(dir, "annex.docx");
      writeFileSync(out, "precious");
      const r = await runMain(["build", EXAMPLE, "-o", out]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("existe déjà").and.to.contain("--force");
      expect(readFileSync(out, "utf8")).to.equal("precious");
      expect(readdirSync(dir)).to.deep.equal(["annex.docx"]);
    });

    it("replaces an existing file with --force", async () => {
      const out = join(tempDir(), "annex.docx");
      writeFileSync(out, "old");
      const r = await runMain(["build", EXAMPLE, "-o", out, "--force"]);
      expect(r.status, r.stderr).to.equal(0);
      expect(readFileSync(out).subarray(0, 2).toString()).to.equal("PK");
    });

    it("refuses a symbolic link at the output path, even with --force, and leaves its target alone", async () => {
      const dir = tempDir();
      const victim = join(dir, "victim.txt");
      writeFileSync(victim, "victim");
      const link = join(dir, "annex.docx");
      symlinkSync(victim, link);
      const r = await runMain(["build", EXAMPLE, "-o", link, "--force"]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("lien symbolique");
      expect(readFileSync(victim, "utf8")).to.equal("victim");
      expect(lstatSync(link).isSymbolicLink()).to.equal(true);
      const dangling = join(dir, "dangling.docx");
      symlinkSync(join(dir, "nowhere"), dangling);
      expect((await runMain(["build", EXAMPLE, "-o", dangling])).status).to.equal(2);
      expect(existsSync(join(dir, "nowhere"))).to.equal(false);
    });

    it("refuses a folder as output, a missing folder, and a name not ending in .docx (exit 2)", async () => {
      const dir = tempDir();
      mkdirSync(join(dir, "sub.docx"));
      expect((await runMain(["build", EXAMPLE, "-o", join(dir, "sub.docx"), "--force"])).status).to.equal(2);
      const missing = await runMain(["build", EXAMPLE, "-o", join(dir, "no", "such", "annex.docx")]);
      expect(missing.status).to.equal(2);
      expect(missing.stderr).to.contain("n’existe pas");
      expect((await runMain(["build", EXAMPLE, "-o", join(dir, "annex.pdf")])).status).to.equal(2);
    });

    it("reports a missing or unreadable answers file as exit 2", async () => {
      const r = await runMain(["build", "/nonexistent/answers.yaml", "-o", join(tempDir(), "a.docx")]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("does not exist");
      expect((await runMain(["build", tempDir(), "-o", join(tempDir(), "a.docx")])).status).to.equal(2);
    });

    it("treats a bad flag or a missing option as a usage error (exit 2)", async () => {
      expect((await runMain(["build", EXAMPLE, "--frobnicate"])).status).to.equal(2);
      const r = await runMain(["build", EXAMPLE]);
      expect(r.status).to.equal(2);
      expect(r.stderr).to.contain("-o annex.docx");
      expect((await runMain(["frobnicate"])).status).to.equal(2);
      expect((await runMain([])).status).to.equal(2);
    });

    it("refuses hostile files without writing: control characters, U+FFFF, lone surrogates, aliases", async () => {
      const cases = [
        BASE_ANSWERS.replace("title: Test tender", 'title: "Test\\u000Ctender"'),
        JSON.stringify({ schemaVersion: 1, tender: { title: "x\uFFFF", reference: "R", buyer: "B", language: "en" }, licensePolicy: { definition: ["osi"], allowedClasses: ["permissive"] } }),
        '{"schemaVersion": 1, "tender": {"title": "x\\ud800", "reference": "R", "buyer": "B", "language": "en"}, "licensePolicy": {"definition": ["osi"], "allowedClasses": ["permissive"]}}',
        BASE_ANSWERS.replace("  buyer: Test Buyer\n", "  buyer: &a Test Buyer\n  lot: *a\n"),
      ];
      for (const text of cases) {
        const file = answersFile(text, text.startsWith("{") ? "answers.json" : "answers.yaml");
        const out = join(dirname(file), "annex.docx");
        const r = await runMain(["build", file, "-o", out]);
        expect(r.status, text).to.equal(1);
        expect(r.stderr).to.match(/error: /);
        expect(existsSync(out)).to.equal(false);
      }
    });
  });

  describe("build --out-dir (batch)", () => {
    it("builds many annexes in one process, goes on past invalid files, sums up, and exits 1 if any failed", async () => {
      const dir = tempDir();
      const bad = answersFile(BASE_ANSWERS.replace("license: MIT", "license: Apache 2"), "bad.yaml");
      const examples = ["minimal", "components-only", "city-map-server-en"].map((n) => join(ROOT, "examples", `${n}.yaml`));
      const r = await runMain(["build", ...examples, bad, "--out-dir", dir]);
      expect(r.status).to.equal(1);
      expect(r.stdout).to.contain(`Built 3 of 4 annexes in ${dir}.`).and.to.contain(`${bad}: invalid answers`);
      expect(r.stderr).to.contain("Did you mean “Apache-2.0”?");
      expect(r.stdout + r.stderr).to.not.contain("\r"); // no progress bar when not on a terminal
      expect(readdirSync(dir).sort()).to.deep.equal(["city-map-server-en.docx", "components-only.docx", "minimal.docx"]);
      const again = await runMain(["build", ...examples, "--out-dir", dir]);
      expect(again.status).to.equal(1);
      expect(again.stdout).to.contain("Built 0 of 3").and.to.contain("already exists");
      expect((await runMain(["build", ...examples, "--out-dir", dir, "--force"])).status).to.equal(0);
    });

    it("refuses -o with several files, both -o and --out-dir, clashing names and a missing folder", async () => {
      const dir = tempDir();
      expect((await runMain(["build", EXAMPLE, EXAMPLE, "-o", join(dir, "a.docx")])).stderr).to.contain("--out-dir");
      expect((await runMain(["build", EXAMPLE, "-o", join(dir, "a.docx"), "--out-dir", dir])).status).to.equal(2);
      expect((await runMain(["build", EXAMPLE, EXAMPLE, "--out-dir", dir])).stderr).to.contain("would both be written");
      expect((await runMain(["build", EXAMPLE, "--out-dir", join(dir, "missing")])).status).to.equal(2);
      expect(readdirSync(dir)).to.deep.equal([]);
    });

    it("shows a progress bar on a terminal", async function () {
      if (spawnSync("sh", ["-c", "command -v script"]).status !== 0) throw new Error("script is not installed: apt-get install bsdutils");
      const dir = tempDir();
      const command = `node ${BIN} build ${join(ROOT, "examples", "minimal.yaml")} ${join(ROOT, "examples", "components-only.yaml")} --out-dir ${dir}`;
      const r = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
      expect(r.status, r.stdout).to.equal(0);
      expect(r.stdout).to.contain("2/2").and.to.contain("[##");
      expect(r.stdout).to.contain("Built 2 of 2 annexes");
    });
  });

  describe("validate", () => {
    it("says what the annex would contain (exit 0)", async () => {
      const r = await runMain(["validate", EXAMPLE]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.contain("est valide").and.to.contain("OSS-01");
    });

    it("reports errors as JSON for tools (exit 1)", async () => {
      const file = answersFile(BASE_ANSWERS.replace("license: MIT", "license: GPL-3.0-only"));
      const r = await runMain(["validate", file, "--json"]);
      expect(r.status).to.equal(1);
      const json = JSON.parse(r.stdout) as { valid: boolean; diagnostics: { code: string; path: string; line: number; column: number }[] };
      expect(json.valid).to.equal(false);
      expect(json.diagnostics[0]).to.include({ code: "licence.not-acceptable", path: "components[0].license", line: 15, column: 14 });
    });
  });

  describe("licenses", () => {
    it("shows name, OSI, FSF, class and the source of the class", async () => {
      const r = await runMain(["licenses", "MPL-2.0"]);
      expect(r.status).to.equal(0);
      expect(r.stdout).to.contain("Mozilla Public License 2.0").and.to.contain("OSI:         approved").and.to.contain("weak copyleft").and.to.contain("MPL-2.0 §3.3");
    });

    it("handles expressions and suggests corrections", async () => {
      const r = await runMain(["licenses", "MIT", "OR", "GPL-2.0"]);
      expect(r.stdout).to.contain("deprecated:  yes, use GPL-2.0-only");
      const bad = await runMain(["licenses", "Apache 2"]);
      expect(bad.status).to.equal(2);
      expect(bad.stderr).to.contain("Apache-2.0");
    });
  });

  it("has --help on every command and --version", async () => {
    for (const args of [["--help"], ["build", "--help"], ["validate", "--help"], ["licenses", "--help"], ["new", "--help"], ["explain", "--help"], ["catalogue", "--help"], ["clauses", "lint", "--help"]]) {
      const r = await runMain(args);
      expect(r.status, args.join(" ")).to.equal(0);
      expect(r.stdout).to.contain("Usage: clausier");
      expect(r.stdout).to.contain("Exit codes");
    }
    const version = await runMain(["--version"]);
    expect(version.status).to.equal(0);
    expect(version.stdout.trim()).to.equal((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version);
  });

  describe("the real binary, in a child process", () => {
    it("exits 0 after writing the annex, 1 for invalid answers, 2 for a usage error", () => {
      const dir = tempDir();
      const ok = runCli(["build", EXAMPLE, "-o", join(dir, "annex.docx")]);
      expect(ok.status, ok.stderr).to.equal(0);
      expect(ok.stdout).to.contain("a été écrit");
      const bad = answersFile(BASE_ANSWERS.replace("license: MIT", "license: Apache 2"));
      const invalid = runCli(["build", bad, "-o", join(dir, "bad.docx")]);
      expect(invalid.status).to.equal(1);
      expect(invalid.stderr).to.contain("components[0].license");
      expect(runCli(["build", EXAMPLE, "--frobnicate"]).status).to.equal(2);
      expect(readdirSync(dir)).to.deep.equal(["annex.docx"]);
    });

    it("ends quietly when the program reading its output stops early (| head)", () => {
      const r = spawnSync("sh", ["-c", `node ${BIN} licenses MIT OR GPL-2.0-only OR Apache-2.0 | head -c 10`], { encoding: "utf8" });
      expect(r.status).to.equal(0);
      expect(r.stdout).to.have.length(10);
      expect(r.stderr).to.equal("");
    });
  });
});
