// The rows a downgrade restores (ids, timestamps of what a migration removes) are read by generateMigration,
// not by every comparison: an editor compares on every save, and only a migration being written needs them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project } from "../config/load-project.ts";
import { Database } from "../db/database.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { diff } from "../diff/diff.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { coreMigrationSources } from "../migrations/migration-source.ts";
import { r } from "../model/r.ts";
import { planMigration } from "../plan/plan-migration.ts";
import { resolveAnswers } from "../questions/resolve-answers.ts";
import { readRestoreRows } from "../snapshot/read-restore-rows.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../testing/databases.ts";
import { workshopModel } from "../testing/workshop-model.ts";
import { compareWithDatabase } from "./compare-with-database.ts";
import { generateMigration } from "./generate-migration.ts";

const INPUTS = {
  "User Group": { description: "d", tag: "G" },
  "User internal": { description: "d", tag: "I", affiliation: "internal" },
  "User external": { description: "d", tag: "E", affiliation: "external" },
  UserGroupBlock: { description: "d", tag: "UGB" },
  UserBlock: { description: "d", tag: "UB" },
  group_name: { description: "d" },
  group_id: { description: "d" },
  username: { description: "d" },
  age: { description: "d" },
  user_id: { description: "d" },
};
/** The query of readRestoreRows that only a removed product needs. */
const RESTORE_QUERY = /products_workflows/;

describe.each(DATABASE_KINDS)("generateMigration's restore rows on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database | undefined;
  let queries: string[];
  let project: Project;
  let externalId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const open = await Database.open(testDb.target);
    db = open;
    const query = open.query.bind(open);
    queries = [];
    open.query = ((sql: string, params?: unknown[]) => {
      queries.push(sql);
      return query(sql, params);
    }) as Database["query"];
    await new MigrationRunner(open, coreMigrationSources()).upgrade();
    const model = workshopModel();
    const empty = { products: [], blocks: [], resourceTypes: [] };
    const resolved = await resolveAnswers({ snapshot: empty, changes: diff(model, empty) }, model, {
      inputs: INPUTS,
    });
    for (const sql of planMigration(resolved.changeSet, resolved.answers).upgrade) await open.query(sql);
    const [row] = await open.query<{ id: string }>(
      "SELECT product_id AS id FROM products WHERE name = 'User external'",
    );
    externalId = row!.id;
    project = {
      root: "/nonexistent",
      configFile: "/nonexistent/orchestrator.config.ts",
      registryFile: "/nonexistent/products/index.ts",
      migrationsDir: "/nonexistent/migrations",
      database: testDb.target,
      databaseSource: "flag",
    };
  });
  afterAll(async () => {
    await db?.close();
    await testDb.dispose();
  });

  it("the comparison reads no restore rows; generateMigration reads them once, for the change set it plans", async () => {
    const model = workshopModel({ withoutExternal: true });
    queries.length = 0;
    const comparison = await compareWithDatabase(db!, model);
    expect(comparison.changes.deleteProducts.map((d) => d.product)).toEqual(["User external"]);
    expect(queries.filter((sql) => RESTORE_QUERY.test(sql))).toEqual([]);

    const asked: ChangeSet[] = [];
    const generated = await generateMigration(project, comparison, model, {
      message: "remove external",
      write: false,
      confirmDeletions: true,
      readRestoreRows: (changes) => {
        asked.push(changes);
        return readRestoreRows(db!, changes);
      },
    });
    expect(asked).toEqual([generated.changes]);
    // The downgrade puts the product back under its own id.
    expect(generated.downgrade.join("\n")).toContain(externalId);
  });

  it("a change set that removes nothing reads nothing", async () => {
    const model = workshopModel({ userBlockExtra: { nickname: r.string().optional() } });
    const comparison = await compareWithDatabase(db!, model);
    expect(comparison.changes.createResourceTypes.map((c) => c.resourceType)).toEqual(["nickname"]);
    const generated = await generateMigration(project, comparison, model, {
      message: "nickname",
      inputs: { nickname: { description: "d" } },
      write: false,
      readRestoreRows: () => {
        throw new Error("read restore rows for a change set that removes nothing");
      },
    });
    expect(generated.upgrade).not.toEqual([]);
  });

  it("without a reader, it opens the project's database for the read", async () => {
    const model = workshopModel({ withoutExternal: true });
    const comparison = await compareWithDatabase(db!, model);
    // Closed first: the embedded database admits one holder at a time.
    await db!.close();
    db = undefined;
    const generated = await generateMigration(project, comparison, model, {
      message: "remove external",
      write: false,
      confirmDeletions: true,
    });
    expect(generated.downgrade.join("\n")).toContain(externalId);
  });
});
