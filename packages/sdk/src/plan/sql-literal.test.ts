import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlLiteral } from "./sql-literal.ts";
import { NASTY_STRINGS } from "./testing/nasty-strings.ts";
import { createTestDatabase } from "./testing/test-database.ts";

let db: PGlite;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.exec("CREATE TABLE literal_round_trip (v text)");
});
afterAll(() => db.close());

describe("sqlLiteral", () => {
  it.each(NASTY_STRINGS.map((s) => [JSON.stringify(s), s]))(
    "round-trips %s through PostgreSQL",
    async (_, value) => {
      await db.exec("DELETE FROM literal_round_trip");
      // exec = simple query protocol: a literal that ended early would let a second statement run.
      await db.exec(`INSERT INTO literal_round_trip (v) VALUES (${sqlLiteral(value)})`);
      const { rows } = await db.query<{ v: string }>("SELECT v FROM literal_round_trip");
      expect(rows).toEqual([{ v: value }]);
      expect((await db.query("SELECT count(*)::int AS n FROM products")).rows).toEqual([{ n: 0 }]);
    },
  );

  it("relies on standard_conforming_strings, which is on", async () => {
    const { rows } = await db.query<{ standard_conforming_strings: string }>(
      "SHOW standard_conforming_strings",
    );
    expect(rows[0]?.standard_conforming_strings).toBe("on");
  });

  it("doubles quotes and nothing else", () => {
    expect(sqlLiteral("a'b\\c")).toBe("'a''b\\c'");
  });

  it("rejects a NUL character and a lone surrogate with a clear error", () => {
    expect(() => sqlLiteral("a\0b")).toThrow(expect.objectContaining({ code: "ORCH_SQL_NUL_BYTE" }));
    expect(() => sqlLiteral("a\uD800b")).toThrow(
      expect.objectContaining({ code: "ORCH_SQL_INVALID_UNICODE" }),
    );
    expect(sqlLiteral("🎉")).toBe("'🎉'");
  });
});
