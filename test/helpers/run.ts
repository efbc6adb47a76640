/** Runs the real command line (bin/clausier.js, compiled by `npm test`) in a child process. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "clausier.js");

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = "clausier-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes an answers file into a fresh temporary folder and returns its path. */
export function answersFile(content: string | Uint8Array, name = "answers.yaml"): string {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** A valid answers file (YAML) in English, to be varied by tests. */
export const BASE_ANSWERS = `schemaVersion: 1
tender:
  title: Test tender
  reference: TEST-2026-001
  buyer: Test Buyer
  language: en
  issueDate: 2026-12-01
openSource:
  scope: partial
  needs:
    - A need
components:
  - name: Component A
    purpose: Does something
    license: MIT
licensePolicy:
  definition: [osi, fsf]
  allowedClasses: [permissive, weak-copyleft]
`;

/** Fails, saying which Debian package to install, when a tool the test needs is missing (never skips). */
export function requireTool(tool: string, pkg: string): void {
  if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
    throw new Error(`${tool} is not installed: install the Debian package ${pkg} (apt-get install ${pkg}); .ci/run does it`);
  }
}
