// The product metadata as sorted text lines, to compare database states before and after a migration.
import type { PGlite } from "@electric-sql/pglite";
import { rows } from "./test-database.ts";

export async function metadataFingerprint(db: PGlite): Promise<string[]> {
  const queries = [
    "SELECT 'product ' || name || ' | ' || product_type || ' | ' || tag || ' | ' || description AS line FROM products",
    "SELECT 'block ' || name || ' | ' || coalesce(tag, '-') || ' | ' || description AS line FROM product_blocks",
    "SELECT 'rt ' || resource_type || ' | ' || coalesce(description, '-') AS line FROM resource_types",
    "SELECT 'fi ' || p.name || '.' || f.name || ' = ' || f.value AS line FROM fixed_inputs f JOIN products p USING (product_id)",
    "SELECT 'link ' || p.name || ' -> ' || b.name AS line FROM product_product_blocks JOIN products p USING (product_id) JOIN product_blocks b USING (product_block_id)",
    "SELECT 'relation ' || u.name || ' -> ' || d.name AS line FROM product_block_relations r JOIN product_blocks u ON u.product_block_id = r.in_use_by_id JOIN product_blocks d ON d.product_block_id = r.depends_on_id",
    "SELECT 'rt-link ' || b.name || ' -> ' || t.resource_type AS line FROM product_block_resource_types JOIN product_blocks b USING (product_block_id) JOIN resource_types t USING (resource_type_id)",
  ];
  const lines: string[] = [];
  for (const sql of queries) lines.push(...(await rows<{ line: string }>(db, sql)).map((r) => r.line));
  return lines.sort();
}
