/**
 * Reading a file a person gives Clausier (answers, SBOM) within a size limit that holds whatever the file is:
 * a regular file's size is checked first, and pipes and devices (`/dev/stdin`, `/dev/zero`) are read in
 * chunks and refused as soon as they pass the limit, so that nothing unbounded is ever held in memory.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export type ReadProblem = "missing" | "folder" | "denied" | "too-large" | "unreadable";

export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly problem: ReadProblem,
    readonly path: string,
    /** The limit, for too-large; the system's words, for unreadable. */
    readonly detail?: string | number,
  ) {
    super(`${path}: ${problem}`);
  }
}

export function readLimited(path: string, limit: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new InputError("missing", path);
    if (code === "EISDIR") throw new InputError("folder", path);
    if (code === "EACCES" || code === "EPERM") throw new InputError("denied", path);
    throw new InputError("unreadable", path, (e as Error).message);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError("folder", path);
    if (stat.isFile() && stat.size > limit) throw new InputError("too-large", path, limit);
    return readOpened(fd, path, limit);
  } finally {
    closeSync(fd);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads an open file to its end, refusing it as soon as it passes `limit` bytes. The caller closes it. */
export function readOpened(fd: number, path: string, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EISDIR") throw new InputError("folder", path);
      if (code === "EAGAIN") {
        // A pipe opened without blocking (a shell may leave standard input so) with nothing to read yet:
        // wait a little rather than spin.
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      throw new InputError("unreadable", path, (e as Error).message);
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw new InputError("too-large", path, limit);
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
  return Buffer.concat(chunks, total);
}
