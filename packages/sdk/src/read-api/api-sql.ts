// SQL that builds orchestrator-core's JSON shapes inside the database, so a whole list is one query
// whatever its length: each nested list is a correlated json_agg. `json` (not `jsonb`) keeps the keys
// in the order written here, which is orchestrator-core's field order.

const epoch = (column: string): string => `extract(epoch from ${column})::float8`;

/** A resource_types row aliased `rt` as ResourceTypeSchema. */
export const RESOURCE_TYPE_JSON = `json_build_object(
  'resource_type', rt.resource_type,
  'description', rt.description,
  'resource_type_id', rt.resource_type_id)`;

/** The resource types of the product block aliased `b`, by name. */
const BLOCK_RESOURCE_TYPES_JSON = `coalesce((
  SELECT json_agg(${RESOURCE_TYPE_JSON} ORDER BY rt.resource_type)
  FROM product_block_resource_types pbrt
  JOIN resource_types rt ON rt.resource_type_id = pbrt.resource_type_id
  WHERE pbrt.product_block_id = b.product_block_id), '[]'::json)`;

/** A product_blocks row aliased `b` as ProductBlockSchema, with its resource types' JSON list. */
const productBlockJson = (resourceTypes: string): string => `json_build_object(
  'product_block_id', b.product_block_id,
  'name', b.name,
  'description', b.description,
  'tag', b.tag,
  'status', b.status,
  'created_at', ${epoch("b.created_at")},
  'end_date', ${epoch("b.end_date")},
  'resource_types', ${resourceTypes})`;

/** A product_blocks row aliased `b` as ProductBlockSchema. */
export const PRODUCT_BLOCK_JSON = productBlockJson(BLOCK_RESOURCE_TYPES_JSON);

/** A workflows row aliased `w` as WorkflowSchema. */
export const WORKFLOW_JSON = `json_build_object(
  'name', w.name,
  'target', w.target,
  'is_task', coalesce(w.is_task, false),
  'description', w.description,
  'created_at', ${epoch("w.created_at")},
  'workflow_id', w.workflow_id,
  'steps', null)`;

const FIXED_INPUT_JSON = `json_build_object(
  'fixed_input_id', fi.fixed_input_id,
  'name', fi.name,
  'value', fi.value,
  'product_id', fi.product_id,
  'created_at', ${epoch("fi.created_at")})`;

/** A products row aliased `p` as ProductSchema, with the JSON lists of its parts. */
const productJson = (parts: { blocks: string; fixedInputs: string; workflows: string }): string =>
  `json_build_object(
  'product_id', p.product_id,
  'name', p.name,
  'description', p.description,
  'product_type', p.product_type,
  'status', p.status,
  'tag', p.tag,
  'created_at', ${epoch("p.created_at")},
  'end_date', ${epoch("p.end_date")},
  'product_blocks', ${parts.blocks},
  'fixed_inputs', ${parts.fixedInputs},
  'workflows', ${parts.workflows})`;

/** A products row aliased `p` as ProductSchema, with its direct blocks, fixed inputs and live workflows. */
export const PRODUCT_JSON = productJson({
  blocks: `coalesce((
    SELECT json_agg(${PRODUCT_BLOCK_JSON} ORDER BY b.name)
    FROM product_product_blocks ppb JOIN product_blocks b ON b.product_block_id = ppb.product_block_id
    WHERE ppb.product_id = p.product_id), '[]'::json)`,
  fixedInputs: `coalesce((
    SELECT json_agg(${FIXED_INPUT_JSON} ORDER BY fi.name)
    FROM fixed_inputs fi WHERE fi.product_id = p.product_id), '[]'::json)`,
  workflows: `coalesce((
    SELECT json_agg(${WORKFLOW_JSON} ORDER BY w.name)
    FROM products_workflows pw JOIN workflows w ON w.workflow_id = pw.workflow_id
    WHERE pw.product_id = p.product_id AND w.deleted_at IS NULL), '[]'::json)`,
});

/**
 * Every product as ProductSchema JSON in column `item` (and `name`, `tag`, `product_type` to filter and
 * sort on), built set-wise: each block's JSON is made once and joined to its products by hash joins,
 * instead of a subquery per product and link (fixed_inputs has no index on product_id in
 * orchestrator-core's schema, so a per-product lookup scans the table each time).
 */
export const PRODUCTS_JSON_FROM = `(
  WITH block_resource_types AS (
    SELECT pbrt.product_block_id, json_agg(${RESOURCE_TYPE_JSON} ORDER BY rt.resource_type) AS items
    FROM product_block_resource_types pbrt JOIN resource_types rt ON rt.resource_type_id = pbrt.resource_type_id
    GROUP BY pbrt.product_block_id),
  blocks AS (
    SELECT b.product_block_id, b.name, ${productBlockJson("coalesce(brt.items, '[]'::json)")} AS item
    FROM product_blocks b LEFT JOIN block_resource_types brt ON brt.product_block_id = b.product_block_id),
  product_blocks_json AS (
    SELECT ppb.product_id, json_agg(blocks.item ORDER BY blocks.name) AS items
    FROM product_product_blocks ppb JOIN blocks ON blocks.product_block_id = ppb.product_block_id
    GROUP BY ppb.product_id),
  fixed_inputs_json AS (
    SELECT fi.product_id, json_agg(${FIXED_INPUT_JSON} ORDER BY fi.name) AS items
    FROM fixed_inputs fi GROUP BY fi.product_id),
  workflows_json AS (
    SELECT pw.product_id, json_agg(${WORKFLOW_JSON} ORDER BY w.name) AS items
    FROM products_workflows pw JOIN workflows w ON w.workflow_id = pw.workflow_id
    WHERE w.deleted_at IS NULL GROUP BY pw.product_id)
  SELECT p.product_id, p.name, p.tag, p.product_type, ${productJson({
    blocks: "coalesce(pb.items, '[]'::json)",
    fixedInputs: "coalesce(fi.items, '[]'::json)",
    workflows: "coalesce(wf.items, '[]'::json)",
  })} AS item
  FROM products p
  LEFT JOIN product_blocks_json pb ON pb.product_id = p.product_id
  LEFT JOIN fixed_inputs_json fi ON fi.product_id = p.product_id
  LEFT JOIN workflows_json wf ON wf.product_id = p.product_id
) listed`;

/** Drivers differ in whether they parse `json` columns; both forms end up as the parsed value. */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
