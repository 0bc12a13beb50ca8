import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Database } from "./database.ts";
import { acquireDirectoryLock, lockHolder } from "./directory-lock.ts";
import { UNREADABLE_LOCK_GRACE_MS } from "./lock-file.ts";

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "orch-lock-"));
  dirs.push(dir);
  return join(dir, "db");
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real other process that stays alive, standing in for a CLI holding the database. */
function otherProcess() {
  const child = spawn(
    process.execPath,
    ["-e", "setTimeout(() => {}, 60000)", "orchestrator", "db", "upgrade"],
    { stdio: "ignore" },
  );
  return child;
}

/** The pid of a process that has exited, standing in for a holder that crashed. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

const WORKER = fileURLToPath(new URL("./testing/lock-takeover-worker.ts", import.meta.url));

function runWorker(dataDir: string, rounds: number, dead: number): Promise<{ overlaps: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [WORKER, dataDir, String(rounds), String(dead)], (error, stdout, stderr) => {
      if (error) reject(new Error(`worker failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { overlaps: number });
    });
  });
}

describe("directory lock", () => {
  it("is exclusive within the timeout and names the holder's pid and command", async () => {
    const dataDir = tempDataDir();
    const child = otherProcess();
    try {
      writeFileSync(
        `${dataDir}.lock`,
        JSON.stringify({
          pid: child.pid,
          command: "orchestrator db upgrade heads",
          since: "2026-11-25T00:00:00Z",
        }),
      );
      const started = Date.now();
      const error = await acquireDirectoryLock(dataDir, { timeoutMs: 400, pollMs: 50 }).catch(
        (e: unknown) => e,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(380);
      expect(error).toMatchObject({ code: "ORCH_DATABASE_LOCKED" });
      expect((error as Error).message).toContain(`process ${child.pid}`);
      expect((error as Error).message).toContain("orchestrator db upgrade heads");
      expect(lockHolder(dataDir)?.pid).toBe(child.pid);
    } finally {
      child.kill();
    }
  });

  it("waits for a holder that releases within the timeout", async () => {
    const dataDir = tempDataDir();
    const release = await acquireDirectoryLock(dataDir);
    setTimeout(release, 200);
    const started = Date.now();
    const second = await acquireDirectoryLock(dataDir, { timeoutMs: 5000, pollMs: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")).pid).toBe(process.pid);
    second();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("replaces the lock of a process that died without releasing it", async () => {
    const dataDir = tempDataDir();
    const child = otherProcess();
    const deadPid = child.pid!;
    await new Promise<void>((resolve) => {
      child.on("exit", () => resolve());
      child.kill("SIGKILL");
    });
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: deadPid, command: "crashed", since: "x" }));
    const release = await acquireDirectoryLock(dataDir, { timeoutMs: 200 });
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("is held while an embedded database is open and released when it closes", async () => {
    const dataDir = tempDataDir();
    const db = await Database.open({ kind: "pglite", dataDir });
    expect(lockHolder(dataDir)?.pid).toBe(process.pid);
    await expect(Database.open({ kind: "pglite", dataDir }, { lockTimeoutMs: 100 })).rejects.toMatchObject({
      code: "ORCH_DATABASE_LOCKED",
    });
    await db.close();
    expect(lockHolder(dataDir)).toBeUndefined();
    const again = await Database.open({ kind: "pglite", dataDir }, { lockTimeoutMs: 100 });
    await again.close();
  });

  it("lets exactly one of many processes take over each crashed holder's lock", async () => {
    // 8 processes, 70 rounds each: every acquisition takes over a lock whose holder is dead. A
    // takeover that deletes a lock it did not inspect lets two processes in at once.
    const dataDir = tempDataDir();
    const dead = await deadPid();
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: dead, command: "crashed", since: "x" }));
    const results = await Promise.all(Array.from({ length: 8 }, () => runWorker(dataDir, 70, dead)));
    expect(results.map((r) => r.overlaps)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  }, 120_000);

  it("takes over an empty lock file once it is older than the grace period", async () => {
    // What a crash or a full disk leaves while an older version wrote its lock file.
    const dataDir = tempDataDir();
    writeFileSync(`${dataDir}.lock`, "");
    const old = new Date(Date.now() - UNREADABLE_LOCK_GRACE_MS - 5_000);
    utimesSync(`${dataDir}.lock`, old, old);
    const release = await acquireDirectoryLock(dataDir, { timeoutMs: 0 });
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")).pid).toBe(process.pid);
    release();
  });

  it("treats a fresh unreadable lock file as held: it may still be being written", async () => {
    const dataDir = tempDataDir();
    writeFileSync(`${dataDir}.lock`, '{"pid":');
    await expect(acquireDirectoryLock(dataDir, { timeoutMs: 0 })).rejects.toMatchObject({
      code: "ORCH_DATABASE_LOCKED",
    });
  });

  it("without a timeout waits for as long as the holder lives, and says once whom it waits for", async () => {
    const dataDir = tempDataDir();
    const child = otherProcess();
    writeFileSync(
      `${dataDir}.lock`,
      JSON.stringify({ pid: child.pid, command: "orchestrator db upgrade heads", since: "x" }),
    );
    const waitedFor: number[] = [];
    const acquiring = acquireDirectoryLock(dataDir, {
      timeoutMs: Number.POSITIVE_INFINITY,
      pollMs: 20,
      onWait: (holder) => waitedFor.push(holder.pid),
    });
    // Kill the holder only once the waiter has seen it alive.
    while (waitedFor.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill("SIGKILL");
    const release = await acquiring;
    expect(waitedFor).toEqual([child.pid]);
    release();
  });
});
