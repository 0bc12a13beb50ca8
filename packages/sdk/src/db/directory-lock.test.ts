import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Database } from "./database.ts";
import { acquireDirectoryLock, lockHolder } from "./directory-lock.ts";

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
});
