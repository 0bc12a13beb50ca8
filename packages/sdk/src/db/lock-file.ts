// The file primitives under the directory lock. Three properties make it safe:
// - a lock file appears whole or not at all: it is written to a private temporary file and linked into
//   place (link fails if the name exists), so no reader ever sees it empty or half-written;
// - a lock file is identified by its inode, modification time and content, so a new lock at the same
//   path is never mistaken for the stale one that was inspected;
// - removing a stale lock first takes an exclusive claim named after that identity, so of all the
//   processes that saw the same stale file, exactly one removes it, and only while it is still there.
//   A claim left by a process that died is itself stale and is taken over the same way.
import { createHash, randomUUID } from "node:crypto";
import { closeSync, fstatSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";

export interface LockRecord {
  pid: number;
  command: string;
  since: string;
  /** Tells two locks of one process apart (a pid alone is reused). */
  nonce?: string;
}

export interface InspectedLockFile {
  raw: string;
  /** Inode, modification time and content: differs for every file ever created at the path. */
  identity: string;
  ageMs: number;
  record?: LockRecord;
}

/**
 * A lock file whose content cannot be read (written by a crashed process or on a full disk by an older
 * version) is stale once it is this old; before that it may still be being written.
 */
export const UNREADABLE_LOCK_GRACE_MS = 2_000;

/** Creates `path` holding `content`, atomically and only if it does not exist. */
export function createExclusively(path: string, content: string): boolean {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temporary, content, { flag: "wx" });
    try {
      linkSync(temporary, path);
    } catch (error) {
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      // A file system without hard links (FAT, some network mounts): exclusive create, then write. A
      // reader may see it empty for a moment, which the grace period for unreadable files covers.
      writeFileSync(path, content, { flag: "wx" });
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

/** The file at `path` now, read through one descriptor so content and identity belong together. */
export function inspectLockFile(path: string): InspectedLockFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    const raw = readFileSync(fd, "utf8");
    const identity = createHash("sha256")
      .update(`${stat.dev}:${stat.ino}:${stat.mtimeNs}:${stat.size}:${raw}`)
      .digest("hex")
      .slice(0, 24);
    const ageMs = Date.now() - Number(stat.mtimeMs);
    const record = parseLockRecord(raw);
    return record ? { raw, identity, ageMs, record } : { raw, identity, ageMs };
  } finally {
    closeSync(fd);
  }
}

export function parseLockRecord(raw: string): LockRecord | undefined {
  try {
    const value = JSON.parse(raw) as LockRecord;
    return typeof value?.pid === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Its holder died, or it could never be read and is past the grace period. */
export function isStale(file: InspectedLockFile): boolean {
  if (file.record) return !isAlive(file.record.pid);
  return file.ageMs > UNREADABLE_LOCK_GRACE_MS;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the stale file `inspected` from `path`, unless another process is already doing so or it has
 * gone. True when this process removed it; either way the caller looks at the path again.
 */
export function removeStale(path: string, inspected: InspectedLockFile, claimant: string): boolean {
  const claimPath = `${path}.claim-${inspected.identity}`;
  for (;;) {
    if (createExclusively(claimPath, claimant)) break;
    const claim = inspectLockFile(claimPath);
    if (claim === undefined) continue; // its claimant finished just now
    if (!isStale(claim)) return false; // a live process is removing it
    if (!removeStale(claimPath, claim, claimant)) return false;
  }
  try {
    // Only a holder of this claim removes this file, so it cannot change between the check and the unlink.
    if (inspectLockFile(path)?.identity !== inspected.identity) return false;
    unlinkQuietly(path);
    return true;
  } finally {
    unlinkQuietly(claimPath);
  }
}

export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
