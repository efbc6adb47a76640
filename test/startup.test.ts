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
import { BIN, ROOT, tempDir } from "./helpers/run.js";

const FLAGSHIP = join(ROOT, "examples", "grid-operator-fr.yaml");

/** The files a run of the command loads, relative to the package root. */
function modulesLoaded(args: string[]): string[] {
  const trace = join(tempDir("trace-"), "modules.txt");
  const r = spawnSync(process.execPath, ["--import", join(ROOT, "test", "helpers", "trace-modules.mjs"), BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, CLAUSIER_TRACE_MODULES: trace, CLAUSIER_LANG: "", LANG: "C.UTF-8" },
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
});
