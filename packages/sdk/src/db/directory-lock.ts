// PGlite has no lock between processes: two processes opening one data directory both "succeed" and one
// loses committed rows. Every open of the embedded database therefore holds this lock: a file beside the
// directory naming its holder (lock-file.ts makes creating and taking over that file atomic). A holder
// that died (kill -9, crash) is detected by its pid and replaced; a live one is waited for, then
// reported by pid and command.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseError, type LockHolder } from "./database-errors.ts";
import {
  createExclusively,
  inspectLockFile,
  isStale,
  type LockRecord,
  parseLockRecord,
  removeStale,
  unlinkQuietly,
} from "./lock-file.ts";
import { commandLine } from "./process-label.ts";

export interface DirectoryLockOptions {
  /** How long to wait for another process to release the lock; Infinity waits as long as it lives. */
  timeoutMs?: number;
  pollMs?: number;
  /** Called once, when the lock is found held by a live process and waiting begins. */
  onWait?: (holder: LockHolder) => void;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

export async function acquireDirectoryLock(
  dir: string,
  options: DirectoryLockOptions = {},
): Promise<() => void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 100;
  const lockPath = `${dir}.lock`;
  const me: LockRecord = {
    pid: process.pid,
    command: commandLine(),
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  const mine = JSON.stringify(me);
  mkdirSync(dirname(lockPath), { recursive: true });
  const started = Date.now();
  let told = false;

  for (;;) {
    if (createExclusively(lockPath, mine)) return releaser(lockPath, me);
    const current = inspectLockFile(lockPath);
    if (current === undefined) continue; // released between the two calls
    if (isStale(current)) {
      removeStale(lockPath, current, mine);
      continue;
    }
    const holder = current.record ?? {
      pid: 0,
      command: "unknown (its lock file is being written)",
      since: "unknown",
    };
    if (!told && current.record) {
      told = true;
      options.onWait?.(holderOf(current.record));
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) throw DatabaseError.locked(dir, holderOf(holder), waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, timeoutMs - waited)));
  }
}

/** Who holds the lock on `dir` now, if anyone alive does. */
export function lockHolder(dir: string): LockHolder | undefined {
  const current = inspectLockFile(`${dir}.lock`);
  return current?.record && !isStale(current) ? holderOf(current.record) : undefined;
}

function holderOf(record: LockRecord): LockHolder {
  return { pid: record.pid, command: record.command, since: record.since };
}

function releaser(lockPath: string, me: LockRecord): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only this lock: a process that died holding it may have been replaced by another holder since.
    const current = inspectLockFile(lockPath);
    if (current && parseLockRecord(current.raw)?.nonce === me.nonce) unlinkQuietly(lockPath);
  };
  // An exiting process (process.exit, uncaught error) gives the lock back instead of leaving it stale.
  process.on("exit", release);
  return release;
}
