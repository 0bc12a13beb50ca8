import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Database } from "./database.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "orch-embedded-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("embedded database directory", () => {
  it("with createEmbedded: false, a missing database is ORCH_DATABASE_MISSING and nothing is created", async () => {
    const parent = join(tempDir(), "typo");
    await expect(
      Database.open({ kind: "pglite", dataDir: join(parent, "db") }, { createEmbedded: false }),
    ).rejects.toMatchObject({
      code: "ORCH_DATABASE_MISSING",
      message: expect.stringContaining("does not exist yet"),
    });
    expect(existsSync(parent)).toBe(false);
  });

  it("with createEmbedded: false, an existing database opens", async () => {
    const dataDir = join(tempDir(), "db");
    await (await Database.open({ kind: "pglite", dataDir })).close();
    const db = await Database.open({ kind: "pglite", dataDir }, { createEmbedded: false });
    try {
      expect(await db.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it("refuses a path that is a plain file and leaves it as it was", async () => {
    const path = join(tempDir(), "notes.txt");
    writeFileSync(path, "my notes");
    await expect(Database.open({ kind: "pglite", dataDir: path })).rejects.toMatchObject({
      code: "ORCH_DATABASE_NOT_EMBEDDED",
      message: expect.stringContaining("is a file, not a directory"),
    });
    expect(readFileSync(path, "utf8")).toBe("my notes");
  });

  it("refuses a non-empty directory that is not a PGlite database and writes nothing into it", async () => {
    const dir = join(tempDir(), "photos");
    mkdirSync(dir);
    writeFileSync(join(dir, "holiday.jpg"), "jpeg");
    await expect(Database.open({ kind: "pglite", dataDir: dir })).rejects.toMatchObject({
      code: "ORCH_DATABASE_NOT_EMBEDDED",
      message: expect.stringContaining("has no PG_VERSION file"),
    });
    expect(readdirSync(dir)).toEqual(["holiday.jpg"]);
  });

  it("reports random bytes over a table page as a damaged database", async () => {
    const dataDir = join(tempDir(), "db");
    const db = await Database.open({ kind: "pglite", dataDir });
    let file: string;
    try {
      await db.query("CREATE TABLE notes (id int PRIMARY KEY, body text)");
      await db.query("INSERT INTO notes SELECT i, repeat('x', 100) FROM generate_series(1, 200) i");
      await db.query("CHECKPOINT");
      file = (await db.query<{ path: string }>("SELECT pg_relation_filepath('notes') AS path"))[0]!.path;
    } finally {
      await db.close();
    }
    const fd = openSync(join(dataDir, file), "r+");
    try {
      writeSync(fd, randomBytes(8192), 0, 8192, 0);
    } finally {
      closeSync(fd);
    }
    const reopened = await Database.open({ kind: "pglite", dataDir });
    try {
      const error = await reopened.query("SELECT count(*) FROM notes").catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "ORCH_DATABASE_CORRUPT",
        message: expect.stringContaining("Restore the directory from a backup"),
      });
    } finally {
      await reopened.close();
    }
  });
});
