/** Reads and validates an answers file for a command; file problems become usage errors (exit 2). */
import { readFileSync, statSync } from "node:fs";
import { validateAnswersBytes, type Validation } from "../validation/validate.js";
import { UserError } from "./errors.js";

const MAX_BYTES = 2 * 1024 * 1024;

export function readAnswersFile(file: string): Validation & { readonly bytes?: Uint8Array } {
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UserError(`${file} is a folder, not an answers file`);
    if (stat.size > MAX_BYTES) {
      throw new UserError(`${file} is too large to be an answers file (${stat.size} bytes, at most ${MAX_BYTES})`, undefined, "Check that you gave the right file.");
    }
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserError(`${file} does not exist`, undefined, "Check the path; examples are in the examples/ folder.");
    if (code === "EACCES") throw new UserError(`${file} cannot be read: permission denied`);
    throw new UserError(`${file} cannot be read: ${(e as Error).message}`);
  }
  return { ...validateAnswersBytes(file, bytes), bytes };
}
