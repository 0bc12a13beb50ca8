// `db migrate-domain-models --test` as a process on PGlite and PostgreSQL: it writes nothing, asks
// nothing and needs no answers; what nobody answered is listed and shown as placeholders in the plan.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

interface Unanswered {
  id: string;
  prompt: string;
  expected: { kind: string; emptyAllowed: boolean; choices?: string[] };
  placeholder: string;
  inputsPath?: string[];
}

describe.each(DATABASE_KINDS)("db migrate-domain-models --test on %s", (kind) => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const migrations = () => readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"));

  beforeAll(async () => {
    project = await createProject(kind, { copyExample: true });
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
  });
  afterAll(() => project.dispose());

  it("without answers: lists the questions and prints the plan with placeholders, exit 0, nothing written", async () => {
    const before = migrations();
    const result = await cli("db", "migrate-domain-models", "Workshop", "--test");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /\d+ questions have no answer; the plan below shows a placeholder for each:/,
    );
    expect(result.stdout).toContain(
      "Supply fixed input value for product User external and fixed input affiliation: (one of internal, external)",
    );
    expect(result.stdout).toContain(
      "Supply the product block tag: (text, at most 20 characters, may be empty)",
    );
    expect(result.stdout).toMatch(
      /INSERT INTO fixed_inputs .*'<value for User external\.affiliation: one of internal, external>'/,
    );
    expect(result.stdout).toContain("'<description of resource type age>'");
    expect(migrations()).toEqual(before);
  });

  it("--json lists the unanswered questions with what each expects and its placeholder", async () => {
    const result = await cli("db", "migrate-domain-models", "Workshop", "--test", "--json");
    expect(result.code, result.stderr).toBe(0);
    const { unanswered, file } = json<{ unanswered: Unanswered[]; file: string | null }>(result);
    expect(file).toBeNull();
    expect(unanswered.find((q) => q.id === "fixed-input-value:User external:affiliation")).toEqual({
      id: "fixed-input-value:User external:affiliation",
      kind: "fixed-input-value",
      prompt: "Supply fixed input value for product User external and fixed input affiliation: ",
      expected: { kind: "one of internal, external", choices: ["internal", "external"], emptyAllowed: false },
      placeholder: "<value for User external.affiliation: one of internal, external>",
      inputsPath: ["User external", "affiliation"],
    });
    // With every answer given, nothing is left unanswered.
    const answered = await cli(
      "db",
      "migrate-domain-models",
      "Workshop",
      "--test",
      "--json",
      "--inputs",
      "@answers.json",
    );
    expect(json<{ unanswered: Unanswered[] }>(answered).unanswered).toEqual([]);
  });

  it("a default value for existing instances shows as <default for UserBlock.age: integer>", async () => {
    const generated = await cli("db", "migrate-domain-models", "Workshop", "--inputs", "@answers.json");
    expect(generated.code, generated.stderr).toBe(0);
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    await withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 'u', 'active', product_id, 'c', true FROM products WHERE name = 'User internal'",
      );
      await db.query(
        "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT subscription_id, product_block_id FROM subscriptions, product_blocks WHERE product_blocks.name = 'UserBlock'",
      );
    });
    const file = join(project.dir, "products", "product_blocks", "user.ts");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, original.replace("age: r.int(),", "age: r.int(),\n    shoe_size: r.int(),"));
      const before = migrations();
      const result = await cli("db", "migrate-domain-models", "Shoe size", "--test");
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("<default for UserBlock.shoe_size: integer>");
      expect(result.stdout).toContain("(integer, may be empty)");
      expect(migrations()).toEqual(before);
    } finally {
      writeFileSync(file, original);
    }
  });

  it("a deletion of data is planned without asking for a confirmation", async () => {
    const index = join(project.dir, "products", "index.ts");
    const original = readFileSync(index, "utf8");
    try {
      // User internal has a subscription (previous test): dropping it from the registry deletes data.
      writeFileSync(index, original.replace('  "User internal": User,\n', ""));
      const strict = await cli("db", "migrate-domain-models", "Drop", "--inputs", "@answers.json");
      expect(strict.code).toBe(3);
      const result = await cli("db", "migrate-domain-models", "Drop", "--test", "--inputs", "@answers.json");
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("a confirmation, planned as yes");
      expect(result.stdout).toMatch(/DELETE FROM products WHERE name = 'User internal'/);
    } finally {
      writeFileSync(index, original);
    }
  });

  it("a possible rename is named, and the plan renames nothing without --updates", async () => {
    const file = join(project.dir, "products", "product_blocks", "user.ts");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, original.replace("age: r.int(),", "years: r.int(),"));
      const result = await cli("db", "migrate-domain-models", "Years", "--test", "--inputs", "@answers.json");
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("Renames it would ask about");
      expect(result.stdout).toContain("resource type age → years");
      expect(result.stdout).toContain("DELETE FROM resource_types WHERE resource_type = 'age'");
    } finally {
      writeFileSync(file, original);
    }
  });
});
