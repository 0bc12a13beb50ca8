// The orchestrator's metadata and subscription tables as orchestrator-core's alembic migrations leave
// them (core-schema-parity.test.ts compares them with its schema dump): column types, lengths,
// nullability, meaningful defaults, unique keys and ON DELETE behaviour. uuid keys default to gen_random_uuid() (built into
// PostgreSQL 13+, and PGlite), so no extension is needed. Kept as plain SQL so a reader sees exactly what
// runs; schema.test.ts checks the result through information_schema.

const uuidPk = (column: string) => `${column} uuid PRIMARY KEY DEFAULT gen_random_uuid()`;
const createdAt = "created_at timestamptz NOT NULL DEFAULT current_timestamp";

export const up: string[] = [
  `CREATE TABLE products (
    ${uuidPk("product_id")},
    name varchar NOT NULL,
    description varchar(2000) NOT NULL,
    product_type varchar(255) NOT NULL,
    tag varchar(20) NOT NULL,
    status varchar(255) NOT NULL,
    ${createdAt},
    end_date timestamptz NULL,
    CONSTRAINT products_name_key UNIQUE (name)
  )`,
  "CREATE INDEX ix_products_tag ON products (tag)",
  `CREATE TABLE fixed_inputs (
    ${uuidPk("fixed_input_id")},
    name varchar NOT NULL,
    value varchar NOT NULL,
    ${createdAt},
    product_id uuid NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    CONSTRAINT uniq_fixed_inputs_name_product_id UNIQUE (name, product_id)
  )`,
  `CREATE TABLE product_blocks (
    ${uuidPk("product_block_id")},
    name varchar NOT NULL,
    description varchar(2000) NOT NULL,
    tag varchar(20) NULL,
    status varchar(255) NULL,
    ${createdAt},
    end_date timestamptz NULL,
    CONSTRAINT product_blocks_name_key UNIQUE (name)
  )`,
  `CREATE TABLE resource_types (
    ${uuidPk("resource_type_id")},
    resource_type varchar(510) NOT NULL,
    description varchar(2000) NULL,
    CONSTRAINT resource_types_resource_type_key UNIQUE (resource_type)
  )`,
  `CREATE TABLE product_product_blocks (
    product_id uuid NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, product_block_id)
  )`,
  `CREATE TABLE product_block_relations (
    in_use_by_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
    depends_on_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
    min integer NULL,
    max integer NULL,
    PRIMARY KEY (in_use_by_id, depends_on_id)
  )`,
  "CREATE UNIQUE INDEX product_block_relation_i_d_ix ON product_block_relations (in_use_by_id, depends_on_id)",
  `CREATE TABLE product_block_resource_types (
    product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id) ON DELETE CASCADE,
    resource_type_id uuid NOT NULL REFERENCES resource_types (resource_type_id) ON DELETE CASCADE,
    PRIMARY KEY (product_block_id, resource_type_id)
  )`,
  `CREATE TABLE workflows (
    ${uuidPk("workflow_id")},
    name varchar NOT NULL,
    target varchar NOT NULL,
    description varchar(2000) NOT NULL,
    ${createdAt},
    deleted_at timestamptz NULL,
    is_task boolean NOT NULL DEFAULT false,
    CONSTRAINT workflows_name_key UNIQUE (name)
  )`,
  `CREATE TABLE products_workflows (
    product_id uuid NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    workflow_id uuid NOT NULL REFERENCES workflows (workflow_id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, workflow_id)
  )`,
  `CREATE TABLE subscriptions (
    ${uuidPk("subscription_id")},
    description varchar(2000) NOT NULL,
    status varchar(255) NOT NULL,
    product_id uuid NOT NULL REFERENCES products (product_id),
    customer_id varchar NOT NULL,
    insync boolean NOT NULL,
    start_date timestamptz NULL,
    end_date timestamptz NULL,
    note varchar(5000) NULL,
    version integer NOT NULL DEFAULT 1
  )`,
  "CREATE INDEX ix_subscriptions_status ON subscriptions (status)",
  "CREATE INDEX ix_subscriptions_product_id ON subscriptions (product_id)",
  "CREATE INDEX ix_subscriptions_customer_id ON subscriptions (customer_id)",
  "CREATE INDEX subscription_product_ix ON subscriptions (subscription_id, product_id)",
  "CREATE INDEX subscription_customer_ix ON subscriptions (subscription_id, customer_id)",
  // orchestrator-core bumps version on every update of a subscription or its customer description
  // (optimistic locking); same function and trigger names, so an adopted database looks the same.
  `CREATE FUNCTION increment_version() RETURNS trigger LANGUAGE plpgsql AS $body$
    BEGIN NEW.version := OLD.version + 1; RETURN NEW; END
  $body$`,
  `CREATE TRIGGER subscriptions_increment_version_trigger BEFORE UPDATE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION increment_version()`,
  `CREATE TABLE subscription_customer_descriptions (
    ${uuidPk("id")},
    subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
    customer_id varchar NOT NULL,
    description varchar(2000) NOT NULL,
    ${createdAt},
    version integer NOT NULL DEFAULT 1,
    CONSTRAINT uniq_customer_subscription_description UNIQUE (customer_id, subscription_id)
  )`,
  `CREATE TRIGGER subscription_customer_descriptions_increment_version_trigger BEFORE UPDATE
    ON subscription_customer_descriptions FOR EACH ROW EXECUTE FUNCTION increment_version()`,
  // No key in orchestrator-core either: one row per subscription by convention, looked up by index.
  `CREATE TABLE subscription_metadata (
    subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
    metadata jsonb NOT NULL
  )`,
  "CREATE INDEX ix_subscription_metadata_subscription_id ON subscription_metadata (subscription_id)",
  `CREATE TABLE subscription_instances (
    ${uuidPk("subscription_instance_id")},
    subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id) ON DELETE CASCADE,
    product_block_id uuid NOT NULL REFERENCES product_blocks (product_block_id),
    label varchar(255) NULL
  )`,
  "CREATE INDEX subscription_instance_s_pb_ix ON subscription_instances (subscription_instance_id, subscription_id, product_block_id)",
  // Not in the reference: the migrator's backfills and the snapshot's counts look instances up by block.
  "CREATE INDEX subscription_instances_product_block_ix ON subscription_instances (product_block_id)",
  `CREATE TABLE subscription_instance_values (
    ${uuidPk("subscription_instance_value_id")},
    subscription_instance_id uuid NOT NULL REFERENCES subscription_instances (subscription_instance_id) ON DELETE CASCADE,
    resource_type_id uuid NOT NULL REFERENCES resource_types (resource_type_id),
    value varchar(10000) NOT NULL
  )`,
  "CREATE INDEX siv_si_rt_ix ON subscription_instance_values (subscription_instance_value_id, subscription_instance_id, resource_type_id)",
  "CREATE INDEX subscription_instance_values_instance_ix ON subscription_instance_values (subscription_instance_id)",
  // Not in the reference either: counting, re-pointing and deleting a resource type's values.
  "CREATE INDEX subscription_instance_values_resource_type_ix ON subscription_instance_values (resource_type_id)",
  `CREATE TABLE subscription_instance_relations (
    in_use_by_id uuid NOT NULL REFERENCES subscription_instances (subscription_instance_id) ON DELETE CASCADE,
    depends_on_id uuid NOT NULL REFERENCES subscription_instances (subscription_instance_id) ON DELETE CASCADE,
    order_id integer NOT NULL,
    domain_model_attr varchar(255) NULL,
    PRIMARY KEY (in_use_by_id, depends_on_id, order_id)
  )`,
  "CREATE UNIQUE INDEX subscription_relation_i_d_o_ix ON subscription_instance_relations (in_use_by_id, depends_on_id, order_id)",
  `CREATE TABLE processes (
    ${uuidPk("pid")},
    workflow_id uuid NOT NULL REFERENCES workflows (workflow_id),
    assignee varchar(50) NOT NULL DEFAULT 'SYSTEM',
    last_status varchar(50) NOT NULL,
    last_step varchar(255) NULL,
    started_at timestamptz NOT NULL DEFAULT current_timestamp,
    last_modified_at timestamptz NOT NULL DEFAULT current_timestamp,
    failed_reason varchar(10000) NULL,
    traceback varchar(50000) NULL,
    created_by varchar(255) NULL,
    is_task boolean NOT NULL DEFAULT false,
    note varchar(5000) NULL
  )`,
  `CREATE TABLE process_steps (
    ${uuidPk("stepid")},
    pid uuid NOT NULL REFERENCES processes (pid) ON DELETE CASCADE,
    name varchar NOT NULL,
    status varchar(50) NOT NULL,
    state jsonb NOT NULL,
    created_by varchar(255) NULL,
    completed_at timestamptz NOT NULL DEFAULT statement_timestamp(),
    commit_hash varchar(40) NULL,
    started_at timestamptz NOT NULL DEFAULT statement_timestamp()
  )`,
  "CREATE TYPE inputtype AS ENUM ('user_input', 'initial_state')",
  `CREATE TABLE input_states (
    ${uuidPk("input_state_id")},
    pid uuid NOT NULL REFERENCES processes (pid) ON DELETE CASCADE,
    input_state jsonb NOT NULL,
    input_time timestamptz NOT NULL DEFAULT current_timestamp,
    input_type inputtype NOT NULL
  )`,
  `CREATE TABLE processes_subscriptions (
    ${uuidPk("id")},
    pid uuid NOT NULL REFERENCES processes (pid) ON DELETE CASCADE,
    subscription_id uuid NOT NULL REFERENCES subscriptions (subscription_id),
    ${createdAt},
    workflow_target varchar(255) NULL DEFAULT 'CREATE'
  )`,
  "CREATE INDEX processes_subscriptions_subscription_ix ON processes_subscriptions (subscription_id)",
];

// Written to revert this migration as it is now and as it was first released (FORMER_CHECKSUMS in
// index.ts): that version had increment_subscription_version() and no inputtype.
export const down: string[] = [
  "DROP TABLE processes_subscriptions",
  "DROP TABLE input_states",
  "DROP TYPE IF EXISTS inputtype",
  "DROP TABLE process_steps",
  "DROP TABLE processes",
  "DROP TABLE subscription_instance_relations",
  "DROP TABLE subscription_instance_values",
  "DROP TABLE subscription_instances",
  "DROP TABLE subscription_metadata",
  "DROP TABLE subscription_customer_descriptions",
  "DROP TABLE subscriptions",
  "DROP FUNCTION IF EXISTS increment_version()",
  "DROP FUNCTION IF EXISTS increment_subscription_version()",
  "DROP TABLE products_workflows",
  "DROP TABLE workflows",
  "DROP TABLE product_block_resource_types",
  "DROP TABLE product_block_relations",
  "DROP TABLE product_product_blocks",
  "DROP TABLE resource_types",
  "DROP TABLE product_blocks",
  "DROP TABLE fixed_inputs",
  "DROP TABLE products",
];
