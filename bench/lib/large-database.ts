// A PostgreSQL database holding the large model's metadata and its subscriptions, built with set-based
// SQL (INSERT … SELECT generate_series) in well under a minute. Names are computed in SQL exactly as
// large-model.ts computes them in TypeScript, so the model and the database start out in sync.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Database, MigrationRunner, migrationSources } from "@orchestrator/sdk";
import { COMMON_BLOCK, FIXED_INPUTS, type Scale } from "./large-model.ts";

export const ADMIN_URL =
  process.env.ORCHESTRATOR_BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
/** Set to 1 to keep the database after a run and reuse it on the next one. */
const KEEP = process.env.ORCHESTRATOR_BENCH_KEEP === "1";

export interface BenchDatabase {
  db: Database;
  url: string;
  /** Seconds spent building it (0 when reused). */
  buildSeconds: number;
  /** Closes the connection and drops the database (unless ORCHESTRATOR_BENCH_KEEP=1). */
  dispose(): Promise<void>;
}

export async function openLargeDatabase(name: string, scale: Scale): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = await Database.open({ kind: "postgresql", url: ADMIN_URL });
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length > 0;
  const reuse = KEEP && exists;
  if (!reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.close();

  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await Database.open({ kind: "postgresql", url: url.toString() });
  const started = performance.now();
  if (!reuse) await fill(db, scale);
  return {
    db,
    url: url.toString(),
    buildSeconds: reuse ? 0 : (performance.now() - started) / 1000,
    dispose: async () => {
      await db.close();
      if (KEEP) return;
      const cleanup = await Database.open({ kind: "postgresql", url: ADMIN_URL });
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}

/**
 * The same data in an embedded (PGlite) database in `dataDir`: built when the directory holds none, else
 * reused (the caller removes it when done). Seconds spent building it (0 when reused).
 */
export async function buildLargePglite(dataDir: string, scale: Scale): Promise<number> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return 0;
  const started = performance.now();
  const db = await Database.open({ kind: "pglite", dataDir });
  try {
    await fill(db, scale);
  } finally {
    await db.close();
  }
  return (performance.now() - started) / 1000;
}

const pad = (sql: string) => `lpad((${sql})::text, 4, '0')`;

/** blockName() of large-model.ts, over an integer SQL expression. */
function blockNameSql(scale: Scale, b: string): string {
  return (
    `CASE WHEN ${b} = ${2 * scale.products} THEN '${COMMON_BLOCK}' ` +
    `WHEN ${b} % 2 = 0 THEN 'P' || ${pad(`${b} / 2`)} || 'RootBlock' ` +
    `ELSE 'P' || ${pad(`(${b} - 1) / 2`)} || 'DetailBlock' END`
  );
}

async function fill(db: Database, scale: Scale): Promise<void> {
  await new MigrationRunner(db, migrationSources("/nonexistent")).upgrade();
  const n = scale.products;
  const lastBlock = 2 * n;
  const rtName = (b: string, k: string) =>
    `'rt_' || ${pad(`(${b} * ${scale.resourceTypesPerBlock} + ${k}) % ${scale.resourceTypePool}`)}`;
  const fixedInputs = Object.entries(FIXED_INPUTS)
    .map(([name, value]) => `('${name}', '${value}')`)
    .join(", ");

  // In one transaction, so the SET LOCALs apply to every statement. The rows are consistent by
  // construction, so the foreign-key triggers are skipped (replica role), which halves the build time.
  const statements = [
    "SET LOCAL synchronous_commit = off",
    "SET LOCAL session_replication_role = replica",
    `INSERT INTO products (name, description, product_type, tag, status)
     SELECT 'Product ' || ${pad("i")}, 'Product ' || i, 'ProductType' || ${pad("i")}, 'P' || i, 'active'
     FROM generate_series(0, ${n - 1}) i`,
    `INSERT INTO fixed_inputs (name, value, product_id)
     SELECT f.name, f.value, p.product_id FROM products p CROSS JOIN (VALUES ${fixedInputs}) AS f(name, value)`,
    `INSERT INTO product_blocks (name, description, tag, status)
     SELECT ${blockNameSql(scale, "b")}, 'Block ' || b, NULL, 'active' FROM generate_series(0, ${lastBlock}) b`,
    `INSERT INTO resource_types (resource_type, description)
     SELECT 'rt_' || ${pad("k")}, 'Resource type ' || k FROM generate_series(0, ${scale.resourceTypePool - 1}) k`,
    `INSERT INTO product_block_resource_types (product_block_id, resource_type_id)
     SELECT pb.product_block_id, rt.resource_type_id
     FROM generate_series(0, ${lastBlock}) b CROSS JOIN generate_series(0, ${scale.resourceTypesPerBlock - 1}) k
     JOIN product_blocks pb ON pb.name = ${blockNameSql(scale, "b")}
     JOIN resource_types rt ON rt.resource_type = ${rtName("b", "k")}`,
    // Each product holds its root block and the CommonBlock; each root block holds its detail block.
    `INSERT INTO product_product_blocks (product_id, product_block_id)
     SELECT p.product_id, pb.product_block_id FROM products p
     JOIN product_blocks pb ON pb.name IN ('P' || right(p.name, 4) || 'RootBlock', '${COMMON_BLOCK}')`,
    `INSERT INTO product_block_relations (in_use_by_id, depends_on_id)
     SELECT r.product_block_id, d.product_block_id FROM product_blocks r
     JOIN product_blocks d ON d.name = replace(r.name, 'RootBlock', 'DetailBlock') WHERE r.name LIKE '%RootBlock'`,
    `INSERT INTO subscriptions (description, status, product_id, customer_id, insync, start_date)
     SELECT p.name || ' #' || s, 'active', p.product_id, 'customer-' || (s % 50), true, now()
     FROM products p CROSS JOIN generate_series(1, ${scale.subscriptionsPerProduct}) s`,
    // Root instances: one of the root block and one of the CommonBlock per subscription.
    `INSERT INTO subscription_instances (subscription_id, product_block_id)
     SELECT s.subscription_id, ppb.product_block_id FROM subscriptions s JOIN product_product_blocks ppb USING (product_id)`,
    // Each root instance holds a detail instance (attribute "detail").
    `WITH src AS MATERIALIZED (
       SELECT gen_random_uuid() AS new_id, si.subscription_instance_id, si.subscription_id, r.depends_on_id
       FROM subscription_instances si JOIN product_block_relations r ON r.in_use_by_id = si.product_block_id),
     ins AS (INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id)
       SELECT new_id, subscription_id, depends_on_id FROM src)
     INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr)
     SELECT subscription_instance_id, new_id, 0, 'detail' FROM src`,
    // Values for some of each instance's resource types (the others are optional and unset):
    // 4 on root instances, 3 on detail and CommonBlock instances, ≈ 1 000 000 at full scale.
    `INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
     SELECT si.subscription_instance_id, l.resource_type_id, 'value ' || l.k
     FROM subscription_instances si
     JOIN product_blocks pb ON pb.product_block_id = si.product_block_id
     JOIN (SELECT product_block_id, resource_type_id,
             row_number() OVER (PARTITION BY product_block_id ORDER BY resource_type_id) AS k
           FROM product_block_resource_types) l ON l.product_block_id = si.product_block_id
     WHERE l.k <= CASE WHEN pb.name LIKE '%RootBlock' THEN 4 ELSE 3 END`,
  ];
  await db.transaction(async (tx) => {
    for (const sql of statements) await tx.query(sql);
  });
  // As autovacuum would have done on a database of this age: visibility map and planner statistics.
  await db.query("VACUUM ANALYZE");
}
