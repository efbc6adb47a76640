/** Where Clausier's own data lives: the package root, whether running from src/ (tsx) or dist/src/. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "clauses"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Clausier's installation is incomplete: package.json and clauses/ not found");
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot();
export const dataFile = (name: string): string => resolve(PACKAGE_ROOT, "data", name);
export const schemaFile = (name: string): string => resolve(PACKAGE_ROOT, "schemas", name);
export const CLAUSES_DIR = resolve(PACKAGE_ROOT, "clauses");
export const TEMPLATES_DIR = resolve(PACKAGE_ROOT, "templates");
export const GENERATED_DIR = resolve(PACKAGE_ROOT, "generated");
