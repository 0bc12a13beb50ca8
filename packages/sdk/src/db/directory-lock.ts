// PGlite has no lock between processes: two processes opening one data directory both "succeed" and one
// loses committed rows. Every open of the embedded database therefore holds this lock: a file beside the
// directory, created exclusively, naming its holder. A holder that died (kill -9, crash) is detected by
// its pid and replaced; a live one is waited for, then reported by pid and command.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname } from "node:path";
import { DatabaseError, type LockHolder } from "./database-errors.ts";

export interface DirectoryLockOptions {
  /** How long to wait for another process to release the lock. */
  timeoutMs?: number;
  pollMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;

export async function acquireDirectoryLock(
  dir: string,
  options: DirectoryLockOptions = {},
): Promise<() => void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 100;
  const lockPath = `${dir}.lock`;
  const me: LockHolder = { pid: process.pid, command: commandLine(), since: new Date().toISOString() };
  mkdirSync(dirname(lockPath), { recursive: true });
  const started = Date.now();

  for (;;) {
    if (tryCreate(lockPath, me)) return releaser(lockPath);
    const raw = readIfExists(lockPath);
    const holder = raw === undefined ? undefined : parseHolder(raw);
    if (holder && !isAlive(holder.pid)) {
      removeIfUnchanged(lockPath, raw!);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      throw DatabaseError.locked(dir, holder ?? { pid: 0, command: "unknown", since: "unknown" }, waited);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, timeoutMs - waited)));
  }
}

/** Who holds the lock on `dir` now, if anyone alive does. */
export function lockHolder(dir: string): LockHolder | undefined {
  const raw = readIfExists(`${dir}.lock`);
  const holder = raw === undefined ? undefined : parseHolder(raw);
  return holder && isAlive(holder.pid) ? holder : undefined;
}

function tryCreate(lockPath: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

function releaser(lockPath: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    const holder = parseHolder(readIfExists(lockPath) ?? "");
    if (holder?.pid === process.pid) unlinkQuietly(lockPath);
  };
  // An exiting process (process.exit, uncaught error) gives the lock back instead of leaving it stale.
  process.on("exit", release);
  return release;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as LockHolder;
    return typeof value.pid === "number" ? value : undefined;
  } catch {
    return undefined; // being written right now: treat as held
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Only remove the stale file we inspected: another process may have replaced it meanwhile.
function removeIfUnchanged(lockPath: string, inspected: string): void {
  if (readIfExists(lockPath) === inspected) unlinkQuietly(lockPath);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function commandLine(): string {
  const [, script, ...args] = process.argv;
  return [script ? basename(script) : basename(process.execPath), ...args].join(" ");
}
