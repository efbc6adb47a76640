/**
 * Start-up: each command loads only the modules it uses. The real binary runs each command with a module
 * tracer preloaded (helpers/trace-modules.mjs), which records every module the process loads, ECMAScript
 * and CommonJS alike; the test then checks that none of the heavy packages a command does not need is among
 * them. (Speed itself is measured by `npm run bench`, never asserted here.)
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BIN, ROOT, runCli, tempDir } from "./helpers/run.js";

const { freshBundle, isOneShot } = createRequire(import.meta.url)("../bin/load-bundle.cjs") as {
  freshBundle: (dist: string) => string | undefined;
  isOneShot: (args: readonly string[]) => boolean;
};

const FLAGSHIP = join(ROOT, "examples", "grid-operator-fr.yaml");

/** The files a run of the command loads, relative to the package root. */
function modulesLoaded(args: string[]): string[] {
  const trace = join(tempDir("trace-"), "modules.txt");
  const r = spawnSync(process.execPath, ["--import", join(ROOT, "test", "helpers", "trace-modules.mjs"), BIN, ...args], {
    cwd: ROOT,
    // The compiled modules, not the bundle: the bundle is one file, whose modules run lazily inside it.
    env: { ...process.env, CLAUSIER_TRACE_MODULES: trace, CLAUSIER_NO_BUNDLE: "1", CLAUSIER_LANG: "", LANG: "C.UTF-8" },
    encoding: "utf8",
  });
  expect(r.status, `${args.join(" ")}: ${r.stderr}`).to.equal(0);
  return [...new Set(readFileSync(trace, "utf8").split("\n").filter((l) => l !== ""))].map((f) => relative(ROOT, f));
}

/** What must not be loaded, by what it costs. */
const WORD = /^node_modules\/(docx|saxes|xmlchars|fflate)\//;
const HANDLEBARS_ANY = /^node_modules\/(handlebars|source-map)\//;
const HANDLEBARS_COMPILER = /^node_modules\/handlebars\/(lib\/|dist\/cjs\/handlebars\/compiler\/|dist\/cjs\/handlebars\.js)|^node_modules\/source-map\//;
const AJV_COMPILER = /^node_modules\/ajv\/dist\/(core|ajv|2019|2020|compile\/index|vocabularies)/;
const INTERVIEW = /^node_modules\/@inquirer\/|\/interview\//;
const DATES = /^node_modules\/date-fns\//;

const forbidden = (modules: string[], pattern: RegExp): string[] => modules.filter((m) => pattern.test(m));

describe("start-up: each command loads only what it uses", function () {
  this.timeout(60_000);

  const light: [string, string[]][] = [
    ["licenses", ["licenses", "MIT"]],
    ["validate", ["validate", FLAGSHIP]],
    ["explain", ["explain", FLAGSHIP]],
    ["clauses list", ["clauses", "list"]],
  ];
  for (const [name, args] of light) {
    it(`${name} loads no Word writer, no Handlebars, no JSON Schema compiler, no interview`, () => {
      const modules = modulesLoaded(args);
      expect(modules.some((m) => m.startsWith("dist/src/cli/commands/")), "the tracer sees Clausier's own modules").to.equal(true);
      expect(forbidden(modules, WORD), "Word").to.deep.equal([]);
      expect(forbidden(modules, HANDLEBARS_ANY), "Handlebars").to.deep.equal([]);
      expect(forbidden(modules, AJV_COMPILER), "ajv's compiler").to.deep.equal([]);
      expect(forbidden(modules, INTERVIEW), "interview").to.deep.equal([]);
    });
  }

  it("licenses and validate load no date library", () => {
    for (const args of [["licenses", "MIT"], ["validate", FLAGSHIP]]) expect(forbidden(modulesLoaded(args), DATES), args[0]).to.deep.equal([]);
  });

  it("build loads Handlebars' runtime only (templates precompiled), no JSON Schema compiler, no interview", () => {
    const modules = modulesLoaded(["build", FLAGSHIP, "-o", join(tempDir(), "annex.docx")]);
    expect(modules.some((m) => m.startsWith("node_modules/docx/")), "build does load the Word writer").to.equal(true);
    expect(modules.some((m) => m.startsWith("node_modules/handlebars/")), "build does load Handlebars' runtime").to.equal(true);
    expect(forbidden(modules, HANDLEBARS_COMPILER), "Handlebars' compiler").to.deep.equal([]);
    expect(forbidden(modules, AJV_COMPILER), "ajv's compiler").to.deep.equal([]);
    expect(forbidden(modules, INTERVIEW), "interview").to.deep.equal([]);
  });

  describe("the start-up cache (bundle and V8 code cache)", () => {
    it("has no import() left in the bundle: a vm.Script cannot load ES modules on demand", () => {
      // The interview once failed at its first question with ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING.
      const code = readFileSync(join(ROOT, "dist", "clausier.cjs"), "utf8");
      // A type in a JSDoc comment (`/** @type {import('./get')} */`, which esbuild keeps in expressions) is not a call.
      const inComment = (at: number): boolean => code.lastIndexOf("/*", at) > code.lastIndexOf("*/", at);
      const calls = [...code.matchAll(/\bimport\((?!\))/g)].filter((m) => !inComment(m.index)).map((m) => code.slice(m.index - 60, m.index + 40));
      expect(calls).to.deep.equal([]);
    });

    it("is used by the real binary, with its code cache accepted", () => {
      const r = runCli(["licenses", "MIT"], { env: { CLAUSIER_STARTUP_REPORT: "1" } });
      expect(r.status).to.equal(0);
      expect(r.stderr).to.contain("started from the bundle (cache)");
    });

    it("gives the same annex, byte for byte, as the compiled modules", () => {
      const dir = tempDir();
      const viaBundle = runCli(["build", FLAGSHIP, "-o", join(dir, "bundle.docx")], { env: { CLAUSIER_STARTUP_REPORT: "1" } });
      expect(viaBundle.stderr).to.contain("started from the bundle");
      const viaModules = runCli(["build", FLAGSHIP, "-o", join(dir, "modules.docx")], { env: { CLAUSIER_NO_BUNDLE: "1", CLAUSIER_STARTUP_REPORT: "1" } });
      expect(viaModules.stderr).to.contain("started from the compiled modules");
      expect(readFileSync(join(dir, "bundle.docx")).equals(readFileSync(join(dir, "modules.docx")))).to.equal(true);
    });

    it("falls back to the compiled modules when the bundle is missing or older than them", () => {
      const dist = join(tempDir("dist-"), "dist");
      mkdirSync(join(dist, "src", "cli"), { recursive: true });
      writeFileSync(join(dist, "src", "cli", "main.js"), "");
      expect(freshBundle(dist), "no bundle").to.equal(undefined);
      writeFileSync(join(dist, "clausier.cjs"), "");
      const past = new Date(Date.UTC(2020, 0, 1));
      utimesSync(join(dist, "src", "cli", "main.js"), past, past);
      expect(freshBundle(dist), "a bundle newer than the modules").to.equal(join(dist, "clausier.cjs"));
      utimesSync(join(dist, "clausier.cjs"), new Date(Date.UTC(2019, 0, 1)), new Date(Date.UTC(2019, 0, 1)));
      expect(freshBundle(dist), "a bundle older than a module").to.equal(undefined);
    });

    it("keeps V8's optimising compiler for long runs only (batches, the interview, the web server)", () => {
      expect(isOneShot(["build", "a.yaml", "-o", "a.docx"])).to.equal(true);
      expect(isOneShot(["validate", "a.yaml"])).to.equal(true);
      expect(isOneShot(["build", "a.yaml", "b.yaml", "--out-dir", "out"])).to.equal(false);
      expect(isOneShot(["new"])).to.equal(false);
      expect(isOneShot(["serve"])).to.equal(false);
    });

    it("leaves the interview and the web server out of the bundle: they start from the compiled modules", () => {
      const code = readFileSync(join(ROOT, "dist", "clausier.cjs"), "utf8");
      for (const library of ["@inquirer/core", "hono", "htmx.org", "iconv-lite"]) expect(code, library).to.not.contain(`node_modules/${library}/`);
      const r = spawnSync(process.execPath, [BIN, "new", "--help"], { encoding: "utf8", env: { ...process.env, CLAUSIER_STARTUP_REPORT: "1" } });
      expect(r.status).to.equal(0);
      expect(r.stderr).to.contain("started from the compiled modules");
    });
  });
});
