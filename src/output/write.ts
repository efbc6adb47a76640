/**
 * Writing a file the safe way: never through a symbolic link, never over an existing file without
 * `force`, never half-written. The bytes go to a temporary file in the same folder, are flushed to disk,
 * optionally checked, and only then published under the final name in one step.
 */
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { OutputError } from "../errors.js";

export { OutputError };


export interface WriteOptions {
  /** Replace an existing regular file. Never replaces a link or a folder. */
  readonly force?: boolean;
  /** Runs on the written temporary file before it is published; throwing stops the publication. */
  readonly check?: (tempPath: string) => void;
}

let counter = 0;

function refuseUnsafeTarget(path: string, force: boolean): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw new OutputError("io", path, `cannot check ${path}: ${(e as Error).message}`);
  }
  if (stat.isSymbolicLink()) {
    throw new OutputError("symlink", path, `${path} is a symbolic link; Clausier does not write through links, even with --force`, "Choose another output path, or remove the link.");
  }
  if (!stat.isFile()) throw new OutputError("not-a-file", path, `${path} exists and is not a regular file`, "Choose another output path.");
  if (!force) throw new OutputError("exists", path, `${path} already exists; it was left untouched`, "Choose another output path, or add --force to replace it.");
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
  refuseUnsafeTarget(path, force);

  const temp = join(folder, `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new OutputError("no-folder", path, `the folder ${folder} does not exist`, "Create the folder first, or choose another output path.");
    throw new OutputError("io", path, `cannot write in ${folder}: ${(e as Error).message}`);
  }
  let checking = false;
  try {
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    checking = true;
    options.check?.(temp);
    checking = false;
    // Checked again: the path may have changed while the file was being written.
    refuseUnsafeTarget(path, force);
    if (force) {
      renameSync(temp, path);
    } else {
      try {
        linkSync(temp, path); // fails with EEXIST if a file appeared meanwhile: never overwrites
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST") throw new OutputError("exists", path, `${path} already exists; it was left untouched`, "Choose another output path, or add --force to replace it.");
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
    throw new OutputError("io", path, `cannot write ${path}: ${(e as Error).message}`);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place.
    }
  }
}
