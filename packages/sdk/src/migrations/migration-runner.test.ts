import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORE_MIGRATIONS } from "../db/core-migrations/index.ts";
import { Database } from "../db/database.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../testing/databases.ts";
import { MigrationRunner } from "./migration-runner.ts";
import { migrationSources } from "./migration-source.ts";

// Migration files live inside the SDK package so `import … from "@orchestrator/sdk"` resolves (self-reference).
const tmpRoot = join(import.meta.dirname, "../../.test-tmp");
let dirCounter = 0;

function migrationsDir(files: Record<string, string>): string {
  const dir = join(tmpRoot, `runner-${process.pid}-${dirCounter++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function dataMigration(statements: string[], down: string[] = []): string {
  const add = (list: string[]) => list.map((sql) => `    this.addSql(${JSON.stringify(sql)});`).join("\n");
  return `import { Migration } from "@orchestrator/sdk";
export default class M extends Migration {
  static basedOn = "0001_orchestrator_schema";
  async up(): Promise<void> {
${add(statements)}
  }
  async down(): Promise<void> {
${add(down)}
  }
}
`;
}

const insertProduct = (name: string) =>
  `INSERT INTO products (name, description, product_type, tag, status) VALUES ('${name}', 'd', 'T', 'TAG', 'active')`;

afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe.each(DATABASE_KINDS)("migration runner on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
  });
  afterEach(async () => {
    await db.close();
    await testDb.dispose();
  });

  async function count(sql: string): Promise<number> {
    const rows = await db.query<{ n: number | string }>(sql);
    return Number(rows[0]!.n);
  }

  it("upgrades to heads, reports status, downgrades to base and upgrades again", async () => {
    const dir = migrationsDir({
      "20260101000000_first.ts": dataMigration(
        [insertProduct("P1")],
        ["DELETE FROM products WHERE name = 'P1'"],
      ),
    });
    const runner = new MigrationRunner(db, migrationSources(dir));
    expect(await runner.upgrade()).toEqual(["0001_orchestrator_schema", "20260101000000_first"]);
    expect((await runner.status()).map((s) => [s.name, s.applied])).toEqual([
      ["0001_orchestrator_schema", true],
      ["20260101000000_first", true],
    ]);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
    expect(await runner.upgrade()).toEqual([]);

    expect(await runner.downgrade()).toEqual(["20260101000000_first"]);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(0);
    expect(await runner.downgrade("base", { confirmCoreRevert: true })).toEqual(["0001_orchestrator_schema"]);
    expect(
      await count("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'products'"),
    ).toBe(0);
    expect(await runner.upgrade("heads")).toHaveLength(2);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
  });

  it("applies up to a named target and steps with +N", async () => {
    const dir = migrationsDir({
      "20260101000000_a.ts": dataMigration([insertProduct("A")]),
      "20260102000000_b.ts": dataMigration([insertProduct("B")]),
    });
    const runner = new MigrationRunner(db, migrationSources(dir));
    expect(await runner.upgrade("20260101000000_a")).toEqual([
      "0001_orchestrator_schema",
      "20260101000000_a",
    ]);
    expect(await runner.upgrade("+1")).toEqual(["20260102000000_b"]);
    await expect(runner.upgrade("nope")).rejects.toMatchObject({ code: "ORCH_MIGRATION_UNKNOWN" });
  });

  it("plans an upgrade and lists a migration's statements without running any of them", async () => {
    const dir = migrationsDir({
      "20260101000000_a.ts": dataMigration([insertProduct("A")], ["DELETE FROM products WHERE name = 'A'"]),
    });
    const runner = new MigrationRunner(db, migrationSources(dir));
    expect(await runner.planUpgrade("+1")).toEqual([{ name: "0001_orchestrator_schema", kind: "core" }]);
    expect(await runner.statements("0001_orchestrator_schema", "up")).toEqual([...CORE_MIGRATIONS[0]!.up]);
    expect(await runner.statements("20260101000000_a", "down")).toEqual([
      "DELETE FROM products WHERE name = 'A'",
    ]);
    expect((await runner.status()).filter((s) => s.applied)).toEqual([]);

    await runner.upgrade("0001_orchestrator_schema");
    expect(await runner.statements("20260101000000_a", "up")).toEqual([insertProduct("A")]);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(0);
    expect(await runner.planUpgrade()).toEqual([{ name: "20260101000000_a", kind: "data" }]);
    await expect(runner.statements("nope", "up")).rejects.toMatchObject({ code: "ORCH_MIGRATION_UNKNOWN" });
  });

  it("a failing statement changes nothing and names the migration and the statement", async () => {
    const dir = migrationsDir({
      "20260101000000_bad.ts": dataMigration([
        insertProduct("Kept out"),
        "INSERT INTO no_such_table VALUES (1)",
      ]),
    });
    const runner = new MigrationRunner(db, migrationSources(dir));
    const error = await runner.upgrade().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_FAILED" });
    expect((error as Error).message).toContain("20260101000000_bad");
    expect((error as Error).message).toContain("statement 2");
    expect((error as Error).message).toContain("no_such_table");
    expect(await count("SELECT count(*) AS n FROM products")).toBe(0);
    const statuses = await runner.status();
    expect(statuses.find((s) => s.name === "20260101000000_bad")?.applied).toBe(false);
    expect(statuses.find((s) => s.name === "0001_orchestrator_schema")?.applied).toBe(true);
  });

  it("refuses to upgrade when an applied migration file was changed", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    writeFileSync(join(dir, "20260101000000_first.ts"), dataMigration([insertProduct("P2")]));
    writeFileSync(join(dir, "20260102000000_second.ts"), dataMigration([insertProduct("P3")]));
    const runner = new MigrationRunner(db, migrationSources(dir));
    const error = await runner.upgrade().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_CHANGED" });
    expect((error as Error).message).toContain("20260101000000_first.ts");
    expect((await runner.status()).find((s) => s.name === "20260101000000_first")?.changed).toBe(true);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
  });

  it("accepts a core migration applied by an earlier release (a former checksum), and no other", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    const [former] = CORE_MIGRATIONS[0]!.formerChecksums!;
    await db.query(
      "UPDATE orchestrator_migrations SET checksum = ? WHERE name = '0001_orchestrator_schema'",
      [former],
    );
    const runner = new MigrationRunner(db, migrationSources(dir));
    expect((await runner.status()).find((s) => s.kind === "core")?.changed).toBe(false);
    await runner.verifyApplied();
    await db.query(
      "UPDATE orchestrator_migrations SET checksum = ? WHERE name = '0001_orchestrator_schema'",
      ["0".repeat(64)],
    );
    expect((await runner.status()).find((s) => s.kind === "core")?.changed).toBe(true);
  });

  it("refuses a data migration built on a core migration this SDK does not have", async () => {
    const dir = migrationsDir({
      "20260101000000_future.ts": dataMigration([insertProduct("F")]).replace(
        "0001_orchestrator_schema",
        "0099_from_the_future",
      ),
    });
    const error = await new MigrationRunner(db, migrationSources(dir)).upgrade().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_UNKNOWN_BASE" });
    expect((error as Error).message).toContain("0099_from_the_future");
    expect(await count("SELECT count(*) AS n FROM products")).toBe(0);
  });

  it("refuses to revert a migration whose file is gone", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    rmSync(join(dir, "20260101000000_first.ts"));
    const runner = new MigrationRunner(db, migrationSources(dir));
    expect((await runner.status()).find((s) => s.name === "20260101000000_first")?.missing).toBe(true);
    await expect(runner.downgrade()).rejects.toMatchObject({ code: "ORCH_MIGRATION_MISSING" });
  });

  it("a relative downgrade past the data migrations refuses and reverts nothing", async () => {
    const dir = migrationsDir({
      "20260101000000_first.ts": dataMigration(
        [insertProduct("P1")],
        ["DELETE FROM products WHERE name = 'P1'"],
      ),
    });
    const runner = new MigrationRunner(db, migrationSources(dir));
    await runner.upgrade();
    const error = await runner.downgrade("-2").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_DOWNGRADE_CROSSES_CORE" });
    expect((error as Error).message).toContain("only 1 data migration is applied");
    expect((error as Error).message).toContain("20260101000000_first");
    expect((await runner.status()).every((s) => s.applied)).toBe(true);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
    // -1 is within the data migrations and still works.
    expect(await runner.downgrade("-1")).toEqual(["20260101000000_first"]);
    await expect(runner.downgrade("-1")).rejects.toMatchObject({ code: "ORCH_DOWNGRADE_CROSSES_CORE" });
  });

  it("reverting a core migration needs confirmation and reports the rows its tables hold", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    const runner = new MigrationRunner(db, migrationSources(dir));
    await runner.upgrade();
    const plan = await runner.planDowngrade("base");
    expect(plan.migrations.map((m) => [m.name, m.kind])).toEqual([
      ["20260101000000_first", "data"],
      ["0001_orchestrator_schema", "core"],
    ]);
    expect(plan.core).toEqual(["0001_orchestrator_schema"]);
    const dropped = await runner.droppedTables(plan);
    expect(dropped.find((t) => t.table === "products")?.rows).toBe(1);
    expect(dropped.find((t) => t.table === "subscriptions")?.rows).toBe(0);
    expect(dropped.map((t) => t.table)).toContain("subscription_instance_values");

    const error = await runner.downgrade("base").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_CORE_REVERT_UNCONFIRMED" });
    expect((error as Error).message).toContain("0001_orchestrator_schema");
    expect((await runner.status()).every((s) => s.applied)).toBe(true);
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
  });

  it("refuses to upgrade while an applied migration's file is missing", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    rmSync(join(dir, "20260101000000_first.ts"));
    writeFileSync(join(dir, "20260102000000_second.ts"), dataMigration([insertProduct("P2")]));
    const runner = new MigrationRunner(db, migrationSources(dir));
    const error = await runner.upgrade().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_MISSING" });
    expect((error as Error).message).toContain("20260101000000_first");
    expect(await count("SELECT count(*) AS n FROM products")).toBe(1);
    // Nothing pending either: the missing file stops an upgrade that would apply nothing, too.
    rmSync(join(dir, "20260102000000_second.ts"));
    await expect(new MigrationRunner(db, migrationSources(dir)).upgrade()).rejects.toMatchObject({
      code: "ORCH_MIGRATION_MISSING",
    });
  });

  it("refuses to revert a newer migration while an older applied file was changed", async () => {
    const dir = migrationsDir({
      "20260101000000_first.ts": dataMigration([insertProduct("P1")]),
      "20260102000000_second.ts": dataMigration(
        [insertProduct("P2")],
        ["DELETE FROM products WHERE name = 'P2'"],
      ),
    });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    writeFileSync(join(dir, "20260101000000_first.ts"), dataMigration([insertProduct("P1 edited")]));
    const runner = new MigrationRunner(db, migrationSources(dir));
    const error = await runner.downgrade("-1").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_CHANGED" });
    expect((error as Error).message).toContain("20260101000000_first");
    expect(await count("SELECT count(*) AS n FROM products")).toBe(2);
  });

  it("verifyApplied names the migration whose file is missing", async () => {
    const dir = migrationsDir({ "20260101000000_first.ts": dataMigration([insertProduct("P1")]) });
    await new MigrationRunner(db, migrationSources(dir)).upgrade();
    rmSync(join(dir, "20260101000000_first.ts"));
    const error = await new MigrationRunner(db, migrationSources(dir))
      .verifyApplied()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_MISSING" });
    expect((error as Error).message).toMatch(/20260101000000_first.*Restore/s);
  });

  if (kind === "postgresql") {
    it("two upgrades started together apply each migration exactly once", async () => {
      const dir = migrationsDir({
        "20260101000000_a.ts": dataMigration([insertProduct("A")]),
        "20260102000000_b.ts": dataMigration([insertProduct("B")]),
      });
      const other = await Database.open(testDb.target);
      try {
        const [first, second] = await Promise.all([
          new MigrationRunner(db, migrationSources(dir)).upgrade(),
          new MigrationRunner(other, migrationSources(dir)).upgrade(),
        ]);
        expect([...first, ...second].sort()).toEqual([
          "0001_orchestrator_schema",
          "20260101000000_a",
          "20260102000000_b",
        ]);
        expect(await count("SELECT count(*) AS n FROM products")).toBe(2);
        expect(await count("SELECT count(*) AS n FROM orchestrator_migrations")).toBe(3);
      } finally {
        await other.close();
      }
    });

    it("gives up waiting for the migration lock after the timeout with a clear message", async () => {
      await new MigrationRunner(db, migrationSources(migrationsDir({}))).upgrade();
      const other = await Database.open(testDb.target);
      try {
        const dir = migrationsDir({ "20260101000000_a.ts": dataMigration([insertProduct("A")]) });
        let release!: () => void;
        let locked!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const acquired = new Promise<void>((resolve) => (locked = resolve));
        const holding = other.transaction(async (scope) => {
          await scope.query("SELECT pg_advisory_xact_lock(7462031)");
          locked();
          await held;
        });
        await acquired;
        const waitedFor: string[] = [];
        const error = await new MigrationRunner(db, migrationSources(dir), {
          lockTimeoutMs: 300,
          onLockWait: (holder) => waitedFor.push(`${holder.pid} ${holder.command}`),
        })
          .upgrade()
          .catch((e: unknown) => e);
        release();
        await holding;
        expect(error).toMatchObject({ code: "ORCH_MIGRATION_LOCKED" });
        // The holder is named: its server pid and application_name, as pg_stat_activity shows them.
        expect((error as Error).message).toMatch(
          /Server process \d+ \(orchestrator: [^)]*\) holds the migration lock/,
        );
        expect(waitedFor).toHaveLength(1);
        expect(await count("SELECT count(*) AS n FROM products")).toBe(0);
      } finally {
        await other.close();
      }
    });

    it("gets the lock soon after a client holding it is killed mid-statement", async () => {
      // A killed client's statement would run on (here for 10 minutes), holding the lock; the server
      // checks that the client is still connected and ends it. The 60 s lock timeout is far below the
      // statement's 10 minutes, so this fails if the lock outlives the client.
      await new MigrationRunner(db, migrationSources(migrationsDir({}))).upgrade();
      const script = join(tmpRoot, `holder-${process.pid}-${dirCounter++}.ts`);
      mkdirSync(tmpRoot, { recursive: true });
      writeFileSync(
        script,
        `import { Database } from ${JSON.stringify(join(import.meta.dirname, "../db/database.ts"))};
const db = await Database.open(${JSON.stringify(testDb.target)});
await db.transaction(async (scope) => {
  await scope.query("SELECT pg_advisory_xact_lock(7462031)");
  process.stdout.write("locked\\n");
  await scope.query("SELECT pg_sleep(600)");
});
`,
      );
      const holder = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited with ${code} before locking`)));
      });
      // Kill it only once its statement runs: an idle client's closed socket is noticed anyway.
      while (
        (await db.query("SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")).length === 0
      )
        await new Promise((resolve) => setTimeout(resolve, 20));
      holder.kill("SIGKILL");
      const dir = migrationsDir({ "20260101000000_a.ts": dataMigration([insertProduct("A")]) });
      const applied = await new MigrationRunner(db, migrationSources(dir), {
        lockTimeoutMs: 60_000,
      }).upgrade();
      expect(applied).toEqual(["20260101000000_a"]);
    }, 90_000);
  }
});
