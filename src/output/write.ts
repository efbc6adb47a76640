/**
 * Writing a file the safe way: never through a symbolic link, never over an existing file without `force`,
 * never half-written. The bytes go to a temporary file in the same folder (a random name that cannot collide
 * with another process's, short enough for any file name), are flushed to disk, optionally checked, and only
 * then published under the final name in one step. A replaced file keeps its permissions. The temporary file
 * is removed on failure, and when the process is interrupted (Ctrl-C, SIGTERM) while writing.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.js";

export { OutputError };

export interface WriteOptions {
  /** Replace an existing regular file. Never replaces a link or a folder. */
  readonly force?: boolean;
  /** Runs on the written temporary file before it is published; throwing stops the publication. */
  readonly check?: (tempPath: string) => void;
}

/**
 * Checks that a file may be written at `target`: not a link, not a folder, absent unless `force`. Returns
 * what is there, if anything. Commands that write several files check them all before writing any.
 */
export function checkOutputPath(target: string, force: boolean): Stats | undefined {
  const path = resolve(target);
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      try {
        if (!lstatSync(dirname(path)).isDirectory()) throw new OutputError("no-folder", path);
      } catch (inner) {
        if (inner instanceof OutputError) throw inner;
        throw new OutputError("no-folder", path);
      }
      return undefined;
    }
    throw new OutputError("io", path, (e as Error).message);
  }
  if (stat.isSymbolicLink()) throw new OutputError("symlink", path);
  if (!stat.isFile()) throw new OutputError("not-a-file", path);
  if (!force) throw new OutputError("exists", path);
  return stat;
}

/** Temporary files being written, removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

function removePending(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  }
  pending.clear();
}

function installInterruptHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      removePending();
      // Exit as the signal would have: 128 + its number.
      process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
    });
  }
  process.on("exit", removePending);
}

/** `.annex.docx.<random>.tmp`, with the name cut so that the whole stays within 255 bytes. */
function temporaryName(path: string): string {
  const random = randomBytes(6).toString("hex");
  let base = basename(path);
  while (Buffer.byteLength(`.${base}.${random}.tmp`) > 255) base = [...base].slice(0, -1).join("");
  return join(dirname(path), `.${base}.${random}.tmp`);
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a folder; the rename itself is still atomic.
  }
}

export function writeFileSafely(target: string, bytes: Uint8Array, options: WriteOptions = {}): void {
  const path = resolve(target);
  const folder = dirname(path);
  const force = options.force ?? false;
  const existing = checkOutputPath(path, force);

  installInterruptHandlers();
  const temp = temporaryName(path);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new OutputError("no-folder", path);
    throw new OutputError("io", path, (e as Error).message);
  }
  pending.add(temp);
  let checking = false;
  try {
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // A replaced file keeps its permissions (a shared folder's group write, say).
    if (existing !== undefined) chmodSync(temp, existing.mode & 0o7777);
    checking = true;
    options.check?.(temp);
    checking = false;
    // Checked again: the path may have changed while the file was being written.
    checkOutputPath(path, force);
    if (force) {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path); // fails with EEXIST if a file appeared meanwhile: never overwrites
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw new OutputError("exists", path);
        if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "EXDEV") {
          copyFileSync(temp, path, constants.COPYFILE_EXCL); // file systems without hard links
        } else {
          throw e;
        }
      }
    }
    syncFolder(folder);
  } catch (e) {
    if (e instanceof OutputError || checking) throw e;
    throw new OutputError("io", path, (e as Error).message);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place.
    }
    pending.delete(temp);
  }
}
