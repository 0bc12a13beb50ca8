// Adoption on real orchestrator-core databases (its schema dump, PostgreSQL): what it recognises, what
// it records, and that every refusal leaves the database exactly as it was.
import { afterEach, describe, expect, it } from "vitest";
import { MigrationRunner } from "../../migrations/migration-runner.ts";
import { migrationSources } from "../../migrations/migration-source.ts";
import {
  createCoreDatabase,
  createTestDatabase,
  FIXTURES_AVAILABLE,
  fixturesMissingReason,
  runPsql,
  type TestDatabase,
} from "../../testing/index.ts";
import { Database } from "../database.ts";
import { adoptDatabase, checkAdoption } from "./adopt-database.ts";
import { recogniseDatabase } from "./recognise-database.ts";

const NO_DATA_MIGRATIONS = "/nonexistent-migrations-folder";
const disposables: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(disposables.splice(0).map((database) => database.dispose()));
});

async function coreDatabase(setup?: string): Promise<{ url: string; db: Database }> {
  const database = await createCoreDatabase({ catalogue: true, exampleHead: true });
  disposables.push(database);
  if (database.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
  if (setup) runPsql(database.target.url, setup);
  const db = await Database.open(database.target);
  return { url: database.target.url, db };
}

function bookkeepingExists(url: string): boolean {
  return runPsql(url, "SELECT to_regclass('orchestrator_migrations') IS NOT NULL").trim() === "t";
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error("expected a rejection");
}

describe.skipIf(!FIXTURES_AVAILABLE)(
  `adopting an orchestrator-core database ${fixturesMissingReason() ?? ""}`,
  () => {
    it("recognises orchestrator-core's database as not adopted, with both alembic heads, and finds it compatible", async () => {
      const { db } = await coreDatabase();
      try {
        const check = await checkAdoption(db);
        expect(check.origin).toEqual({
          kind: "orchestrator-core",
          alembic: ["610caa9e4286", "ca79fd834ba0"],
        });
        expect(check.mismatches).toEqual([]);
      } finally {
        await db.close();
      }
    });

    it("refuses to run the core migration before adoption, and writes nothing", async () => {
      const { url, db } = await coreDatabase();
      try {
        const runner = new MigrationRunner(db, migrationSources(NO_DATA_MIGRATIONS));
        const error = await rejection(runner.upgrade("heads"));
        expect(error.code).toBe("ORCH_DATABASE_NOT_ADOPTED");
        expect(error.message).toContain("orchestrator db adopt");
        expect(error.message).toContain("ca79fd834ba0");
        expect(bookkeepingExists(url)).toBe(false);
      } finally {
        await db.close();
      }
    });

    it("records the core migration as adopted, keeps alembic_version, and writes nothing the second time", async () => {
      const { url, db } = await coreDatabase();
      try {
        const alembicBefore = runPsql(url, "SELECT version_num FROM alembic_version ORDER BY 1");
        const result = await adoptDatabase(db);
        expect(result).toEqual({
          status: "adopted",
          alembic: ["610caa9e4286", "ca79fd834ba0"],
          coreMigrations: ["0001_orchestrator_schema"],
        });
        const rowsAfterFirst = runPsql(url, "SELECT * FROM orchestrator_migrations ORDER BY id");
        expect(runPsql(url, "SELECT version_num FROM alembic_version ORDER BY 1")).toBe(alembicBefore);

        const again = await adoptDatabase(db);
        expect(again).toMatchObject({ status: "already-adopted", alembic: ["610caa9e4286", "ca79fd834ba0"] });
        expect(runPsql(url, "SELECT * FROM orchestrator_migrations ORDER BY id")).toBe(rowsAfterFirst);

        const origin = await recogniseDatabase(db);
        expect(origin).toMatchObject({
          kind: "orchestrator-core",
          adoption: { alembic: ["610caa9e4286", "ca79fd834ba0"] },
        });
        const runner = new MigrationRunner(db, migrationSources(NO_DATA_MIGRATIONS));
        const [core] = await runner.status();
        expect(core).toMatchObject({
          name: "0001_orchestrator_schema",
          applied: true,
          adoptedAlembic: ["610caa9e4286", "ca79fd834ba0"],
        });
        expect(await runner.upgrade("heads")).toEqual([]);
      } finally {
        await db.close();
      }
    });

    it("refuses to downgrade past the adoption, which would drop orchestrator-core's tables", async () => {
      const { url, db } = await coreDatabase();
      try {
        await adoptDatabase(db);
        const runner = new MigrationRunner(db, migrationSources(NO_DATA_MIGRATIONS));
        const error = await rejection(runner.downgrade("base", { confirmCoreRevert: true }));
        expect(error.code).toBe("ORCH_DOWNGRADE_PAST_ADOPTION");
        expect(error.message).toContain("0001_orchestrator_schema");
        expect(runPsql(url, "SELECT count(*) FROM products").trim()).toBe("11");
        expect(runPsql(url, "SELECT count(*) FROM orchestrator_migrations").trim()).toBe("1");
      } finally {
        await db.close();
      }
    });

    it.each([
      [
        "a dropped column",
        "ALTER TABLE subscriptions DROP COLUMN insync CASCADE",
        "subscriptions.insync: is missing",
      ],
      [
        "a retyped column",
        "ALTER TABLE product_block_relations ALTER COLUMN min TYPE varchar(10)",
        "product_block_relations.min: has type character varying(10), expected integer",
      ],
      [
        "a foreign key without its ON DELETE",
        "ALTER TABLE fixed_inputs DROP CONSTRAINT fixed_inputs_product_id_fkey, ADD FOREIGN KEY (product_id) REFERENCES products (product_id)",
        "fixed_inputs.product_id: foreign key to products (product_id) is ON DELETE NO ACTION, expected ON DELETE CASCADE",
      ],
    ])("names %s by table and column, and changes nothing", async (_what, change, reported) => {
      const { url, db } = await coreDatabase(change);
      try {
        const error = await rejection(adoptDatabase(db));
        expect(error.code).toBe("ORCH_CANNOT_ADOPT");
        expect(error.message).toContain(reported);
        expect(bookkeepingExists(url)).toBe(false);
      } finally {
        await db.close();
      }
    });

    it("tells a role that may not create tables how to fix it, and changes nothing", async () => {
      const role = `orch_no_create_${Math.random().toString(36).slice(2, 8)}`;
      const { url, db: owner } = await coreDatabase();
      await owner.close();
      runPsql(
        url,
        `CREATE ROLE ${role} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`,
      );
      const asRole = new URL(url);
      asRole.username = role;
      const db = await Database.open({ kind: "postgresql", url: asRole.toString() });
      try {
        const error = await rejection(adoptDatabase(db));
        expect(error.code).toBe("ORCH_CANNOT_ADOPT");
        expect(error.message).toContain(`GRANT CREATE ON SCHEMA public TO ${role}`);
        expect(bookkeepingExists(url)).toBe(false);
      } finally {
        await db.close();
        runPsql(url, `REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}; DROP ROLE ${role}`);
      }
    });

    it("waits for a process that holds the migration lock, then gives up and writes nothing", async () => {
      const { url, db } = await coreDatabase();
      const holder = await Database.open({ kind: "postgresql", url });
      try {
        let release!: () => void;
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holding = holder.transaction(async (scope) => {
          await scope.query("SELECT pg_advisory_xact_lock(7462031)");
          locked();
          await released;
        });
        await isLocked;
        const error = await rejection(adoptDatabase(db, { lockTimeoutMs: 200 }));
        release();
        await holding;
        expect(error.code).toBe("ORCH_MIGRATION_LOCKED");
        expect(bookkeepingExists(url)).toBe(false);
      } finally {
        await holder.close();
        await db.close();
      }
    });
  },
);

describe("adopting a database orchestrator-core did not build", () => {
  it("points an empty database to db upgrade heads", async () => {
    const database = await createTestDatabase("postgresql");
    disposables.push(database);
    const db = await Database.open(database.target);
    try {
      const error = await rejection(adoptDatabase(db));
      expect(error.code).toBe("ORCH_CANNOT_ADOPT");
      expect(error.message).toContain("orchestrator db upgrade heads");
    } finally {
      await db.close();
    }
  });

  it("says there is nothing to adopt on a database this project built", async () => {
    const database = await createTestDatabase("postgresql");
    disposables.push(database);
    const db = await Database.open(database.target);
    try {
      await new MigrationRunner(db, migrationSources(NO_DATA_MIGRATIONS)).upgrade("heads");
      expect(await adoptDatabase(db)).toEqual({ status: "project" });
    } finally {
      await db.close();
    }
  });
});
