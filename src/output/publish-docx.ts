/**
 * Publishing a Word file through the safe writer. A package made by packDocx passed the validity gate
 * before it was zipped: the written temporary file is checked to hold exactly its bytes. Bytes from
 * anywhere else get the whole gate on the written file. Either way nothing is published on failure.
 */
import { readFileSync } from "node:fs";
import { AnnexValidityError } from "../errors.js";
import type { PackedDocx } from "../word/package.js";
import { docxProblems } from "../word/validity.js";
import { writeFileSafely, type WriteOptions } from "./write.js";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

export function publishDocx(path: string, docx: PackedDocx | Uint8Array, options: Omit<WriteOptions, "check"> = {}): void {
  const bytes = docx instanceof Uint8Array ? docx : docx.bytes;
  writeFileSafely(path, bytes, {
    ...options,
    check: (temp) => {
      const written = readFileSync(temp);
      const problems = docx instanceof Uint8Array ? docxProblems(written) : sameBytes(written, bytes) ? [] : ["the file written differs from the package that was checked"];
      if (problems.length > 0) throw new AnnexValidityError(problems);
    },
  });
}
