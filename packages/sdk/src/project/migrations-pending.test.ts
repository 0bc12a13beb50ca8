import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useMigratedDatabase } from "../db/testing/migrated-database.ts";
import { DATABASE_KINDS } from "../testing/databases.ts";
import { describePending } from "./describe-pending.ts";
import { assertNoPendingMigrations } from "./migrations-pending.ts";

describe("describePending", () => {
  it("counts and names the pending migrations, in the singular for one", () => {
    expect(describePending(["0002_users"])).toBe("1 migration is pending (0002_users)");
    expect(describePending(["0002_users", "0003_groups"])).toBe(
      "2 migrations are pending (0002_users, 0003_groups)",
    );
  });
});

describe.each(DATABASE_KINDS)("assertNoPendingMigrations on %s", (kind) => {
  const database = useMigratedDatabase(kind);
  const dir = mkdtempSync(join(tmpdir(), "orch-pending-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("passes when every migration of the folder is applied", async () => {
    await expect(assertNoPendingMigrations(database(), dir)).resolves.toBeUndefined();
  });

  it("stops with ORCH_MIGRATIONS_PENDING, naming the migration and the command that applies it", async () => {
    writeFileSync(join(dir, "20260101000000_add_users.ts"), "export {};\n");
    const error = await assertNoPendingMigrations(database(), dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATIONS_PENDING" });
    expect((error as Error).message).toContain("1 migration is pending (20260101000000_add_users)");
    expect((error as Error).message).toContain("orchestrator db upgrade heads");
  });
});
