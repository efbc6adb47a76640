// Start-up cache for Clausier's command line (see BENCHMARKS.md, "Start-up"): `npm run build` bundles the
// sources into one file, dist/clausier.cjs (scripts/bundle.mjs), and records V8's compiled code for it in
// dist/clausier.cjs.cache after a warm-up run. Loading the bundle with that cache skips parsing and compiling
// most of Clausier and its libraries. Every step falls back cleanly: no bundle, or a bundle older than the
// compiled modules in dist/src (a partial rebuild), means the modules are imported as usual; a cache V8
// rejects (another Node.js version or other flags) means the bundle is compiled as usual.
"use strict";
const { existsSync, readFileSync, readdirSync, statSync } = require("node:fs");
const { dirname, join } = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

/** The newest modification time of the files under a folder (0 when it does not exist). */
function newest(folder) {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** The bundle to load, or undefined when there is none or it is older than the compiled modules. */
function freshBundle(dist) {
  const bundle = join(dist, "clausier.cjs");
  if (!existsSync(bundle)) return undefined;
  return statSync(bundle).mtimeMs >= newest(join(dist, "src")) ? bundle : undefined;
}

/**
 * Loads the bundle with its code cache. Returns its exports and how it was loaded ("cache", "cache
 * rejected", "no cache"), for the start-up report.
 */
function loadBundle(bundle) {
  const cacheFile = `${bundle}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dirname(bundle));
  const how = cachedData === undefined ? "no cache" : script.cachedDataRejected ? "cache rejected" : "cache";
  return { exports: module.exports, script, how };
}

/**
 * Whether a run is one short process: V8's optimising compiler then costs more CPU time than it saves, so
 * it is turned off (the cache is made with the same setting, or V8 would reject it). Batches, the web server
 * and the interview keep it.
 */
function isOneShot(args) {
  return !args.includes("--out-dir") && args[0] !== "serve" && args[0] !== "new";
}

module.exports = { freshBundle, loadBundle, isOneShot, newest };
