/**
 * Mocha root hooks, loaded before every test file (.mocharc.json `require`):
 *  - before the run, the compiled command line (dist/, used by the few tests that start `bin/clausier.js`
 *    as a child process) is rebuilt when any of its sources is newer, so no test runs stale code;
 *  - after the run, every temporary folder the tests made (helpers/run.ts `tempDir`) is removed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { removeTempRoot } from "./helpers/temp.js";

const ROOT = join(import.meta.dirname, "..");
const STAMP = join(ROOT, "dist", ".build-stamp");
const SOURCES = ["src", "clauses", "templates", "schemas", "data", "messages", "scripts", "package.json", "tsconfig.json", "tsconfig.build.json"];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

export function mochaGlobalSetup(): void {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (sources > built) {
    process.stderr.write("dist/ is older than its sources: rebuilding (npm run build) before the tests\n");
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
  }
}

export const mochaHooks = {
  afterAll(): void {
    removeTempRoot();
  },
};
