// An in-memory PGlite with the core schema, for tests of the generated SQL. Statements run through
// exec() (the simple query protocol), as a migration's addSql does: an injected second statement would
// run, so the quoting tests mean something.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { up as coreSchema } from "../../db/core-migrations/0001-orchestrator-schema.ts";
import { resolveAnswers } from "../../questions/resolve-answers.ts";
import { planMigration } from "../plan-migration.ts";
import { onEmptyDatabase, workshopInputs, workshopModel } from "./workshop.ts";

export async function createTestDatabase(): Promise<PGlite> {
  const db = new PGlite();
  for (const statement of coreSchema) await db.exec(statement);
  return db;
}

export async function run(db: PGlite, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    try {
      await db.exec(statement);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n  in: ${statement}`, { cause: error });
    }
  }
}

export async function rows<T = Record<string, unknown>>(db: PGlite, sql: string): Promise<T[]> {
  return (await db.query<T>(sql)).rows;
}

/** A subscription of the product (by name), returning its id. */
export async function addSubscription(db: PGlite, product: string, description = "sub"): Promise<string> {
  const result = await db.query<{ subscription_id: string }>(
    "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) " +
      "SELECT $1, 'active', product_id, 'customer', true FROM products WHERE name = $2 RETURNING subscription_id",
    [description, product],
  );
  return result.rows[0]!.subscription_id;
}

/** An instance of the block (by name) in the subscription, returning its id. */
export async function addInstance(db: PGlite, subscriptionId: string, block: string): Promise<string> {
  const result = await db.query<{ subscription_instance_id: string }>(
    "INSERT INTO subscription_instances (subscription_id, product_block_id) " +
      "SELECT $1, product_block_id FROM product_blocks WHERE name = $2 RETURNING subscription_instance_id",
    [subscriptionId, block],
  );
  return result.rows[0]!.subscription_instance_id;
}

export async function relate(
  db: PGlite,
  inUseBy: string,
  dependsOn: string,
  attribute: string | null,
  order = 0,
): Promise<void> {
  await db.query(
    "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) VALUES ($1, $2, $3, $4)",
    [inUseBy, dependsOn, order, attribute],
  );
}

/**
 * For a test file: one database holding the workshop's metadata (orchestrator-core's walk-through), each test in a
 * transaction rolled back after it. Returns the database's getter (it exists once beforeAll ran).
 */
export function useWorkshopDatabase(): () => PGlite {
  let db: PGlite;
  beforeAll(async () => {
    db = await createTestDatabase();
    const { changeSet, answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), {
      inputs: workshopInputs,
    });
    await run(db, planMigration(changeSet, answers).upgrade);
  });
  afterAll(() => db.close());
  beforeEach(() => db.exec("BEGIN"));
  afterEach(() => db.exec("ROLLBACK"));
  return () => db;
}
