// `MigrationRunner.stamp`: a data migration recorded as applied without running it, on real PGlite and
// PostgreSQL, and every refusal leaving the bookkeeping exactly as it was.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../db/database.ts";
import type { OrchestratorError } from "../errors.ts";
import {
  createTestDatabase,
  DATABASE_KINDS,
  SKIP_POSTGRES,
  type TestDatabase,
} from "../testing/databases.ts";
import { MigrationRunner } from "./migration-runner.ts";
import { migrationSources } from "./migration-source.ts";

// Inside the SDK package, so the files' `import … from "@orchestrator/sdk"` resolves (self-reference).
const tmpRoot = join(import.meta.dirname, "../../.test-tmp");
let dirCounter = 0;

const FIRST = "20260101000000_first";
const SECOND = "20260102000000_second";

/** Two data migrations, each inserting one product on the way up and deleting it on the way down. */
function migrationsDir(): string {
  const dir = join(tmpRoot, `stamp-${process.pid}-${dirCounter++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, product] of [
    [FIRST, "P1"],
    [SECOND, "P2"],
  ] as const) {
    writeFileSync(
      join(dir, `${name}.ts`),
      `import { Migration } from "@orchestrator/sdk";
export default class M extends Migration {
  static basedOn = "0001_orchestrator_schema";
  async up(): Promise<void> {
    this.addSql("INSERT INTO products (name, description, product_type, tag, status) VALUES ('${product}', 'd', 'T', 'TAG', 'active')");
  }
  async down(): Promise<void> {
    this.addSql("DELETE FROM products WHERE name = '${product}'");
  }
}
`,
    );
  }
  return dir;
}

async function rejection(promise: Promise<unknown>): Promise<OrchestratorError> {
  try {
    await promise;
  } catch (error) {
    return error as OrchestratorError;
  }
  throw new Error("expected a rejection");
}

afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe.each(DATABASE_KINDS)("stamp on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let runner: MigrationRunner;

  const products = async () =>
    (await db.query<{ name: string }>("SELECT name FROM products ORDER BY name")).map((r) => r.name);
  const applied = async () => (await runner.status()).filter((s) => s.applied).map((s) => s.name);

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
    runner = new MigrationRunner(db, migrationSources(migrationsDir()));
    await runner.upgrade("0001_orchestrator_schema");
  });
  afterEach(async () => {
    await db.close();
    await testDb.dispose();
  });

  it("records a migration as applied without running it; upgrade then skips it and downgrade runs its down", async () => {
    await db.query(
      "INSERT INTO products (name, description, product_type, tag, status) VALUES ('P1', 'made by hand', 'T', 'TAG', 'active')",
    );
    expect(await runner.stamp(FIRST)).toEqual({ name: FIRST, kind: "data" });
    expect(await applied()).toEqual(["0001_orchestrator_schema", FIRST]);
    expect(await products()).toEqual(["P1"]);
    // Stamped means applied: the upgrade runs only what follows, and the checksum is the file's.
    expect(await runner.upgrade()).toEqual([SECOND]);
    expect(await products()).toEqual(["P1", "P2"]);
    expect(await runner.downgrade("-2")).toEqual([SECOND, FIRST]);
    expect(await products()).toEqual([]);
  });

  it("refuses an unknown name with the closest known one, and writes nothing", async () => {
    const error = await rejection(runner.stamp("20260101000000_frist"));
    expect(error.code).toBe("ORCH_MIGRATION_UNKNOWN");
    expect(error.message).toContain(`Did you mean '${FIRST}'?`);
    expect(await applied()).toEqual(["0001_orchestrator_schema"]);
  });

  it("refuses a migration that is already applied", async () => {
    await runner.upgrade(FIRST);
    const error = await rejection(runner.stamp(FIRST));
    expect(error.code).toBe("ORCH_STAMP_ALREADY_APPLIED");
    expect(error.message).toMatch(new RegExp(`^Migration ${FIRST} is already applied \\(\\d{4}-`));
    expect(await products()).toEqual(["P1"]);
  });

  it("refuses to stamp past an older pending migration, naming it and both ways forward", async () => {
    const error = await rejection(runner.stamp(SECOND));
    expect(error.code).toBe("ORCH_STAMP_OUT_OF_ORDER");
    expect(error.message).toContain(`older migration ${FIRST} is not applied`);
    expect(error.message).toContain(`upgrade to ${FIRST}`);
    expect(error.message).toContain(`stamp it first, oldest first (${FIRST})`);
    expect(await applied()).toEqual(["0001_orchestrator_schema"]);
    // Stamped oldest first, it is accepted.
    await runner.stamp(FIRST);
    await runner.stamp(SECOND);
    expect(await applied()).toEqual(["0001_orchestrator_schema", FIRST, SECOND]);
    expect(await products()).toEqual([]);
  });

  it("refuses a core migration: adoption records those, after checking the tables fit", async () => {
    await runner.downgrade("base", { confirmCoreRevert: true });
    const error = await rejection(runner.stamp("0001_orchestrator_schema"));
    expect(error.code).toBe("ORCH_STAMP_CORE");
    expect(await applied()).toEqual([]);
  });

  it("planStamp checks everything and records nothing", async () => {
    expect(await runner.planStamp(FIRST)).toEqual({ name: FIRST, kind: "data" });
    expect(await applied()).toEqual(["0001_orchestrator_schema"]);
  });
});

describe.skipIf(SKIP_POSTGRES)("stamp and the migration lock on postgresql", () => {
  it("waits for another session's migration lock, then gives up and records nothing", async () => {
    const testDb = await createTestDatabase("postgresql");
    const db = await Database.open(testDb.target);
    const holder = await Database.open(testDb.target);
    try {
      const runner = new MigrationRunner(db, migrationSources(migrationsDir()), { lockTimeoutMs: 300 });
      await runner.upgrade("0001_orchestrator_schema");
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      // The key every migration, adoption and stamp takes (migration-lock.ts).
      const holding = holder.transaction(async (scope) => {
        await scope.query("SELECT pg_advisory_xact_lock(7462031)");
        locked();
        await released;
      });
      await isLocked;
      const error = await rejection(runner.stamp(FIRST));
      release();
      await holding;
      expect(error.code).toBe("ORCH_MIGRATION_LOCKED");
      expect((await runner.status()).find((s) => s.name === FIRST)?.applied).toBe(false);
    } finally {
      await holder.close();
      await db.close();
      await testDb.dispose();
    }
  });
});
