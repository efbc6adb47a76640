/** Temporary folders for tests: all under one folder per run, removed when the run ends (test/setup.ts). */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let root: string | undefined;

export function tempDir(prefix = "t-"): string {
  root ??= mkdtempSync(join(tmpdir(), "clausier-tests-"));
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}

export function removeTempRoot(): void {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
}

process.once("exit", removeTempRoot);
