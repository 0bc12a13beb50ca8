// The exact rows a change set's deletions remove from the product metadata, so that the downgrade puts
// them back as they were: same ids and timestamps (then every row that refers to them by id, such as
// product_block_resource_types, comes back identical), a deleted product's products_workflows rows, a
// deleted block's own relations (with min and max) and resource type links. Read only for what the change
// set deletes, in a few queries.

import type { Queryable } from "../db/adopt/table-shapes.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { sqlLiteral } from "../plan/sql-literal.ts";

const names = (list: string[]): string => list.map(sqlLiteral).join(", ");

export interface RestoredRow {
  id: string;
  /** As PostgreSQL prints a timestamptz: cast back, it is the same instant to the microsecond. */
  createdAt: string;
  endDate: string | null;
}

export interface RestoredRelation {
  dependsOn: string;
  min: number | null;
  max: number | null;
}

export interface RestoreRows {
  products: Record<string, RestoredRow & { workflows: string[] }>;
  blocks: Record<string, RestoredRow & { resourceTypes: string[]; dependsOn: RestoredRelation[] }>;
  resourceTypes: Record<string, { id: string }>;
  /** By `product\u0000fixed input`. */
  fixedInputs: Record<string, { id: string; createdAt: string }>;
  /** min and max of relations the change set deletes, by `block\u0000depends-on block`. */
  relations: Record<string, { min: number | null; max: number | null }>;
}

export const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;

export function emptyRestoreRows(): RestoreRows {
  return { products: {}, blocks: {}, resourceTypes: {}, fixedInputs: {}, relations: {} };
}

/** The change set removes rows that a downgrade would put back: only then is there anything to read. */
export function removesRows(changes: ChangeSet): boolean {
  return (
    changes.deleteProducts.length > 0 ||
    changes.deleteProductBlocks.length > 0 ||
    changes.deleteResourceTypes.length > 0 ||
    changes.deleteFixedInputs.length > 0 ||
    changes.deleteBlockRelations.length > 0
  );
}

/**
 * The rows `changes` removes, as they are now: read by generateMigration (or for it), so that the
 * downgrade it plans restores them with their ids and timestamps. No query when nothing is removed.
 */
export async function readRestoreRows(db: Queryable, changes: ChangeSet): Promise<RestoreRows> {
  const rows = emptyRestoreRows();
  const products = changes.deleteProducts.map((d) => d.product);
  const blocks = changes.deleteProductBlocks.map((d) => d.block);
  const resourceTypes = changes.deleteResourceTypes.map((d) => d.resourceType);
  const fixedInputProducts = [...new Set(changes.deleteFixedInputs.map((d) => d.product)), ...products];
  const relationBlocks = changes.deleteBlockRelations.map((r) => r.block);
  if (products.length > 0) {
    const found = await db.query<Row & { name: string; workflows: string[] | null }>(
      `SELECT p.product_id AS id, p.name, p.created_at::text AS created_at, p.end_date::text AS end_date,
              array(SELECT w.name FROM products_workflows pw JOIN workflows w USING (workflow_id)
                     WHERE pw.product_id = p.product_id ORDER BY w.name)::text[] AS workflows
         FROM products p WHERE p.name IN (${names(products)})`,
    );
    for (const row of found) rows.products[row.name] = { ...restored(row), workflows: row.workflows ?? [] };
  }
  if (blocks.length > 0) {
    const found = await db.query<
      Row & { name: string; resource_types: string[] | null; depends_on: RestoredRelation[] | null }
    >(
      `SELECT b.product_block_id AS id, b.name, b.created_at::text AS created_at, b.end_date::text AS end_date,
              array(SELECT t.resource_type FROM product_block_resource_types l JOIN resource_types t USING (resource_type_id)
                     WHERE l.product_block_id = b.product_block_id ORDER BY t.resource_type)::text[] AS resource_types,
              (SELECT json_agg(json_build_object('dependsOn', d.name, 'min', r.min, 'max', r.max) ORDER BY d.name)
                 FROM product_block_relations r JOIN product_blocks d ON d.product_block_id = r.depends_on_id
                WHERE r.in_use_by_id = b.product_block_id) AS depends_on
         FROM product_blocks b WHERE b.name IN (${names(blocks)})`,
    );
    for (const row of found)
      rows.blocks[row.name] = {
        ...restored(row),
        resourceTypes: row.resource_types ?? [],
        dependsOn: parseJson(row.depends_on) ?? [],
      };
  }
  if (resourceTypes.length > 0) {
    const found = await db.query<{ id: string; name: string }>(
      `SELECT resource_type_id AS id, resource_type AS name FROM resource_types WHERE resource_type IN (${names(resourceTypes)})`,
    );
    for (const row of found) rows.resourceTypes[row.name] = { id: row.id };
  }
  if (fixedInputProducts.length > 0) {
    const found = await db.query<{ id: string; product: string; name: string; created_at: string }>(
      `SELECT f.fixed_input_id AS id, p.name AS product, f.name, f.created_at::text AS created_at
         FROM fixed_inputs f JOIN products p USING (product_id) WHERE p.name IN (${names(fixedInputProducts)})`,
    );
    for (const row of found)
      rows.fixedInputs[pairKey(row.product, row.name)] = { id: row.id, createdAt: row.created_at };
  }
  if (relationBlocks.length > 0) {
    const found = await db.query<{
      block: string;
      depends_on: string;
      min: number | null;
      max: number | null;
    }>(
      `SELECT u.name AS block, d.name AS depends_on, r.min, r.max FROM product_block_relations r
         JOIN product_blocks u ON u.product_block_id = r.in_use_by_id
         JOIN product_blocks d ON d.product_block_id = r.depends_on_id WHERE u.name IN (${names(relationBlocks)})`,
    );
    for (const row of found)
      rows.relations[pairKey(row.block, row.depends_on)] = { min: row.min, max: row.max };
  }
  return rows;
}

interface Row {
  id: string;
  created_at: string;
  end_date: string | null;
}

function restored(row: Row): RestoredRow {
  return { id: row.id, createdAt: row.created_at, endDate: row.end_date };
}

/** json_agg arrives parsed from node-postgres, as text from some drivers. */
function parseJson<T>(value: T | string | null): T | null {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}
