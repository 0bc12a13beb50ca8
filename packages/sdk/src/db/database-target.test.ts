import { describe, expect, it } from "vitest";
import { Database } from "./database.ts";
import { describeTarget, maskPassword, parseDatabaseTarget } from "./database-target.ts";

describe("database targets", () => {
  it("reads postgres URLs, pglite: paths and plain paths", () => {
    expect(parseDatabaseTarget("postgresql://u:p@h:5432/db", "/base")).toEqual({
      kind: "postgresql",
      url: "postgresql://u:p@h:5432/db",
    });
    expect(parseDatabaseTarget("postgres://h/db", "/base").kind).toBe("postgresql");
    expect(parseDatabaseTarget("pglite:./data", "/base")).toEqual({ kind: "pglite", dataDir: "/base/data" });
    expect(parseDatabaseTarget("/abs/dir", "/base")).toEqual({ kind: "pglite", dataDir: "/abs/dir" });
  });

  it("rejects other schemes with a message that names what is supported", () => {
    expect(() => parseDatabaseTarget("mysql://root:secret@h/db", "/")).toThrow(/not a PostgreSQL URL/);
    expect(() => parseDatabaseTarget("mysql://root:secret@h/db", "/")).not.toThrow(/secret/);
  });

  it("never shows a password", () => {
    expect(maskPassword("postgresql://admin:s3cr%40t@db.example:5432/orch")).toBe(
      "postgresql://admin:***@db.example:5432/orch",
    );
    expect(describeTarget({ kind: "postgresql", url: "postgres://a:b@h/d" })).toBe("postgres://a:***@h/d");
    expect(maskPassword("postgresql://h/db")).toBe("postgresql://h/db");
  });

  it("reports an unreachable server without its password", async () => {
    const error = await Database.open({
      kind: "postgresql",
      url: "postgresql://root:topsecret@127.0.0.1:1/none",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_DATABASE_UNREACHABLE" });
    expect((error as Error).message).toContain("127.0.0.1:1");
    expect((error as Error).message).not.toContain("topsecret");
  });
});

describe("closing a database", () => {
  it("does not hang when queries started together failed", async () => {
    const { createTestDatabase, DATABASE_KINDS } = await import("../testing/databases.ts");
    for (const kind of DATABASE_KINDS) {
      const testDb = await createTestDatabase(kind);
      const db = await Database.open(testDb.target);
      const results = await Promise.allSettled([
        Promise.all(["a", "b", "c", "d", "e", "f", "g"].map((t) => db.query(`SELECT * FROM missing_${t}`))),
      ]);
      expect(results[0]!.status).toBe("rejected");
      await db.close();
      await testDb.dispose();
    }
  });
});
