// The schema after the core migrations, read back through information_schema and compared with the
// orchestrator-core's tables (columns, types, lengths, nullability, unique keys, ON DELETE rules; see
// docs/design.md, The database tables).
import { beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../testing/databases.ts";
import type { Database } from "./database.ts";
import { useMigratedDatabase } from "./testing/migrated-database.ts";

/** column → [data type, max length or null, nullable] as orchestrator-core's schema has them. */
const EXPECTED_COLUMNS: Record<string, Record<string, [string, number | null, boolean]>> = {
  products: {
    product_id: ["uuid", null, false],
    name: ["character varying", null, false],
    description: ["character varying", 2000, false],
    product_type: ["character varying", 255, false],
    tag: ["character varying", 20, false],
    status: ["character varying", 255, false],
    created_at: ["timestamp with time zone", null, false],
    end_date: ["timestamp with time zone", null, true],
  },
  fixed_inputs: {
    fixed_input_id: ["uuid", null, false],
    name: ["character varying", null, false],
    value: ["character varying", null, false],
    created_at: ["timestamp with time zone", null, false],
    product_id: ["uuid", null, false],
  },
  product_blocks: {
    product_block_id: ["uuid", null, false],
    name: ["character varying", null, false],
    description: ["character varying", 2000, false],
    tag: ["character varying", 20, true],
    status: ["character varying", 255, true],
    created_at: ["timestamp with time zone", null, false],
    end_date: ["timestamp with time zone", null, true],
  },
  resource_types: {
    resource_type_id: ["uuid", null, false],
    resource_type: ["character varying", 510, false],
    description: ["character varying", 2000, true],
  },
  product_product_blocks: { product_id: ["uuid", null, false], product_block_id: ["uuid", null, false] },
  product_block_relations: {
    in_use_by_id: ["uuid", null, false],
    depends_on_id: ["uuid", null, false],
    min: ["integer", null, true],
    max: ["integer", null, true],
  },
  product_block_resource_types: {
    product_block_id: ["uuid", null, false],
    resource_type_id: ["uuid", null, false],
  },
  workflows: {
    workflow_id: ["uuid", null, false],
    name: ["character varying", null, false],
    target: ["character varying", null, false],
    description: ["character varying", 2000, false],
    created_at: ["timestamp with time zone", null, false],
    deleted_at: ["timestamp with time zone", null, true],
    is_task: ["boolean", null, false],
  },
  products_workflows: { product_id: ["uuid", null, false], workflow_id: ["uuid", null, false] },
  subscriptions: {
    subscription_id: ["uuid", null, false],
    description: ["character varying", 2000, false],
    status: ["character varying", 255, false],
    product_id: ["uuid", null, false],
    customer_id: ["character varying", null, false],
    insync: ["boolean", null, false],
    start_date: ["timestamp with time zone", null, true],
    end_date: ["timestamp with time zone", null, true],
    note: ["character varying", 5000, true],
    version: ["integer", null, false],
  },
  subscription_instances: {
    subscription_instance_id: ["uuid", null, false],
    subscription_id: ["uuid", null, false],
    product_block_id: ["uuid", null, false],
    label: ["character varying", 255, true],
  },
  subscription_instance_values: {
    subscription_instance_value_id: ["uuid", null, false],
    subscription_instance_id: ["uuid", null, false],
    resource_type_id: ["uuid", null, false],
    value: ["character varying", 10000, false],
  },
  subscription_instance_relations: {
    in_use_by_id: ["uuid", null, false],
    depends_on_id: ["uuid", null, false],
    order_id: ["integer", null, false],
    domain_model_attr: ["character varying", 255, true],
  },
};

/** "table.column → referenced table": delete rule, as in orchestrator-core's schema. */
const EXPECTED_FOREIGN_KEYS: Record<string, string> = {
  "fixed_inputs.product_id→products": "CASCADE",
  "product_product_blocks.product_id→products": "CASCADE",
  "product_product_blocks.product_block_id→product_blocks": "CASCADE",
  "product_block_relations.in_use_by_id→product_blocks": "CASCADE",
  "product_block_relations.depends_on_id→product_blocks": "CASCADE",
  "product_block_resource_types.product_block_id→product_blocks": "CASCADE",
  "product_block_resource_types.resource_type_id→resource_types": "CASCADE",
  "products_workflows.product_id→products": "CASCADE",
  "products_workflows.workflow_id→workflows": "CASCADE",
  "subscriptions.product_id→products": "NO ACTION",
  "subscription_instances.subscription_id→subscriptions": "CASCADE",
  "subscription_instances.product_block_id→product_blocks": "NO ACTION",
  "subscription_instance_values.subscription_instance_id→subscription_instances": "CASCADE",
  "subscription_instance_values.resource_type_id→resource_types": "NO ACTION",
  "subscription_instance_relations.in_use_by_id→subscription_instances": "CASCADE",
  "subscription_instance_relations.depends_on_id→subscription_instances": "CASCADE",
  "processes.workflow_id→workflows": "NO ACTION",
  "processes_subscriptions.pid→processes": "CASCADE",
  "processes_subscriptions.subscription_id→subscriptions": "NO ACTION",
  "subscription_customer_descriptions.subscription_id→subscriptions": "CASCADE",
  "subscription_metadata.subscription_id→subscriptions": "CASCADE",
  "process_steps.pid→processes": "CASCADE",
  "input_states.pid→processes": "CASCADE",
};

describe.each(DATABASE_KINDS)("orchestrator schema on %s", (kind) => {
  const database = useMigratedDatabase(kind);
  let db: Database;
  beforeAll(() => {
    db = database();
  });

  it.each(Object.keys(EXPECTED_COLUMNS))("table %s has the reference's columns", async (table) => {
    const rows = await db.query<{
      column_name: string;
      data_type: string;
      len: number | null;
      is_nullable: string;
    }>(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY column_name`,
      [table],
    );
    const actual = Object.fromEntries(
      rows.map((r) => [
        r.column_name,
        [r.data_type, r.len === null ? null : Number(r.len), r.is_nullable === "YES"],
      ]),
    );
    expect(actual).toEqual(EXPECTED_COLUMNS[table]);
  });

  it("has the reference's foreign keys and ON DELETE rules", async () => {
    const rows = await db.query<{ tbl: string; col: string; ref: string; rule: string }>(
      `SELECT kcu.table_name AS tbl, kcu.column_name AS col, ccu.table_name AS ref, rc.delete_rule AS rule
       FROM information_schema.referential_constraints rc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
       JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
       WHERE rc.constraint_schema = 'public'`,
    );
    const actual = Object.fromEntries(rows.map((r) => [`${r.tbl}.${r.col}→${r.ref}`, r.rule]));
    expect(actual).toEqual(EXPECTED_FOREIGN_KEYS);
  });

  it("has the reference's unique keys and primary keys", async () => {
    const rows = await db.query<{ tbl: string; kind: string; cols: string }>(
      `SELECT tc.table_name AS tbl, tc.constraint_type AS kind, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position) AS cols
       FROM information_schema.table_constraints tc
       JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
       WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('UNIQUE', 'PRIMARY KEY')
       GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name`,
    );
    const keys = new Set(rows.map((r) => `${r.tbl} ${r.kind} (${r.cols})`));
    for (const expected of [
      "products UNIQUE (name)",
      "product_blocks UNIQUE (name)",
      "resource_types UNIQUE (resource_type)",
      "workflows UNIQUE (name)",
      "fixed_inputs UNIQUE (name,product_id)",
      "product_product_blocks PRIMARY KEY (product_id,product_block_id)",
      "product_block_relations PRIMARY KEY (in_use_by_id,depends_on_id)",
      "product_block_resource_types PRIMARY KEY (product_block_id,resource_type_id)",
      "products_workflows PRIMARY KEY (product_id,workflow_id)",
      "subscription_instance_relations PRIMARY KEY (in_use_by_id,depends_on_id,order_id)",
    ]) {
      expect(keys).toContain(expected);
    }
  });

  it("generates uuid keys and created_at timestamps by default", async () => {
    const [row] = await db.query<{ product_id: string; created_at: unknown }>(
      "INSERT INTO products (name, description, product_type, tag, status) VALUES ('X', 'd', 'T', 'TAG', 'active') RETURNING product_id, created_at",
    );
    expect(row!.product_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row!.created_at).toBeTruthy();
    await db.query("DELETE FROM products");
  });

  it("refuses a tag longer than 20 characters", async () => {
    await expect(
      db.query(
        `INSERT INTO products (name, description, product_type, tag, status) VALUES ('X', 'd', 'T', '${"T".repeat(21)}', 'active')`,
      ),
    ).rejects.toThrow(/too long/);
  });
});
