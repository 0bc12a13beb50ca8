// The read functions behind `orchestrator serve`'s API, for custom tooling too: each returns
// orchestrator-core's shapes (api-shapes.ts) in one parameterised query. Lists are sorted by name, a
// stable order friendlier to read and diff than orchestrator-core's unspecified one. A lookup by an id
// that does not exist returns null; ids must be UUIDs (isUuid) or PostgreSQL rejects the cast.
import type { Database } from "../db/database.ts";
import type {
  ProductBlockRelation,
  ProductBlockSchema,
  ProductFilter,
  ProductSchema,
  ResourceTypeSchema,
  WorkflowSchema,
} from "./api-shapes.ts";
import {
  PRODUCT_BLOCK_JSON,
  PRODUCT_JSON,
  PRODUCTS_JSON_FROM,
  parseJsonColumn,
  RESOURCE_TYPE_JSON,
  WORKFLOW_JSON,
} from "./api-sql.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in its usual text form (what the id columns accept). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

async function items<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  const rows = await db.query<{ item: unknown }>(sql, params);
  return rows.map((row) => parseJsonColumn<T>(row.item));
}

async function single<T>(db: Database, sql: string, id: string): Promise<T | null> {
  if (!isUuid(id)) return null;
  return (await items<T>(db, sql, [id]))[0] ?? null;
}

/**
 * The products as orchestrator-core's `GET /api/products/` returns them, optionally filtered by exact
 * tag and product type: one query, whatever the number of products.
 * @example const userProducts = await listApiProducts(db, { productType: "User" });
 */
export function listApiProducts(db: Database, filter: ProductFilter = {}): Promise<ProductSchema[]> {
  return items<ProductSchema>(
    db,
    `SELECT listed.item FROM ${PRODUCTS_JSON_FROM}
     WHERE (?::text IS NULL OR listed.tag = ?) AND (?::text IS NULL OR listed.product_type = ?)
     ORDER BY listed.name`,
    [filter.tag ?? null, filter.tag ?? null, filter.productType ?? null, filter.productType ?? null],
  );
}

/**
 * The same list as listApiProducts, as the JSON text of the array, built by the database: a server
 * sends it as it is, without parsing and re-serialising megabytes per request. One query.
 */
export async function listApiProductsJson(db: Database, filter: ProductFilter = {}): Promise<string> {
  const [row] = await db.query<{ body: string }>(
    `SELECT coalesce(json_agg(listed.item ORDER BY listed.name), '[]'::json)::text AS body FROM ${PRODUCTS_JSON_FROM}
     WHERE (?::text IS NULL OR listed.tag = ?) AND (?::text IS NULL OR listed.product_type = ?)`,
    [filter.tag ?? null, filter.tag ?? null, filter.productType ?? null, filter.productType ?? null],
  );
  return row!.body;
}

/** One product as `GET /api/products/{id}` returns it, or null. */
export function getApiProduct(db: Database, productId: string): Promise<ProductSchema | null> {
  return single(db, `SELECT ${PRODUCT_JSON} AS item FROM products p WHERE p.product_id = ?::uuid`, productId);
}

/** Every product block in orchestrator-core's ProductBlockSchema. */
export function listApiProductBlocks(db: Database): Promise<ProductBlockSchema[]> {
  return items(db, `SELECT ${PRODUCT_BLOCK_JSON} AS item FROM product_blocks b ORDER BY b.name`);
}

/** One product block as `GET /api/product_blocks/{id}` returns it, or null. */
export function getApiProductBlock(db: Database, productBlockId: string): Promise<ProductBlockSchema | null> {
  return single(
    db,
    `SELECT ${PRODUCT_BLOCK_JSON} AS item FROM product_blocks b WHERE b.product_block_id = ?::uuid`,
    productBlockId,
  );
}

/** Every resource type in orchestrator-core's ResourceTypeSchema. */
export function listApiResourceTypes(db: Database): Promise<ResourceTypeSchema[]> {
  return items(db, `SELECT ${RESOURCE_TYPE_JSON} AS item FROM resource_types rt ORDER BY rt.resource_type`);
}

/** One resource type as `GET /api/resource_types/{id}` returns it, or null. */
export function getApiResourceType(db: Database, resourceTypeId: string): Promise<ResourceTypeSchema | null> {
  return single(
    db,
    `SELECT ${RESOURCE_TYPE_JSON} AS item FROM resource_types rt WHERE rt.resource_type_id = ?::uuid`,
    resourceTypeId,
  );
}

/** Every workflow not deleted, in orchestrator-core's WorkflowSchema. */
export function listApiWorkflows(db: Database): Promise<WorkflowSchema[]> {
  return items(
    db,
    `SELECT ${WORKFLOW_JSON} AS item FROM workflows w WHERE w.deleted_at IS NULL ORDER BY w.name`,
  );
}

/** One workflow as `GET /api/workflows/{id}` returns it (deleted ones too, as there), or null. */
export function getApiWorkflow(db: Database, workflowId: string): Promise<WorkflowSchema | null> {
  return single(
    db,
    `SELECT ${WORKFLOW_JSON} AS item FROM workflows w WHERE w.workflow_id = ?::uuid`,
    workflowId,
  );
}

/** Which product block depends on which: what the pages need for "depends on", "in use by" and trees. */
export function listProductBlockRelations(db: Database): Promise<ProductBlockRelation[]> {
  return db.query<ProductBlockRelation>(
    "SELECT in_use_by_id::text AS in_use_by_id, depends_on_id::text AS depends_on_id FROM product_block_relations",
  );
}
