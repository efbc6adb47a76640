#!/usr/bin/env node
// Clausier's command line. `npm ci` (the `prepare` script) compiles the sources to dist/ and bundles them
// with a start-up cache (bin/load-bundle.cjs); without the bundle, the compiled modules are imported.
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const { freshBundle, loadBundle, isOneShot } = createRequire(import.meta.url)("./load-bundle.cjs");
if (isOneShot(args)) setFlagsFromString("--no-opt");

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
// The interview and the web server run for minutes or hours: they start from the compiled modules, which
// keeps them (and their libraries: prompts, HTTP server, pages) out of the bundle every one-shot command loads.
const interactive = args[0] === "new" || args[0] === "serve";
const bundle = process.env.CLAUSIER_NO_BUNDLE === "1" || interactive ? undefined : freshBundle(dist);
let main;
if (bundle !== undefined) {
  const loaded = loadBundle(bundle);
  main = loaded.exports.main;
  if (process.env.CLAUSIER_STARTUP_REPORT === "1") process.stderr.write(`clausier: started from the bundle (${loaded.how})\n`);
} else {
  ({ main } = await import("../dist/src/cli/main.js"));
  if (process.env.CLAUSIER_STARTUP_REPORT === "1") process.stderr.write("clausier: started from the compiled modules\n");
}

// Output piped into a program that stops reading (`clausier licenses MIT | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(args);
