import { describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { useMigratedDatabase } from "../db/testing/migrated-database.ts";
import { DATABASE_KINDS } from "../testing/databases.ts";
import { getApiProduct, isUuid, listApiProducts, listApiProductsJson } from "./read-metadata.ts";

/** Adds `count` products, each with a fixed input and two linked blocks of two resource types. */
async function addProducts(db: Database, from: number, count: number): Promise<void> {
  await db.query(
    `WITH numbers AS (SELECT n FROM generate_series(?::int, ?::int) n),
     new_products AS (
       INSERT INTO products (name, description, product_type, tag, status)
       SELECT 'P' || lpad(n::text, 4, '0'), 'product ' || n, 'T', 'TAG' || (n % 3), 'active' FROM numbers
       RETURNING product_id, name),
     new_blocks AS (
       INSERT INTO product_blocks (name, description, tag, status)
       SELECT 'B' || n || '_' || k, 'block', 'B', 'active' FROM numbers, generate_series(1, 2) k
       RETURNING product_block_id, name),
     new_types AS (
       INSERT INTO resource_types (resource_type, description)
       SELECT 'rt' || n || '_' || k, 'a resource type' FROM numbers, generate_series(1, 2) k
       RETURNING resource_type_id, resource_type),
     fixed AS (
       INSERT INTO fixed_inputs (name, value, product_id) SELECT 'speed', '1000', product_id FROM new_products),
     block_links AS (
       INSERT INTO product_product_blocks (product_id, product_block_id)
       SELECT p.product_id, b.product_block_id FROM new_products p JOIN new_blocks b ON b.name LIKE 'B' || ltrim(substr(p.name, 2), '0') || '\\_%')
     INSERT INTO product_block_resource_types (product_block_id, resource_type_id)
     SELECT b.product_block_id, t.resource_type_id FROM new_blocks b JOIN new_types t ON split_part(b.name, '_', 1) = 'B' || split_part(substr(t.resource_type, 3), '_', 1)`,
    [from, from + count - 1],
  );
}

function countingQueries(db: Database): { count: number } {
  const counter = { count: 0 };
  const query = db.query.bind(db);
  db.query = ((sql: string, params?: unknown[]) => {
    counter.count++;
    return query(sql, params);
  }) as Database["query"];
  return counter;
}

describe.each(DATABASE_KINDS)("the read API on %s", (kind) => {
  const db = useMigratedDatabase(kind);

  it("lists products in one query whatever their number, the JSON text equal to the objects", async () => {
    await addProducts(db(), 1, 1);
    const counter = countingQueries(db());
    const one = await listApiProducts(db());
    expect(counter.count).toBe(1);
    expect(one[0]!.product_blocks.map((b) => b.resource_types!.length)).toEqual([2, 2]);

    await addProducts(db(), 2, 59);
    counter.count = 0;
    const sixty = await listApiProducts(db());
    expect(counter.count).toBe(1);
    expect(sixty).toHaveLength(60);
    expect(JSON.parse(await listApiProductsJson(db()))).toEqual(sixty);
    expect(await getApiProduct(db(), sixty[41]!.product_id)).toEqual(sixty[41]);
    expect((await listApiProducts(db(), { tag: "TAG1" })).map((p) => p.name)).toEqual(
      sixty.filter((p) => p.tag === "TAG1").map((p) => p.name),
    );
  });

  it("answers null for ids that are not UUIDs, without asking the database", async () => {
    const counter = countingQueries(db());
    expect(await getApiProduct(db(), "1; DROP TABLE products")).toBeNull();
    expect(counter.count).toBe(0);
    expect(isUuid("5e1f0000-0000-4000-8000-000000000000")).toBe(true);
  });
});
