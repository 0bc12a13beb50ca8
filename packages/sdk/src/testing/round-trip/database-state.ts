// Test helper: what a round trip compares, each in one query. Metadata as sorted lines by name (ids
// differ between runs), totals of the subscription data, and what existing data lacks after a migration.
import type { Database } from "../../db/database.ts";
import type { ChangeSet } from "../../diff/change-set.ts";
import { rootInstancesPerSubscription } from "../../diff/new-link-instances.ts";
import { notHeldInItsSubscription } from "../../plan/instance-sql.ts";
import { sqlLiteral } from "../../plan/sql-literal.ts";
import { blockId, productId } from "../../plan/sql-names.ts";
import { SEED_LABEL } from "./subscriptions.ts";

const METADATA_SQL = [
  "SELECT 'product ' || name || ' | ' || product_type || ' | ' || tag || ' | ' || status || ' | ' || description AS line FROM products",
  "SELECT 'block ' || name || ' | ' || coalesce(tag, '-') || ' | ' || coalesce(status, '-') || ' | ' || description FROM product_blocks",
  "SELECT 'rt ' || resource_type || ' | ' || coalesce(description, '-') FROM resource_types",
  "SELECT 'fi ' || p.name || '.' || f.name || ' = ' || f.value FROM fixed_inputs f JOIN products p USING (product_id)",
  "SELECT 'link ' || p.name || ' -> ' || b.name FROM product_product_blocks JOIN products p USING (product_id) JOIN product_blocks b USING (product_block_id)",
  "SELECT 'relation ' || u.name || ' -> ' || d.name FROM product_block_relations r JOIN product_blocks u ON u.product_block_id = r.in_use_by_id JOIN product_blocks d ON d.product_block_id = r.depends_on_id",
  "SELECT 'rt-link ' || b.name || ' -> ' || t.resource_type FROM product_block_resource_types JOIN product_blocks b USING (product_block_id) JOIN resource_types t USING (resource_type_id)",
].join(" UNION ALL ");

/** The seven metadata tables as sorted text lines, by name. */
export async function metadataLines(db: Database): Promise<string[]> {
  const rows = await db.query<{ line: string }>(METADATA_SQL);
  return rows.map((r) => r.line).sort();
}

export interface DataCounts {
  subscriptions: number;
  instances: number;
  relations: number;
  values: number;
}

export async function dataCounts(db: Database): Promise<DataCounts> {
  const [row] = await db.query<Record<keyof DataCounts, unknown>>(
    "SELECT (SELECT count(*) FROM subscriptions) AS subscriptions, (SELECT count(*) FROM subscription_instances) AS instances, " +
      "(SELECT count(*) FROM subscription_instance_relations) AS relations, (SELECT count(*) FROM subscription_instance_values) AS values",
  );
  return {
    subscriptions: Number(row!.subscriptions),
    instances: Number(row!.instances),
    relations: Number(row!.relations),
    values: Number(row!.values),
  };
}

/** Empties the metadata and subscription tables (cascades do the rest): the next run starts from scratch. */
export async function resetDatabase(db: Database): Promise<void> {
  for (const table of ["subscriptions", "products", "product_blocks", "resource_types"])
    await db.query(`DELETE FROM ${table}`);
}

/**
 * What the generated data lacks after the upgrade, as readable lines: a value for a resource type linked
 * to its block, a root instance of a block newly linked to its product, an instance held through a new
 * attribute. Only instances that existed before the migration are held to this (new ones may end at
 * a recursion the migration does not unroll).
 */
export async function missingData(db: Database, changes: ChangeSet): Promise<string[]> {
  const created = new Set(changes.createProducts.map((c) => c.product));
  const seed = `si.label = ${sqlLiteral(SEED_LABEL)}`;
  const checks: string[] = [
    "SELECT 'value of ' || t.resource_type || ' on ' || b.name || ' instance ' || si.subscription_instance_id AS line " +
      "FROM subscription_instances si JOIN product_block_resource_types l ON l.product_block_id = si.product_block_id " +
      "JOIN product_blocks b ON b.product_block_id = si.product_block_id JOIN resource_types t ON t.resource_type_id = l.resource_type_id " +
      `WHERE ${seed} AND NOT EXISTS (SELECT 1 FROM subscription_instance_values v WHERE v.subscription_instance_id = si.subscription_instance_id AND v.resource_type_id = l.resource_type_id)`,
    // A move creates nothing: a subscription without an instance to move stays without. A union
    // gets its first block only.
    ...changes.createProductBlockLinks
      .filter((l) => !created.has(l.product) && rootInstancesPerSubscription(l) > 0)
      .map(
        (l) =>
          `SELECT ${sqlLiteral(`root ${l.block} in subscription of ${l.product} `)} || s.subscription_id FROM subscriptions s ` +
          `WHERE s.product_id = ${productId(l.product)} AND NOT EXISTS (SELECT 1 FROM subscription_instances si ` +
          `WHERE si.subscription_id = s.subscription_id AND si.product_block_id = ${blockId(l.block)})`,
      ),
    ...changes.createBlockRelations.flatMap((r) =>
      (r.moved ? [] : r.attributes).map(
        (attribute) =>
          `SELECT ${sqlLiteral(`${r.dependsOn} held by ${r.block}.${attribute} in instance `)} || si.subscription_instance_id ` +
          `FROM subscription_instances si WHERE ${seed} AND si.product_block_id = ${blockId(r.block)} AND NOT EXISTS (` +
          "SELECT 1 FROM subscription_instance_relations r JOIN subscription_instances d ON d.subscription_instance_id = r.depends_on_id " +
          `WHERE r.in_use_by_id = si.subscription_instance_id AND r.domain_model_attr = ${sqlLiteral(attribute)} AND d.product_block_id = ${blockId(r.dependsOn)})`,
      ),
    ),
  ];
  const rows = await db.query<{ line: string }>(
    `SELECT line FROM (${checks.join(" UNION ALL ")}) AS x(line) LIMIT 20`,
  );
  return rows.map((r) => r.line);
}

/**
 * Instances the migration created (not seeded) that the change set does not list, as readable lines: a
 * root instance of a block not newly linked to its product, or an instance held through an attribute no
 * entry instantiates or fills. An optional field or a list within its bounds must stay as it was.
 */
export async function unlistedInstances(
  db: Database,
  changes: ChangeSet,
  filled: boolean,
): Promise<string[]> {
  const tuples = (rows: string[][]) =>
    rows.length === 0
      ? "(SELECT NULL, NULL, NULL WHERE false)"
      : `(VALUES ${rows.map((r) => `(${r.map(sqlLiteral).join(", ")})`).join(", ")})`;
  const held = [
    ...changes.createBlockRelations.flatMap((r) => [
      ...r.attributes.map((a) => [r.block, r.dependsOn, a]),
      ...(filled ? (r.belowMin ?? []).map((l) => [r.block, r.dependsOn, l.attribute]) : []),
    ]),
    ...changes.createProductBlockLinks.flatMap((l) =>
      (l.nested ?? []).map((n) => [n.block, n.dependsOn, n.attribute]),
    ),
  ];
  const roots = changes.createProductBlockLinks.map((l) => [l.product, l.block, ""]);
  const rows = await db.query<{ line: string }>(
    "SELECT 'unlisted ' || b.name || ' instance ' || si.subscription_instance_id AS line FROM subscription_instances si " +
      "JOIN product_blocks b ON b.product_block_id = si.product_block_id " +
      `WHERE si.label IS DISTINCT FROM ${sqlLiteral(SEED_LABEL)} AND NOT EXISTS (` +
      "SELECT 1 FROM subscription_instance_relations r JOIN subscription_instances u ON u.subscription_instance_id = r.in_use_by_id " +
      "JOIN product_blocks ub ON ub.product_block_id = u.product_block_id " +
      `WHERE r.depends_on_id = si.subscription_instance_id AND (ub.name, b.name, r.domain_model_attr) IN ${tuples(held)}) ` +
      `AND NOT (${notHeldInItsSubscription("si")} ` +
      "AND EXISTS (SELECT 1 FROM subscriptions s JOIN products p ON p.product_id = s.product_id " +
      `WHERE s.subscription_id = si.subscription_id AND (p.name, b.name, '') IN ${tuples(roots)})) LIMIT 20`,
  );
  return rows.map((r) => r.line);
}

/** Instances a migration created: every one not seeded. */
export async function createdInstances(db: Database): Promise<number> {
  const [row] = await db.query<{ n: unknown }>(
    `SELECT count(*) AS n FROM subscription_instances WHERE label IS DISTINCT FROM ${sqlLiteral(SEED_LABEL)}`,
  );
  return Number(row!.n);
}
