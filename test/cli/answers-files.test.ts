// Issue 11 end to end: one answers file for databases with and without instances, orchestrator-core-shaped
// files with extra entries, typos with a suggestion, and global + per-block renames in one --updates.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const BLOCKS = "products/product_blocks";

describe.each(DATABASE_KINDS)("answers files and --updates on %s", (kind) => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const edit = (file: string, from: string, to: string) => {
    const path = join(project.dir, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  const migrate = async (...args: string[]) => {
    const generated = await cli("db", "migrate-domain-models", ...args);
    expect(generated.code, generated.stderr).toBe(0);
    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    return generated;
  };
  const sql = <T>(text: string) => withTestDatabase(project.databaseUrl, (db) => db.query<T>(text));
  /** A User internal subscription with one UserBlock instance whose age is 30. */
  const addUser = () =>
    withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 'u', 'active', product_id, 'c', true FROM products WHERE name = 'User internal'",
      );
      await db.query(
        "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT subscription_id, product_block_id FROM subscriptions, product_blocks WHERE product_blocks.name = 'UserBlock'",
      );
      await db.query(
        "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT subscription_instance_id, resource_type_id, '30' FROM subscription_instances, resource_types WHERE resource_type = 'age'",
      );
    });

  beforeEach(async () => {
    project = await createProject(kind, { copyExample: true });
    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
  });
  afterEach(() => project.dispose());

  it("one file serves a database without instances and one with: unused entries are listed, not refused", async () => {
    await migrate("Workshop", "--inputs", "@answers.json");
    edit(`${BLOCKS}/user.ts`, "    age: r.int(),\n", "    age: r.int(),\n    email: r.string(),\n");
    const shared = {
      ...JSON.parse(readFileSync(join(project.dir, "answers.json"), "utf8")),
      email: { description: "e-mail address", UserBlock: "nobody@example.org" },
    };
    writeFileSync(join(project.dir, "shared.json"), JSON.stringify(shared));

    // No UserBlock instances: the default value is not asked, and everything else exists already.
    const without = await cli(
      "db",
      "migrate-domain-models",
      "Add email",
      "--inputs",
      "@shared.json",
      "--test",
    );
    expect(without.code, without.stderr).toBe(0);
    expect(without.stderr).toContain("Not needed for this database (kept for others):");
    expect(without.stderr).toContain('--inputs → "email" → "UserBlock"');
    expect(without.stderr).toContain('--inputs → "User internal" → "affiliation"');
    const asJson = json<{ unusedInputs: string[] }>(
      await cli("db", "migrate-domain-models", "Add email", "--inputs", "@shared.json", "--test", "--json"),
    );
    expect(asJson.unusedInputs).toContain('--inputs → "email" → "UserBlock"');
    expect(asJson.unusedInputs).not.toContain('--inputs → "email" → "description"');

    // With an instance, the same file answers the default value.
    await addUser();
    const withInstances = await cli(
      "db",
      "migrate-domain-models",
      "Add email",
      "--inputs",
      "@shared.json",
      "--json",
    );
    expect(withInstances.code, withInstances.stderr).toBe(0);
    const result = json<{ unusedInputs: string[]; file: string }>(withInstances);
    expect(result.unusedInputs).not.toContain('--inputs → "email" → "UserBlock"');
    expect(result.file).toMatch(/add_email\.ts$/);
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    expect(
      await sql<{ value: string }>(
        "SELECT v.value FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id) WHERE t.resource_type = 'email'",
      ),
    ).toEqual([{ value: "nobody@example.org" }]);
  });

  it("a misspelt name stops with a suggestion and writes nothing", async () => {
    await migrate("Workshop", "--inputs", "@answers.json");
    edit(`${BLOCKS}/user.ts`, "    age: r.int(),\n", "    age: r.int(),\n    email: r.string(),\n");
    const typo = await cli(
      "db",
      "migrate-domain-models",
      "Add email",
      "--inputs",
      '{"emial": {"description": "d"}}',
    );
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("'emial' (did you mean 'email'?)");
    expect(typo.stderr).toContain("ORCH_ANSWERS_UNKNOWN_NAME");
    const files = await cli("db", "heads");
    expect(files.stdout).not.toContain("add_email");
  });

  it("global then per-block renames in one --updates put the values where the reference does; downgrade restores them", async () => {
    // Before: age on both blocks, with a value on each.
    edit(`${BLOCKS}/user_group.ts`, "  fields: {\n", "  fields: {\n    age: r.int(),\n");
    await migrate("Workshop", "--inputs", "@answers.json");
    await addUser();
    await withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 'g', 'active', product_id, 'c', true FROM products WHERE name = 'User Group'",
      );
      await db.query(
        "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT s.subscription_id, b.product_block_id FROM subscriptions s, product_blocks b WHERE s.description = 'g' AND b.name = 'UserGroupBlock'",
      );
      await db.query(
        "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT i.subscription_instance_id, t.resource_type_id, '5' FROM subscription_instances i JOIN product_blocks b USING (product_block_id), resource_types t WHERE b.name = 'UserGroupBlock' AND t.resource_type = 'age'",
      );
    });
    const values = () =>
      sql<{ block: string; resource_type: string; value: string }>(
        `SELECT b.name AS block, t.resource_type, v.value FROM subscription_instance_values v
         JOIN resource_types t USING (resource_type_id) JOIN subscription_instances i USING (subscription_instance_id)
         JOIN product_blocks b ON b.product_block_id = i.product_block_id ORDER BY b.name`,
      );
    const before = await values();
    expect(before).toEqual([
      { block: "UserBlock", resource_type: "age", value: "30" },
      { block: "UserGroupBlock", resource_type: "age", value: "5" },
    ]);

    // After: UserGroupBlock calls it years, UserBlock age_in_years.
    edit(`${BLOCKS}/user_group.ts`, "    age: r.int(),\n", "    years: r.int(),\n");
    edit(`${BLOCKS}/user.ts`, "    age: r.int(),\n", "    age_in_years: r.int(),\n");
    const updates = {
      resource_types: { age: "years" },
      block_resource_types: { UserBlock: { years: "age_in_years" } },
    };
    const generated = await migrate(
      "Rename age",
      "--updates",
      JSON.stringify(updates),
      "--inputs",
      '{"age_in_years": {"description": "age in years"}}',
      "--yes",
    );
    expect(generated.stderr).not.toContain("Not needed");
    expect(await values()).toEqual([
      { block: "UserBlock", resource_type: "age_in_years", value: "30" },
      { block: "UserGroupBlock", resource_type: "years", value: "5" },
    ]);
    expect((await cli("db", "check")).code).toBe(0);

    const down = await cli("db", "downgrade");
    expect(down.code, down.stderr).toBe(0);
    expect(await values()).toEqual(before);
  });
});
