// A cheap fingerprint of what the diff reads (for editors that poll): which migrations are applied, and per metadata table a row
// count plus a sum of row hashes (so a link swapped for another one is noticed, not only a count that
// changes). Instance and value tables only count rows: they feed the numbers in messages and can be big.
// Polling compares fingerprints and re-reads the full comparison only when it changed.
import type { Database } from "../db/database.ts";

/** The seven product metadata tables (see docs/design.md, The database tables): what the diff reads. */
export const METADATA_TABLES = [
  "products",
  "fixed_inputs",
  "product_blocks",
  "resource_types",
  "product_product_blocks",
  "product_block_relations",
  "product_block_resource_types",
];
const COUNTED = ["subscriptions", "subscription_instances", "subscription_instance_values"];

const QUERY = `SELECT ${[
  ...METADATA_TABLES.map(
    (t) => `(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) FROM ${t} x) AS "${t}"`,
  ),
  ...COUNTED.map((t) => `(SELECT count(*) FROM ${t})::text AS "${t}"`),
].join(", ")}`;

export async function databaseFingerprint(
  db: Database,
  appliedMigrations: readonly string[],
): Promise<string> {
  const [schema] = await db.query<{ found: string | null }>("SELECT to_regclass('products')::text AS found");
  if (!schema?.found) return `no-schema|${appliedMigrations.join(",")}`;
  const [row] = await db.query<Record<string, string>>(QUERY);
  return `${appliedMigrations.join(",")}|${JSON.stringify(row)}`;
}
