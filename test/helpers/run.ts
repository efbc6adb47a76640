/**
 * Running the command line in tests. `runMain` calls it in this process through `main(argv, io)`, on the
 * current sources (fast: most tests); `runCli` starts the real `bin/clausier.js` as a child process, for the
 * few tests about the process itself (exit status, pipes, time zones, terminals). test/setup.ts rebuilds
 * dist/ first when it is older than the sources.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { tempDir } from "./temp.js";

export { tempDir } from "./temp.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "clausier.js");

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real binary in a child process. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, CLAUSIER_LANG: "", LANG: "C.UTF-8", ...options.env },
    encoding: "utf8",
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command line in this process, on the current sources; paths in `args` should be absolute. */
export async function runMain(args: readonly string[], options: { env?: Record<string, string>; interactive?: boolean } = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (text) => void (stdout += text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => void (stderr += text.endsWith("\n") ? text : `${text}\n`),
    env: { LANG: "C.UTF-8", ...options.env },
    interactive: options.interactive ?? false,
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

/** Writes an answers file into a fresh temporary folder and returns its path. */
export function answersFile(content: string | Uint8Array, name = "answers.yaml"): string {
  const file = join(tempDir(), name);
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
    justification: Interoperability with the buyer's existing systems
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

/** The WordprocessingML schema shipped with the tests (see test/schemas/README.md). */
export const WML_SCHEMA = join(ROOT, "test", "schemas", "ooxml", "microsoft", "wml-2010.xsd");

/** xmllint's verdict on one WordprocessingML part against the schema, offline. */
export function xmlSchemaProblems(xml: string, name = "document.xml"): string | undefined {
  requireTool("xmllint", "libxml2-utils");
  const file = join(tempDir("xsd-"), name.replace(/\//g, "_"));
  writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--nonet", "--noout", "--schema", WML_SCHEMA, file], { encoding: "utf8" });
  return r.status === 0 ? undefined : r.stderr;
}

/** An Io that prints nothing, for calling commands directly. */
export function quietIo(): Io {
  return { out: () => undefined, err: () => undefined, env: { LANG: "C.UTF-8" }, interactive: false };
}
