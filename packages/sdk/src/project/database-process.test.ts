import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDirectoryLock } from "../db/directory-lock.ts";
import { loadRegistry } from "../model/load-registry.ts";
import { createTestDatabase } from "../testing/databases.ts";
import { compareWithoutDatabase } from "./compare-with-database.ts";
import { runInDatabaseProcess, startDatabaseProcess } from "./database-process.ts";

const USER_MODEL = fileURLToPath(new URL("../model/__fixtures__/user-model.ts", import.meta.url));
const noMigrations = mkdtempSync(join(tmpdir(), "orch-no-migrations-"));
const database = await createTestDatabase("pglite");
afterAll(async () => {
  rmSync(noMigrations, { recursive: true, force: true });
  await database.dispose();
});

describe("runInDatabaseProcess (embedded database)", () => {
  it("reads the state, upgrades, compares and lists products, each in a process that then exits", async () => {
    const model = await loadRegistry(USER_MODEL);
    const before = await runInDatabaseProcess(database.target, {
      kind: "state",
      migrationsDir: noMigrations,
      model,
    });
    expect(before.noSchema).toBe(true);
    expect(before.pending.length).toBeGreaterThan(0);
    expect(before.comparison).toBeUndefined();

    const applied = await runInDatabaseProcess(database.target, {
      kind: "upgrade",
      migrationsDir: noMigrations,
    });
    expect(applied).toEqual(before.pending);

    const after = await runInDatabaseProcess(database.target, {
      kind: "state",
      migrationsDir: noMigrations,
      model,
    });
    expect(after).toMatchObject({ noSchema: false, pending: [] });
    expect(after.comparison!.changes.createProductBlocks.map((c) => c.block).sort()).toEqual([
      "UserBlock",
      "UserGroupBlock",
    ]);
    // Nothing changed since: the caller's comparison still holds, none is read.
    const again = await runInDatabaseProcess(database.target, {
      kind: "state",
      migrationsDir: noMigrations,
      model,
      compareUnlessFingerprint: after.fingerprint,
    });
    expect(again).toEqual({ fingerprint: after.fingerprint, noSchema: false, pending: [] });

    expect(await runInDatabaseProcess(database.target, { kind: "products" })).toEqual([]);
  });

  it("gives the task's error with its code, e.g. when another process holds the database", async () => {
    if (database.target.kind !== "pglite") throw new Error("expected an embedded database");
    const release = await acquireDirectoryLock(database.target.dataDir);
    try {
      const error = (await runInDatabaseProcess(
        database.target,
        { kind: "products" },
        { lockTimeoutMs: 200 },
      ).then(
        () => ({}),
        (e: unknown) => e,
      )) as { code?: string; message?: string };
      expect(error).toMatchObject({ code: "ORCH_DATABASE_LOCKED" });
      expect(error.message).toContain(String(process.pid));
    } finally {
      release();
    }
  });

  it("a started process holds the database until its task, then answers it and lets it go", async () => {
    if (database.target.kind !== "pglite") throw new Error("expected an embedded database");
    const started = startDatabaseProcess(database.target);
    // Opened before the task is known: this process cannot take the lock meanwhile.
    expect(await waitUntilLocked(database.target.dataDir)).toBe(true);
    expect(await started.run({ kind: "products" })).toEqual([]);
    const release = await acquireDirectoryLock(database.target.dataDir, { timeoutMs: 10_000 });
    release();
  });

  it("a started process that gets no task closes the database and lets it go", async () => {
    if (database.target.kind !== "pglite") throw new Error("expected an embedded database");
    const started = startDatabaseProcess(database.target);
    expect(await waitUntilLocked(database.target.dataDir)).toBe(true);
    started.cancel();
    const release = await acquireDirectoryLock(database.target.dataDir, { timeoutMs: 10_000 });
    release();
    await expect(started.run({ kind: "products" })).rejects.toThrow("a database process runs one task");
  });
});

describe("startDatabaseProcess with readAheadFor (a language server starting)", () => {
  it("reads the state and the metadata while the models load, as the state task would", async () => {
    const model = await loadRegistry(USER_MODEL);
    // The first test upgraded the database: the comparison is of models the database does not have yet.
    const expected = await runInDatabaseProcess(database.target, {
      kind: "state",
      migrationsDir: noMigrations,
      model,
    });
    const started = startDatabaseProcess(database.target, { readAheadFor: noMigrations });
    const ahead = await started.readAhead;
    expect(ahead).toBeTruthy();
    const { comparison, ...withoutComparison } = expected;
    expect(ahead!.state).toEqual(withoutComparison);
    expect(ahead!.metadata).toEqual(comparison!.snapshot);
    // Its models touch nothing the database has: no count to read, the caller compares them itself.
    expect(compareWithoutDatabase(ahead!.metadata!, model)).toEqual(comparison);
    // And the task, had it been sent, answers from what was read ahead.
    expect(await started.run({ kind: "state", migrationsDir: noMigrations, model })).toEqual(expected);
  });

  it("says it read nothing when it could not open the database, and the task gives the reason", async () => {
    if (database.target.kind !== "pglite") throw new Error("expected an embedded database");
    const release = await acquireDirectoryLock(database.target.dataDir);
    try {
      const started = startDatabaseProcess(database.target, {
        readAheadFor: noMigrations,
        lockTimeoutMs: 200,
      });
      // A parent waiting for the reading must not wait for ever: the process tells it there is none.
      expect(await started.readAhead).toBeNull();
      await expect(started.run({ kind: "state", migrationsDir: noMigrations })).rejects.toMatchObject({
        code: "ORCH_DATABASE_LOCKED",
      });
    } finally {
      release();
    }
  });

  it("reads nothing ahead for a task of another folder, and answers it as usual", async () => {
    const other = mkdtempSync(join(tmpdir(), "orch-other-migrations-"));
    try {
      const started = startDatabaseProcess(database.target, { readAheadFor: noMigrations });
      const state = await started.run({ kind: "state", migrationsDir: other });
      expect(state).toEqual(
        await runInDatabaseProcess(database.target, { kind: "state", migrationsDir: other }),
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

/** True once another process holds the embedded database (polled; the child starts Node first). */
async function waitUntilLocked(dataDir: string): Promise<boolean> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const release = await acquireDirectoryLock(dataDir, { timeoutMs: 0 }).catch(() => undefined);
    if (!release) return true;
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
