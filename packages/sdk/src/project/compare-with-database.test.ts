import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../db/database.ts";
import { diff } from "../diff/diff.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { coreMigrationSources } from "../migrations/migration-source.ts";
import { countImpact } from "../plan/count-impact.ts";
import { planMigration } from "../plan/plan-migration.ts";
import { emptyAnswers } from "../questions/answers.ts";
import { deletionConfirmation } from "../questions/build-questions.ts";
import { resolveAnswers } from "../questions/resolve-answers.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../testing/databases.ts";
import { workshopModel } from "../testing/workshop-model.ts";
import { compareWithDatabase } from "./compare-with-database.ts";

const NOTHING: Snapshot = { products: [], blocks: [], resourceTypes: [] };

describe.each(DATABASE_KINDS)("compareWithDatabase on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let queries: string[];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
    const query = db.query.bind(db);
    queries = [];
    db.query = ((sql: string, params?: unknown[]) => {
      queries.push(sql);
      return query(sql, params);
    }) as Database["query"];
  });
  afterAll(async () => {
    await db.close();
    await testDb.dispose();
  });

  it("says to run the core migrations when the schema is missing", async () => {
    await expect(compareWithDatabase(db, workshopModel())).rejects.toMatchObject({
      code: "ORCH_SCHEMA_MISSING",
    });
  });

  it("reads the database in at most 10 queries, counts included", async () => {
    await new MigrationRunner(db, coreMigrationSources()).upgrade();
    const model = workshopModel();
    const inputs = {
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
    const resolved = await resolveAnswers({ snapshot: NOTHING, changes: diff(model, NOTHING) }, model, {
      inputs,
    });
    for (const sql of planMigration(resolved.changeSet, resolved.answers).upgrade) await db.query(sql);
    await db.query(
      "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 's', 'active', product_id, 'c', true FROM products",
    );
    await db.query(
      "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT s.subscription_id, pb.product_block_id FROM subscriptions s, product_blocks pb",
    );
    // Each UserBlock instance holds its subscription's UserGroupBlock instance through `group`.
    await db.query(
      `INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr)
       SELECT u.subscription_instance_id, g.subscription_instance_id, 0, 'group'
       FROM subscription_instances u JOIN subscription_instances g USING (subscription_id)
       WHERE u.product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserBlock')
         AND g.product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserGroupBlock')`,
    );

    queries.length = 0;
    const inSync = await compareWithDatabase(db, model);
    expect(inSync.changes.createResourceTypeLinks).toEqual([]);
    expect(queries.length).toBeLessThanOrEqual(10);

    queries.length = 0;
    const changed = await compareWithDatabase(db, workshopModel({ withoutAge: true, secondGroup: true }));
    expect(changed.changes.deleteResourceTypeLinks.map((l) => [l.block, l.resourceType])).toEqual([
      ["UserBlock", "age"],
    ]);
    expect(changed.changes.createBlockRelations.map((r) => r.attributes)).toEqual([["other_group"]]);
    expect(changed.snapshot.blocks.find((b) => b.name === "UserBlock")!.instanceCount).toBe(3);
    expect(queries.length).toBeLessThanOrEqual(10);
  });

  it("a deleted product counts the instances and values of its subscriptions, and the impact shows them", async () => {
    // Continues the database above: one subscription per product, with an instance of each block.
    await db.query(
      `INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
       SELECT si.subscription_instance_id, rt.resource_type_id, 'v'
       FROM subscription_instances si JOIN subscriptions s USING (subscription_id) JOIN products p USING (product_id),
            resource_types rt
       WHERE p.name = 'User external' AND rt.resource_type IN ('username', 'group_name')`,
    );
    const { changes } = await compareWithDatabase(db, workshopModel({ withoutExternal: true }));
    expect(changes.deleteProducts).toMatchObject([
      { product: "User external", subscriptions: 1, instances: 2, values: 4 },
    ]);
    expect(countImpact(changes, emptyAnswers())).toContainEqual(
      expect.objectContaining({
        change: "delete product User external",
        subscriptions: expect.objectContaining({ deleted: 1 }),
        instances: expect.objectContaining({ deleted: 2 }),
        values: expect.objectContaining({ deleted: 4 }),
      }),
    );
  });

  it("a deleted product names the other products' subscriptions that use its instances", async () => {
    // User internal's UserBlock instance also holds User external's UserGroupBlock instance.
    await db.query(
      `INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr)
       SELECT u.subscription_instance_id, g.subscription_instance_id, 1, 'group'
       FROM subscription_instances u JOIN subscriptions su ON su.subscription_id = u.subscription_id
       JOIN products pu ON pu.product_id = su.product_id,
       subscription_instances g JOIN subscriptions sg ON sg.subscription_id = g.subscription_id
       JOIN products pg ON pg.product_id = sg.product_id
       WHERE pu.name = 'User internal' AND u.product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserBlock')
         AND pg.name = 'User external' AND g.product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserGroupBlock')`,
    );
    const { changes } = await compareWithDatabase(db, workshopModel({ withoutExternal: true }));
    expect(changes.deleteProducts[0]!.inUseBy).toEqual({
      subscriptions: 1,
      products: ["User internal"],
      customers: ["c"],
    });
    expect(countImpact(changes, emptyAnswers())).toContainEqual(
      expect.objectContaining({
        change: "1 subscription of User internal (customers c) loses what it uses of User external",
        subscriptions: expect.objectContaining({ changed: 1 }),
      }),
    );
    const confirm = deletionConfirmation(changes);
    expect(confirm?.prompt).toContain(
      "1 subscription of User internal (customers c) uses instances of User external",
    );
  });
});
