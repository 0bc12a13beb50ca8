// Issue 4 end to end: the seed's workshop on the built CLI, on PGlite and PostgreSQL.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const MESSAGE = "Add User and UserGroup products";

/** The products after the workshop migration, as orchestrator-core's API lists them. */
const EXPECTED_PRODUCTS = [
  {
    name: "User Group",
    product_type: "UserGroup",
    tag: "GROUP",
    description: "user group administration",
    status: "active",
    fixed_inputs: [],
    product_blocks: [
      {
        name: "UserGroupBlock",
        description: "user group block",
        tag: "UGB",
        resource_types: ["group_id", "group_name"],
      },
    ],
    workflows: [],
  },
  {
    name: "User external",
    product_type: "User",
    tag: "USER_EXT",
    description: "user administration - external",
    status: "active",
    fixed_inputs: [{ name: "affiliation", value: "external" }],
    product_blocks: [
      {
        name: "UserBlock",
        description: "user block",
        tag: "UB",
        resource_types: ["age", "user_id", "username"],
      },
    ],
    workflows: [],
  },
  {
    name: "User internal",
    product_type: "User",
    tag: "USER_INT",
    description: "user administration - internal",
    status: "active",
    fixed_inputs: [{ name: "affiliation", value: "internal" }],
    product_blocks: [
      {
        name: "UserBlock",
        description: "user block",
        tag: "UB",
        resource_types: ["age", "user_id", "username"],
      },
    ],
    workflows: [],
  },
];

interface ProductJson {
  name: string;
  product_type: string;
  tag: string;
  description: string;
  status: string;
  fixed_inputs: { name: string; value: string }[];
  product_blocks: {
    name: string;
    description: string;
    tag: string;
    resource_types: { resource_type: string }[];
  }[];
  workflows: unknown[];
}

function summarise(products: ProductJson[]) {
  return products.map((p) => ({
    name: p.name,
    product_type: p.product_type,
    tag: p.tag,
    description: p.description,
    status: p.status,
    fixed_inputs: p.fixed_inputs.map((fi) => ({ name: fi.name, value: fi.value })),
    product_blocks: p.product_blocks.map((b) => ({
      name: b.name,
      description: b.description,
      tag: b.tag,
      resource_types: b.resource_types.map((rt) => rt.resource_type).sort(),
    })),
    workflows: p.workflows,
  }));
}

describe.each(DATABASE_KINDS)("the workshop on %s", (kind) => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const migrationFiles = () => readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"));

  beforeEach(async () => {
    project = await createProject(kind, { copyExample: true });
    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
  });
  afterEach(() => project.dispose());

  it("migrate-domain-models with the seed's answers, upgrade heads, products, check, downgrade", async () => {
    const generate = await cli("db", "migrate-domain-models", MESSAGE, "--inputs", "@answers.json");
    expect(generate.code, generate.stderr).toBe(0);
    const files = migrationFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{14}_add_user_and_usergroup_products\.ts$/);
    const text = readFileSync(join(project.dir, "migrations", files[0]!), "utf8");
    expect([...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual(["@orchestrator/sdk"]);
    expect(text).toContain("basedOn");

    const check1 = await cli("db", "check");
    expect(check1.code).toBe(8); // the new migration is pending

    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stdout).toContain(`Applied ${files[0]!.replace(/\.ts$/, "")}`);

    const products = json<ProductJson[]>(await cli("products", "--json"));
    expect(summarise(products)).toEqual(EXPECTED_PRODUCTS);
    const relations = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ user: string; dep: string }>(
        `SELECT u.name AS user, d.name AS dep FROM product_block_relations r
         JOIN product_blocks u ON u.product_block_id = r.in_use_by_id JOIN product_blocks d ON d.product_block_id = r.depends_on_id`,
      ),
    );
    expect(relations).toEqual([{ user: "UserBlock", dep: "UserGroupBlock" }]);
    const descriptions = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ resource_type: string; description: string }>(
        "SELECT resource_type, description FROM resource_types ORDER BY resource_type",
      ),
    );
    expect(descriptions).toEqual([
      { resource_type: "age", description: "age of the user" },
      { resource_type: "group_id", description: "id of the user group" },
      { resource_type: "group_name", description: "name of the user group" },
      { resource_type: "user_id", description: "id of the user" },
      { resource_type: "username", description: "name of the user" },
    ]);

    const check = await cli("db", "check");
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const again = await cli("db", "migrate-domain-models", "Again", "--inputs", "@answers.json");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to do");
    expect(migrationFiles()).toHaveLength(1);

    const down = await cli("db", "downgrade");
    expect(down.code, down.stderr).toBe(0);
    expect(json(await cli("products", "--json"))).toEqual([]);
    const leftovers = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ n: string }>(
        "SELECT (SELECT count(*) FROM product_blocks) + (SELECT count(*) FROM resource_types) + (SELECT count(*) FROM fixed_inputs) + (SELECT count(*) FROM product_block_relations) AS n",
      ),
    );
    expect(Number(leftovers[0]!.n)).toBe(0);
  });

  it("deleting a product that has subscriptions needs --yes and --confirm-warnings; --yes alone deletes nothing", async () => {
    expect((await cli("db", "migrate-domain-models", MESSAGE, "--inputs", "@answers.json")).code).toBe(0);
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    await withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 'ext', 'active', product_id, 'c', true FROM products WHERE name = 'User external'",
      );
      await db.query(
        "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT subscription_id, product_block_id FROM subscriptions, product_blocks WHERE product_blocks.name = 'UserGroupBlock'",
      );
      await db.query(
        "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT subscription_instance_id, resource_type_id, 'admins' FROM subscription_instances, resource_types WHERE resource_type = 'group_name'",
      );
    });
    const registry = join(project.dir, "products", "index.ts");
    writeFileSync(registry, readFileSync(registry, "utf8").replace('  "User external": User,\n', ""));

    const yesOnly = await cli("db", "migrate-domain-models", "Drop User external", "--yes");
    expect(yesOnly.code).toBe(3);
    expect(yesOnly.stderr).toMatch(/confirm/i);
    // The refusal names the flag this command has.
    expect(yesOnly.stderr).toContain("--yes --confirm-warnings");
    expect(yesOnly.stderr).not.toContain("--confirm-deletions");
    expect(migrationFiles()).toHaveLength(1);

    // --confirm-deletions is an alias of --confirm-warnings.
    const confirmed = await cli(
      "db",
      "migrate-domain-models",
      "Drop User external",
      "--yes",
      kind === "pglite" ? "--confirm-warnings" : "--confirm-deletions",
    );
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/User external/);
    // The impact counts what goes with the subscription: its instance and value, not "·".
    expect(confirmed.stdout).toMatch(/delete product User external\s+-1\s+-1\s+-1/);
    expect(migrationFiles()).toHaveLength(2);
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const left = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ n: string }>("SELECT count(*) AS n FROM subscriptions"),
    );
    expect(Number(left[0]!.n)).toBe(0);
    expect(json<{ name: string }[]>(await cli("products", "--json")).map((p) => p.name)).toEqual([
      "User Group",
      "User internal",
    ]);
  });

  it("--test prints the change set and the SQL and writes nothing", async () => {
    const result = await cli(
      "db",
      "migrate-domain-models",
      MESSAGE,
      "--inputs",
      "@answers.json",
      "--test",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const output = json<{
      changes: { createProducts: unknown[] };
      questions: unknown[];
      upgrade: string[];
      downgrade: string[];
    }>(result);
    expect(output.changes.createProducts).toHaveLength(3);
    expect(output.upgrade.some((sql) => sql.includes("INSERT INTO products"))).toBe(true);
    expect(output.downgrade.some((sql) => sql.includes("DELETE FROM products"))).toBe(true);
    expect(migrationFiles()).toHaveLength(0);
  });

  it("without a terminal, unanswered questions stop it before anything is written (exit 3)", async () => {
    const text = await cli("db", "migrate-domain-models", MESSAGE);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain("Supply the product description");
    const result = await cli("db", "migrate-domain-models", MESSAGE, "--json");
    expect(result.code).toBe(3);
    const error = json<{ error: { code: string; questions: Record<string, Record<string, unknown>> } }>(
      result,
    ).error;
    expect(error.code).toBe("ORCH_MISSING_ANSWERS");
    expect(Object.keys(error.questions)).toEqual(
      expect.arrayContaining([
        "User Group",
        "User internal",
        "User external",
        "UserGroupBlock",
        "UserBlock",
        "age",
      ]),
    );
    expect(error.questions["User internal"]).toMatchObject({ description: "", tag: "", affiliation: "" });
    expect(migrationFiles()).toHaveLength(0);
  });

  it.each([
    ["malformed JSON", ["--inputs", "{not json"], /not valid JSON/],
    [
      "an unknown product name",
      ["--inputs", JSON.stringify({ "User Groop": { description: "x", tag: "X" } })],
      /User Groop/,
    ],
    ["a tag longer than 20 characters", ["--inputs", "@long-tag.json"], /20/],
    [
      "an affiliation that is not one of the enum's values",
      ["--inputs", "@bad-affiliation.json"],
      /internal.*external|external.*internal/,
    ],
    ["a missing --inputs file", ["--inputs", "@nope.json"], /Cannot read/],
  ])("%s: clear message, exit 2, nothing written", async (_name, flags, message) => {
    const answers = JSON.parse(readFileSync(join(project.dir, "answers.json"), "utf8"));
    writeFileSync(
      join(project.dir, "long-tag.json"),
      JSON.stringify({ ...answers, "User Group": { description: "d", tag: "T".repeat(21) } }),
    );
    writeFileSync(
      join(project.dir, "bad-affiliation.json"),
      JSON.stringify({ ...answers, "User internal": { ...answers["User internal"], affiliation: "intern" } }),
    );
    const result = await cli("db", "migrate-domain-models", MESSAGE, ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(migrationFiles()).toHaveLength(0);
  });

  it("a migrations folder that cannot be written: clear message, nothing written", async () => {
    // Tests run as root, for whom permission bits do not matter: a folder below a file cannot exist for anyone.
    const config = join(project.dir, "orchestrator.config.ts");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace('"./migrations"', '"./answers.json/migrations"'),
    );
    const result = await cli("db", "migrate-domain-models", MESSAGE, "--inputs", "@answers.json");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `Cannot write the migration into ${join(project.dir, "answers.json/migrations")}`,
    );
    const rows = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ n: string }>("SELECT count(*) AS n FROM products"),
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("a migrations path that is a file: clear message", async () => {
    rmSync(join(project.dir, "migrations"), { recursive: true, force: true });
    writeFileSync(join(project.dir, "migrations"), "not a folder");
    const result = await cli("db", "migrate-domain-models", MESSAGE, "--inputs", "@answers.json");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("is not a folder");
    expect(readFileSync(join(project.dir, "migrations"), "utf8")).toBe("not a folder");
  });
});
