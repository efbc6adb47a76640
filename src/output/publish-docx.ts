/** Publishing a Word file: the safe writer, with the validity gate run on the written temporary file. */
import { readFileSync } from "node:fs";
import { assertValidDocx } from "../word/validity.js";
import { writeFileSafely, type WriteOptions } from "./write.js";

export function publishDocx(path: string, bytes: Uint8Array, options: Omit<WriteOptions, "check"> = {}): void {
  writeFileSafely(path, bytes, { ...options, check: (temp) => assertValidDocx(readFileSync(temp)) });
}
