// Run by `npm run build` after compile.mjs: the start-up cache of the command line (bin/load-bundle.cjs).
//  1. esbuild bundles src/cli/main.ts and what it imports, libraries included, into dist/clausier.cjs;
//  2. the bundle is loaded the way bin/clausier.js loads it and runs a few typical commands in-process
//     (the flagship example built, validated and explained, a licence looked up), so that V8 has compiled
//     the functions they use;
//  3. V8's compiled code is saved to dist/clausier.cjs.cache.
// Measured in BENCHMARKS.md ("Start-up"), against a startup snapshot and the plain compiled modules.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "clausier.cjs");
const require = createRequire(import.meta.url);

await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
  // The sources find Clausier's own files from their location (import.meta.url): in the bundle, its own.
  define: { "import.meta.url": "__clausier_bundle_url" },
  banner: { js: 'const __clausier_bundle_url = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: "inline",
  // jsonc-parser's main file is a UMD wrapper whose requires esbuild cannot follow: bundle its ES module build.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  // `new` and `serve` start from the compiled modules (bin/clausier.js): the interview, the web server and
  // their libraries stay out of the bundle every one-shot command loads.
  plugins: [
    {
      name: "interactive-commands-outside-the-bundle",
      setup(b) {
        b.onResolve({ filter: /\/commands\/(new|serve)\.js$/ }, (args) => ({ path: args.path, namespace: "interactive-stub" }));
        b.onLoad({ filter: /.*/, namespace: "interactive-stub" }, (args) => ({
          contents: `const out = () => { throw new Error("clausier ${args.path.includes("serve") ? "serve" : "new"} starts from the compiled modules (bin/clausier.js), not from the bundle"); };
export const runNew = out, runInterview = out, runServe = out;`,
          loader: "js",
        }));
      },
    },
  ],
});

// The cache is made with the settings of a one-shot run, or V8 would refuse it then.
const { loadBundle } = require("../bin/load-bundle.cjs");
setFlagsFromString("--no-opt");
rmSync(`${bundle}.cache`, { force: true });
const { exports, script } = loadBundle(bundle);
const work = mkdtempSync(join(tmpdir(), "clausier-bundle-"));
const io = { out: () => undefined, err: () => undefined, env: {}, interactive: false };
const example = (name) => join(root, "examples", name);
try {
  for (const args of [
    ["licenses", "MIT OR GPL-2.0-only"],
    ["validate", example("grid-operator-fr.yaml")],
    ["explain", example("city-map-server-en.yaml")],
    ["clauses", "list"],
    ["build", example("grid-operator-fr.yaml"), "-o", join(work, "fr.docx")],
    ["build", example("city-map-server-en.yaml"), "-o", join(work, "en.docx")],
  ]) {
    const code = await exports.main(args, io);
    if (code !== 0) throw new Error(`warm-up run failed (exit ${code}): clausier ${args.join(" ")}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(`${bundle}.cache`, script.createCachedData());

// Marks the end of a complete build: test/setup.ts rebuilds when a source is newer than this.
writeFileSync(join(root, "dist", ".build-stamp"), "");
