// `MigrationRunner.previewDowngrade` measures what reverting data migrations changes by running their
// downgrades in a transaction that is rolled back, on real PGlite and PostgreSQL.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../db/database.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../testing/databases.ts";
import { removesSubscriptionData } from "./downgrade-preview.ts";
import { MigrationRunner } from "./migration-runner.ts";
import { migrationSources } from "./migration-source.ts";

// Inside the SDK package, so the file's `import … from "@orchestrator/sdk"` resolves (self-reference).
const tmpRoot = join(import.meta.dirname, "../../.test-tmp");
let dirCounter = 0;
const NAME = "20260101000000_product";

/** One migration adding product P1; its downgrade removes P1 with any subscription made on it since. */
function migrationsDir(): string {
  const dir = join(tmpRoot, `preview-${process.pid}-${dirCounter++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${NAME}.ts`),
    `import { Migration } from "@orchestrator/sdk";
export default class M extends Migration {
  static basedOn = "0001_orchestrator_schema";
  async up(): Promise<void> {
    this.addSql("INSERT INTO products (name, description, product_type, tag, status) VALUES ('P1', 'd', 'T', 'TAG', 'active')");
  }
  async down(): Promise<void> {
    this.addSql("DELETE FROM subscriptions WHERE product_id IN (SELECT product_id FROM products WHERE name = 'P1')");
    this.addSql("DELETE FROM products WHERE name = 'P1'");
  }
}
`,
  );
  return dir;
}

afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

describe.each(DATABASE_KINDS)("previewDowngrade on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let runner: MigrationRunner;
  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  beforeEach(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
    runner = new MigrationRunner(db, migrationSources(migrationsDir()));
    await runner.upgrade();
  });
  afterEach(async () => {
    await db.close();
    await testDb.dispose();
  });

  it("lists the rows the downgrade removes, and changes nothing", async () => {
    const previews = await runner.previewDowngrade(await runner.planDowngrade("-1"));
    expect(previews).toEqual([
      { name: NAME, kind: "data", rows: [{ table: "products", before: 1, after: 0 }] },
    ]);
    expect(removesSubscriptionData(previews)).toBe(false);
    expect(await count("products")).toBe(1);
    expect((await runner.status()).at(-1)?.applied).toBe(true);
  });

  it("counts subscriptions made since the upgrade, which the downgrade takes with it", async () => {
    await db.query(
      "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 's', 'active', product_id, 'c', true FROM products WHERE name = 'P1'",
    );
    const previews = await runner.previewDowngrade(await runner.planDowngrade("-1"));
    expect(previews[0]?.rows).toEqual([
      { table: "products", before: 1, after: 0 },
      { table: "subscriptions", before: 1, after: 0 },
    ]);
    expect(removesSubscriptionData(previews)).toBe(true);
    expect(await count("subscriptions")).toBe(1);
  });

  it("previews nothing for a plan without data migrations", async () => {
    await runner.downgrade("-1");
    expect(await runner.previewDowngrade(await runner.planDowngrade("base"))).toEqual([]);
  });
});
