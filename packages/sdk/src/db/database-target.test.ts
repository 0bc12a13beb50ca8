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

  it("masks a password in the URL's query", () => {
    expect(maskPassword("postgresql://admin@db.example/orch?password=s3cret&sslmode=require")).toBe(
      "postgresql://admin@db.example/orch?password=***&sslmode=require",
    );
    expect(maskPassword("postgresql://db.example/orch?sslmode=require&PASSWORD=s3cret")).toBe(
      "postgresql://db.example/orch?sslmode=require&PASSWORD=***",
    );
  });

  it("masks an SSL key's passphrase and keeps the key's path", () => {
    expect(maskPassword("postgresql://u@h/db?sslkey=/keys/client.key&sslpassword=k3y-pass")).toBe(
      "postgresql://u@h/db?sslkey=/keys/client.key&sslpassword=***",
    );
  });

  it("masks userinfo and query passwords together, and a password holding an unescaped @", () => {
    expect(maskPassword("postgresql://u:p@ss@h/db?password=two")).toBe(
      "postgresql://u:***@h/db?password=***",
    );
  });

  it("masks passwords in a key=value connection string, quoted or not", () => {
    expect(maskPassword("host=h dbname=orch password=s3cret user=u")).toBe(
      "host=h dbname=orch password=*** user=u",
    );
    expect(maskPassword("host=h password='it\\'s secret' user=u")).toBe("host=h password=*** user=u");
  });

  it("never shows a query password in messages about the URL", () => {
    expect(() => parseDatabaseTarget("mysql://h/db?password=s3cret", "/")).not.toThrow(/s3cret/);
    expect(describeTarget({ kind: "postgresql", url: "postgres://h/d?password=s3cret" })).toBe(
      "postgres://h/d?password=***",
    );
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
