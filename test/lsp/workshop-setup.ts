// Run by workshop.ts as a plain Node process (not inside vitest, whose transform would try to compile the
// project's files): brings the database of the project in argv[2] (URL in argv[3]) to the workshop state.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  compareWithDatabase,
  Database,
  generateMigration,
  loadProject,
  loadRegistry,
  MigrationRunner,
  migrationSources,
} from "@orchestrator/sdk";
import { targetFromUrl } from "@orchestrator/sdk/testing";

const SUBSCRIPTIONS_PER_USER_PRODUCT = 3;

const [dir, databaseUrl] = process.argv.slice(2) as [string, string];
const project = await loadProject({ cwd: dir, databaseUrl });
const model = await loadRegistry(project.registryFile, { fresh: true });
const db = await Database.open(targetFromUrl(databaseUrl));
try {
  await new MigrationRunner(db, migrationSources(project.migrationsDir)).upgrade("heads");
  const comparison = await compareWithDatabase(db, model);
  const inputs = readFileSync(join(dir, "answers.json"), "utf8");
  await generateMigration(project, comparison, model, {
    message: "init",
    inputs,
    now: new Date("2026-01-01T00:00:00Z"),
  });
  await new MigrationRunner(db, migrationSources(project.migrationsDir)).upgrade("heads");
  await divergeDatabase(db);
} finally {
  await db.close();
}

/** The database side of the differences: no `age` on UserBlock, an extra `nickname`, some subscriptions. */
async function divergeDatabase(db: Database): Promise<void> {
  await db.query(
    `DELETE FROM product_block_resource_types WHERE product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserBlock')
       AND resource_type_id = (SELECT resource_type_id FROM resource_types WHERE resource_type = 'age')`,
  );
  await db.query(
    `INSERT INTO resource_types (resource_type, description) VALUES ('nickname', 'what friends call the user')`,
  );
  await db.query(
    `INSERT INTO product_block_resource_types SELECT b.product_block_id, r.resource_type_id FROM product_blocks b, resource_types r
       WHERE b.name = 'UserBlock' AND r.resource_type = 'nickname'`,
  );
  for (const product of ["User internal", "User external"]) {
    for (let i = 0; i < SUBSCRIPTIONS_PER_USER_PRODUCT; i++) {
      const [subscription] = await db.query<{ subscription_id: string }>(
        `INSERT INTO subscriptions (description, status, product_id, customer_id, insync)
           SELECT 'user ${i}', 'active', product_id, 'customer', true FROM products WHERE name = ? RETURNING subscription_id`,
        [product],
      );
      const [instance] = await db.query<{ subscription_instance_id: string }>(
        `INSERT INTO subscription_instances (subscription_id, product_block_id)
           SELECT ?, product_block_id FROM product_blocks WHERE name = 'UserBlock' RETURNING subscription_instance_id`,
        [subscription!.subscription_id],
      );
      await db.query(
        `INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
           SELECT ?, resource_type_id, 'nick ${i}' FROM resource_types WHERE resource_type = 'nickname'`,
        [instance!.subscription_instance_id],
      );
    }
  }
}
