// Issue 10, pull: `orchestrator models pull` as a process, on example-orchestrator's real catalogue and
// on catalogues with awkward names and subscription values; the pulled files are type-checked and
// Biome-checked as written, and `db check` / `migrate-domain-models` run on them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CATALOGUE_SQL,
  createCoreDatabase,
  FIXTURES_AVAILABLE,
  fixturesMissingReason,
  runPsql,
  runPsqlFile,
  type TestDatabase,
} from "@orchestrator/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CliResult, json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { biomeCheck, readTree, typecheck } from "../helpers/pulled-files.ts";

const CONFIG = `import { defineConfig } from "@orchestrator/sdk";

export default defineConfig({ registry: "./products/index.ts", migrations: "./migrations" });
`;

interface PullJson {
  files: string[];
  products: number;
  productTypes: number;
  blocks: number;
  resourceTypes: number;
}

const CATALOGUE_FILES = [
  "index.ts",
  "product_blocks/core_link.ts",
  "product_blocks/core_port.ts",
  "product_blocks/node.ts",
  "product_blocks/nsistp.ts",
  "product_blocks/port.ts",
  "product_blocks/sap.ts",
  "product_blocks/virtual_circuit.ts",
  "product_types/core_link.ts",
  "product_types/l2vpn.ts",
  "product_types/node.ts",
  "product_types/nsip2p.ts",
  "product_types/nsistp.ts",
  "product_types/port.ts",
];

const skipReason = FIXTURES_AVAILABLE ? undefined : fixturesMissingReason();
const withFixtures = skipReason ? `(SKIPPED: ${skipReason})` : "";

let project: TestProject | undefined;
let coreDatabase: TestDatabase | undefined;
afterEach(async () => {
  await project?.dispose();
  await coreDatabase?.dispose();
  project = undefined;
  coreDatabase = undefined;
});

/** A PostgreSQL project (config only) whose database has this project's schema. */
async function schemaProject(): Promise<TestProject> {
  const created = await createProject("postgresql");
  writeFileSync(join(created.dir, "orchestrator.config.ts"), CONFIG);
  const upgrade = await runCli(["db", "upgrade", "heads", ...created.dbFlags], { cwd: created.dir });
  expect(upgrade.code, upgrade.stderr).toBe(0);
  return created;
}

function cli(p: TestProject, ...args: string[]): Promise<CliResult> {
  return runCli([...args, ...p.dbFlags], { cwd: p.dir });
}

function expectClean(p: TestProject, folder: string): void {
  const types = typecheck(p.dir, folder);
  expect(types.code, types.output).toBe(0);
  const biome = biomeCheck(p.dir, folder);
  expect(biome.code, biome.output).toBe(0);
}

describe("models pull on example-orchestrator's catalogue", () => {
  it.skipIf(skipReason)(
    `writes 11 products, 7 blocks and 29 resource types as files that type-check, pass Biome and repeat byte for byte ${withFixtures}`,
    async () => {
      coreDatabase = await createCoreDatabase({ catalogue: true });
      project = await createProject("pglite");
      writeFileSync(join(project.dir, "orchestrator.config.ts"), CONFIG);
      const dbFlags = ["--database-url", (coreDatabase.target as { url: string }).url];
      const first = await runCli(["models", "pull", "--json", ...dbFlags], { cwd: project.dir });
      expect(first.code, first.stderr).toBe(0);
      const result = json<PullJson>(first);
      expect(result).toMatchObject({ products: 11, productTypes: 6, blocks: 7, resourceTypes: 29 });
      expect([...result.files].sort()).toEqual(CATALOGUE_FILES);
      expectClean(project, "products");

      const node = readFileSync(join(project.dir, "products/product_types/node.ts"), "utf8");
      expect(node).toContain('node_type: r.enum(["Cisco", "Cumulus", "FRR", "Nokia"])');
      const port = readFileSync(join(project.dir, "products/product_types/port.ts"), "utf8");
      expect(port).toContain("speed: r.enum([10000, 100000])");
      const registry = readFileSync(join(project.dir, "products/index.ts"), "utf8");
      expect(registry).toContain(
        '"port 100G": {\n    type: Port,\n    description: "Network port",\n    tag: "PORT",',
      );

      const again = await runCli(["models", "pull", "--out", "again", ...dbFlags], { cwd: project.dir });
      expect(again.code, again.stderr).toBe(0);
      expect(readTree(join(project.dir, "again"))).toEqual(readTree(join(project.dir, "products")));
    },
  );

  it.skipIf(skipReason)(
    `pull → db check 0 → a new resource type on a pulled block → migrate (nothing asked) → upgrade → db check 0 ${withFixtures}`,
    async () => {
      // This project's schema with the catalogue's rows loaded onto it (catalogue.sql loads unchanged).
      project = await schemaProject();
      runPsqlFile(project.databaseUrl, CATALOGUE_SQL);
      await pullThenAddResourceType(project);
    },
  );

  // needs db adopt: until the adopt branch is merged, `db adopt` does not exist and this fails.
  it.skipIf(skipReason)(
    `on orchestrator-core's own database: adopt → pull → db check 0 → add a resource type → migrate → upgrade → db check 0 ${withFixtures}`,
    async () => {
      coreDatabase = await createCoreDatabase({ catalogue: true, exampleHead: true });
      const url = (coreDatabase.target as { url: string }).url;
      project = await createProject("pglite");
      writeFileSync(join(project.dir, "orchestrator.config.ts"), CONFIG);
      project = { ...project, databaseUrl: url, dbFlags: ["--database-url", url] };
      const adopt = await cli(project, "db", "adopt", "--yes");
      expect(adopt.code, adopt.stdout + adopt.stderr).toBe(0);
      await pullThenAddResourceType(project);
    },
  );
});

async function pullThenAddResourceType(p: TestProject): Promise<void> {
  const pull = await cli(p, "models", "pull");
  expect(pull.code, pull.stderr).toBe(0);
  expect(pull.stdout).toContain(
    "Pulled 11 products of 6 product types, 7 product blocks and 29 resource types",
  );
  const check = await cli(p, "db", "check");
  expect(check.code, check.stdout + check.stderr).toBe(0);

  const nodeFile = join(p.dir, "products/product_blocks/node.ts");
  writeFileSync(
    nodeFile,
    readFileSync(nodeFile, "utf8").replace(
      "  fields: {\n",
      '  fields: {\n    loopback: r.ipv4().describe("Loopback address of the node"),\n',
    ),
  );
  // No terminal and no --inputs: exit 3 if anything were asked. Descriptions, tags and fixed-input
  // values all come from the pulled model.
  const migrate = await cli(p, "db", "migrate-domain-models", "Add loopback to Node", "--yes");
  expect(migrate.code, migrate.stdout + migrate.stderr).toBe(0);
  const upgrade = await cli(p, "db", "upgrade", "heads");
  expect(upgrade.code, upgrade.stderr).toBe(0);
  const after = await cli(p, "db", "check");
  expect(after.code, after.stdout + after.stderr).toBe(0);
  const products = json<
    { name: string; product_blocks: { name: string; resource_types: { resource_type: string }[] }[] }[]
  >(await cli(p, "products", "--json"));
  const cisco = products.find((product) => product.name === "node Cisco")!;
  expect(cisco.product_blocks[0]!.resource_types.map((rt) => rt.resource_type)).toContain("loopback");
}

describe("models pull: bad input", () => {
  it("refuses a folder that has files, names them, writes nothing, and replaces them only with --force", async () => {
    project = await schemaProject();
    runPsql(
      project.databaseUrl,
      `INSERT INTO products (name, description, product_type, tag, status) VALUES ('p', 'd', 'T', 'TAG', 'active');
       INSERT INTO product_blocks (name, description) VALUES ('B', 'block');
       INSERT INTO product_product_blocks SELECT product_id, product_block_id FROM products, product_blocks;`,
    );
    const mine = join(project.dir, "products", "index.ts");
    mkdirSync(join(project.dir, "products"));
    writeFileSync(mine, "// mine\n");

    const refused = await cli(project, "models", "pull");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("1 file there would be overwritten (index.ts)");
    expect(refused.stderr).toContain("--force");
    expect(refused.stderr).toContain("[ORCH_PULL_WOULD_OVERWRITE]");
    expect(readFileSync(mine, "utf8")).toBe("// mine\n");
    expect(existsSync(join(project.dir, "products", "product_blocks"))).toBe(false);

    const refusedJson = json<{ error: { code: string; files: string[] } }>(
      await cli(project, "models", "pull", "--json"),
    );
    expect(refusedJson.error).toMatchObject({ code: "ORCH_PULL_WOULD_OVERWRITE", files: ["index.ts"] });

    const forced = await cli(project, "models", "pull", "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(mine, "utf8")).toContain("defineRegistry");
  });

  it("a database without products: exit 2, nothing written", async () => {
    project = await schemaProject();
    const result = await cli(project, "models", "pull");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("The database has no products, so there is nothing to pull");
    expect(existsSync(join(project.dir, "products"))).toBe(false);
  });

  it("a resource type whose name cannot be a field: exit 2, the name and the fix, nothing written", async () => {
    project = await schemaProject();
    runPsql(
      project.databaseUrl,
      `INSERT INTO products (name, description, product_type, tag, status) VALUES ('p', 'd', 'T', 'TAG', 'active');
       INSERT INTO product_blocks (name, description) VALUES ('B', 'block');
       INSERT INTO resource_types (resource_type, description) VALUES ('port-name', 'a dash');
       INSERT INTO product_product_blocks SELECT product_id, product_block_id FROM products, product_blocks;
       INSERT INTO product_block_resource_types SELECT product_block_id, resource_type_id FROM product_blocks, resource_types;`,
    );
    const result = await cli(project, "models", "pull");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('resource type "port-name"');
    expect(result.stderr).toContain("[ORCH_PULL_INVALID_FIELD_NAME]");
    expect(existsSync(join(project.dir, "products"))).toBe(false);
  });

  it("a product type that is no identifier and a block name with spaces still give valid TypeScript; kinds, lists and attributes come from subscriptions", async () => {
    project = await schemaProject();
    runPsql(project.databaseUrl, AWKWARD_CATALOGUE_SQL);
    const pull = await cli(project, "models", "pull", "--json");
    expect(pull.code, pull.stderr).toBe(0);
    expect([...json<PullJson>(pull).files].sort()).toEqual([
      "index.ts",
      "product_blocks/my_block.ts",
      "product_blocks/port_member.ts",
      "product_blocks/ring.ts",
      "product_types/type_2fast_my_type.ts",
      "scalar_kinds.ts",
    ]);
    expectClean(project, "products");

    const type = readFileSync(join(project.dir, "products/product_types/type_2fast_my_type.ts"), "utf8");
    expect(type).toContain('export const Type2fastMyType = defineProductType({\n  name: "2fast my-type!",');
    expect(type).toContain("speed: r.enum([400000])");
    const block = readFileSync(join(project.dir, "products/product_blocks/my_block.ts"), "utf8");
    expect(block).toContain('export const MyBlock = defineProductBlock({\n  name: "My Block",');
    expect(block).toContain("members: r.list(r.block(PortMemberBlock)),");
    // No subscription uses this relation: the attribute is named after the block.
    expect(block).toContain("ring: r.block(RingBlock),");
    const ring = readFileSync(join(project.dir, "products/product_blocks/ring.ts"), "utf8");
    expect(ring).toContain("ring: r.block((): AnyProductBlock => RingBlock).optional(),");
    expect(ring).not.toContain("tag:");
    for (const line of [
      "    // 1 value, all integers\n    vlan_id: r.int()",
      "    // 1 value, all true/false\n    enabled: r.bool()",
      "    // 1 value, all IPv4 addresses\n    loopback: r.ipv4()",
      "    // 1 value, all IPv6 addresses\n    loopback6: r.ipv6()",
      "    // 1 value, all UUIDs\n    site_uuid: r.uuid()",
      "    // 1 value, all VLAN ranges\n    vlans: vlanRange()",
      "    // 2 values, up to 2 on one instance, not all of one kind: a string\n    tags: r.list(r.string())",
    ]) {
      expect(block).toContain(line);
    }
    expect(block).toContain("description: 'A block with \"quotes\" in its description',");
    const registry = readFileSync(join(project.dir, "products/index.ts"), "utf8");
    expect(registry).toContain('"fast link": {\n    type: Type2fastMyType,');
    expect(type).toContain('import { MyBlock } from "../product_blocks/my_block.ts";');

    const check = await cli(project, "db", "check");
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});

/**
 * One product of type "2fast my-type!"; the block "My Block" holding two "Port member"s and a "Ring", which
 * may hold a Ring itself; one subscription with a value of each kind.
 */
const AWKWARD_CATALOGUE_SQL = `
INSERT INTO products (product_id, name, description, product_type, tag, status)
  VALUES ('00000000-0000-4000-8000-000000000001', 'fast link', 'A fast link', '2fast my-type!', 'FAST', 'active');
INSERT INTO fixed_inputs (name, value, product_id) VALUES ('speed', '400000', '00000000-0000-4000-8000-000000000001');
INSERT INTO product_blocks (product_block_id, name, description, tag, status) VALUES
  ('00000000-0000-4000-8000-0000000000b1', 'My Block', 'A block with "quotes" in its description', 'MB', 'active'),
  ('00000000-0000-4000-8000-0000000000b2', 'Port member', 'A member port', 'PM', 'active'),
  ('00000000-0000-4000-8000-0000000000b3', 'Ring', 'A block that holds itself', NULL, NULL);
INSERT INTO product_product_blocks VALUES ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000b1');
INSERT INTO product_block_relations (in_use_by_id, depends_on_id) VALUES
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'),
  ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b3'),
  ('00000000-0000-4000-8000-0000000000b3', '00000000-0000-4000-8000-0000000000b3');
INSERT INTO resource_types (resource_type, description) VALUES
  ('vlan_id', 'VLAN'), ('enabled', 'Enabled?'), ('loopback', 'IPv4 loopback'), ('loopback6', 'IPv6 loopback'),
  ('site_uuid', 'Site'), ('vlans', 'VLAN ranges'), ('tags', 'Tags'),
  ('port_name', 'The port name, described at such length that the field no longer fits on one line of 110');
INSERT INTO product_block_resource_types SELECT '00000000-0000-4000-8000-0000000000b1', resource_type_id
  FROM resource_types WHERE resource_type <> 'port_name';
INSERT INTO product_block_resource_types SELECT '00000000-0000-4000-8000-0000000000b2', resource_type_id
  FROM resource_types WHERE resource_type = 'port_name';
INSERT INTO subscriptions (subscription_id, description, status, product_id, customer_id, insync)
  VALUES ('00000000-0000-4000-8000-00000000005a', 'a fast link', 'active', '00000000-0000-4000-8000-000000000001', 'c1', true);
INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id) VALUES
  ('00000000-0000-4000-8000-0000000001a1', '00000000-0000-4000-8000-00000000005a', '00000000-0000-4000-8000-0000000000b1'),
  ('00000000-0000-4000-8000-0000000001a2', '00000000-0000-4000-8000-00000000005a', '00000000-0000-4000-8000-0000000000b2'),
  ('00000000-0000-4000-8000-0000000001a3', '00000000-0000-4000-8000-00000000005a', '00000000-0000-4000-8000-0000000000b2');
INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) VALUES
  ('00000000-0000-4000-8000-0000000001a1', '00000000-0000-4000-8000-0000000001a2', 0, 'members'),
  ('00000000-0000-4000-8000-0000000001a1', '00000000-0000-4000-8000-0000000001a3', 1, 'members');
INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
  SELECT '00000000-0000-4000-8000-0000000001a1', resource_type_id, v.value FROM resource_types
  JOIN (VALUES ('vlan_id', '100'), ('enabled', 'True'), ('loopback', '10.0.0.1'), ('loopback6', '2001:db8::1'),
    ('site_uuid', '6f1c2a9e-8d1b-4c3e-9a57-0b2f4e6d8c10'), ('vlans', '100-199,300'), ('tags', 'a'), ('tags', 'b'))
    AS v(name, value) ON v.name = resource_type;
`;
