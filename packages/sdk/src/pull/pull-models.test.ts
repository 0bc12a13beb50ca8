// pullModels on real databases (PGlite and PostgreSQL): the catalogue queries, the files, and the
// refusals that write nothing.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../db/database.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { coreMigrationSources } from "../migrations/migration-source.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../testing/databases.ts";
import { pullModels } from "./pull-models.ts";

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A Port product (speed 10000) with a Port block holding a Node; one subscription with values. */
const CATALOGUE = `
INSERT INTO products (product_id, name, description, product_type, tag, status)
  VALUES ('${ID(1)}', 'port 10G', 'Network port', 'Port', 'PORT', 'active');
INSERT INTO fixed_inputs (name, value, product_id) VALUES ('speed', '10000', '${ID(1)}');
INSERT INTO product_blocks (product_block_id, name, description, tag, status)
  VALUES ('${ID(11)}', 'Port', 'port block', 'PORT', 'active'), ('${ID(12)}', 'Node', 'node block', 'NODE', 'active');
INSERT INTO product_product_blocks VALUES ('${ID(1)}', '${ID(11)}');
INSERT INTO product_block_relations (in_use_by_id, depends_on_id) VALUES ('${ID(11)}', '${ID(12)}');
INSERT INTO resource_types (resource_type_id, resource_type, description)
  VALUES ('${ID(21)}', 'port_id', 'id'), ('${ID(22)}', 'address', 'ip'), ('${ID(23)}', 'name', 'name');
INSERT INTO product_block_resource_types VALUES ('${ID(11)}', '${ID(21)}'), ('${ID(12)}', '${ID(22)}'), ('${ID(12)}', '${ID(23)}');
INSERT INTO subscriptions (subscription_id, description, status, product_id, customer_id, insync)
  VALUES ('${ID(31)}', 's', 'active', '${ID(1)}', 'c', true);
INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id)
  VALUES ('${ID(41)}', '${ID(31)}', '${ID(11)}'), ('${ID(42)}', '${ID(31)}', '${ID(12)}');
INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr)
  VALUES ('${ID(41)}', '${ID(42)}', 0, 'device');
INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
  VALUES ('${ID(41)}', '${ID(21)}', '7'), ('${ID(42)}', '${ID(22)}', '192.0.2.1'), ('${ID(42)}', '${ID(23)}', '999.0.0.1');
`;

describe.each(DATABASE_KINDS)("pullModels on %s", (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  const scratch = mkdtempSync(join(tmpdir(), "orchestrator-pull-"));

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
    await new MigrationRunner(db, coreMigrationSources()).upgrade();
    for (const statement of CATALOGUE.split(";\n").filter((s) => s.trim())) await db.query(statement);
  });
  afterAll(async () => {
    await db.close();
    await testDb.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("writes the registry, the product type and the blocks, with kinds and attributes from subscriptions", async () => {
    const outDir = join(scratch, "products");
    const result = await pullModels(db, { outDir });
    expect(result).toMatchObject({ products: 1, productTypes: 1, blocks: 2, resourceTypes: 3 });
    expect(result.files).toEqual([
      "index.ts",
      "product_types/port.ts",
      "product_blocks/node.ts",
      "product_blocks/port.ts",
    ]);
    const port = readFileSync(join(outDir, "product_blocks/port.ts"), "utf8");
    expect(port).toContain("device: r.block(NodeBlock),");
    expect(port).toContain('    // 1 value, all integers\n    port_id: r.int().describe("id"),');
    const node = readFileSync(join(outDir, "product_blocks/node.ts"), "utf8");
    expect(node).toContain('    // 1 value, all IPv4 addresses\n    address: r.ipv4().describe("ip"),');
    // Shaped like an address but not one: text.
    expect(node).toContain(
      '    // 1 value, not all of one kind: a string\n    name: r.string().describe("name"),',
    );
    expect(readFileSync(join(outDir, "index.ts"), "utf8")).toContain("      speed: 10000,");
  });

  it("refuses a folder with files, naming them, and writes nothing", async () => {
    const outDir = mkdtempSync(join(scratch, "taken-"));
    writeFileSync(join(outDir, "notes.md"), "mine");
    await expect(pullModels(db, { outDir })).rejects.toMatchObject({
      code: "ORCH_PULL_WOULD_OVERWRITE",
      files: ["notes.md"],
    });
    expect(readdirSync(outDir)).toEqual(["notes.md"]);
  });

  it("refuses an output path that is a file", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "x");
    await expect(pullModels(db, { outDir: file, force: true })).rejects.toMatchObject({
      code: "ORCH_PULL_OUT_NOT_A_FOLDER",
    });
  });
});
