// Writes a new file so that it is either complete or absent: the text goes to a temporary file in the
// same folder, is flushed to disk, and is then linked under its name (which fails if the name exists,
// like the "wx" flag). A full disk or a crash therefore never leaves a truncated migration behind, which
// `db upgrade` would refuse as invalid and `migrate-domain-models` would count as pending.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { ProjectError } from "./project-errors.ts";

/** The one step a full disk interrupts; replaceable so that tests can make it fail part-way. */
export type WriteChunk = (fd: number, data: Uint8Array, offset: number) => number;

const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

const writeChunk: WriteChunk = (fd, data, offset) => writeSync(fd, data, offset);

export function writeNewFile(file: string, text: string, write: WriteChunk = writeChunk): void {
  // Starts with a dot and does not end in .ts: never mistaken for a migration, even if left by a crash.
  const temporary = join(dirname(file), `.${basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const fd = openSync(temporary, "wx");
    try {
      const data = Buffer.from(text, "utf8");
      for (let offset = 0; offset < data.length; ) offset += write(fd, data, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temporary, file);
    } catch (error) {
      // No hard links on this file system (FAT, some network mounts): rename, which would replace a
      // file of the same name, so only when there is none.
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      if (existsSync(file)) throw Object.assign(new Error(`${file} exists`), { code: "EEXIST" });
      renameSync(temporary, file);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw ProjectError.migrationExists(file);
    throw ProjectError.writeFailed(file, error);
  } finally {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already gone
    }
  }
}
