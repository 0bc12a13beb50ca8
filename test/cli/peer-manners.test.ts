// Issue 14, "The CLI as its peers behave": db diff's exit status, db show, db upgrade/downgrade --sql,
// help without database flags where no database is opened, and messages without internal names. The
// built CLI as a process, on the example project, on PGlite and on PostgreSQL.
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, EXAMPLE_PROJECT, type TestProject } from "../helpers/projects.ts";

describe.each(DATABASE_KINDS)("the CLI as its peers behave, on %s", (kind) => {
  let project: TestProject;
  let workshop: string;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const current = async () => json<{ current: string | null }>(await cli("db", "current", "--json")).current;

  beforeAll(async () => {
    project = await createProject(kind, { copyExample: true });
  });
  afterAll(() => project.dispose());

  it("db upgrade --sql prints the core schema's SQL and applies nothing", async () => {
    const sql = await cli("db", "upgrade", "heads", "--sql");
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain("-- upgrade 0001_orchestrator_schema (core)");
    expect(sql.stdout).toMatch(/CREATE TABLE products\b[^;]*;/);
    // Nothing is written: the schema is still missing (PostgreSQL), or the embedded database still does
    // not exist; either way diff asks for an upgrade.
    const diff = await cli("db", "diff");
    expect(diff.code).toBe(kind === "pglite" ? 11 : 8);
    expect(diff.stderr).toContain("db upgrade heads");
    if (kind === "postgresql") expect(await current()).toBeNull();
  });

  it("db diff exits 0 with differences, and 7 with --exit-code", async () => {
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const diff = await cli("db", "diff");
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("+ UserBlock.age");
    const strict = await cli("db", "diff", "--exit-code");
    expect(strict.code, strict.stderr).toBe(7);
    expect(strict.stdout).toContain("+ UserBlock.age");
  });

  it("an unanswered question names flags and files, never an internal function", async () => {
    const result = await cli("db", "migrate-domain-models", "Workshop");
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("questions have no answer");
    expect(result.stderr).not.toMatch(/[A-Za-z]\(\)/);
  });

  it("db show prints a pending migration's upgrade and downgrade SQL and status", async () => {
    const generated = await cli(
      "db",
      "migrate-domain-models",
      "Workshop",
      "--inputs",
      "@answers.json",
      "--json",
    );
    expect(generated.code, generated.stderr).toBe(0);
    workshop = basename(json<{ file: string }>(generated).file).replace(/\.ts$/, "");
    const show = await cli("db", "show", workshop);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`${workshop} (data): pending`);
    expect(show.stdout).toContain(`-- upgrade ${workshop} (data)`);
    expect(show.stdout).toContain(`-- downgrade ${workshop} (data)`);
    const upgrade = show.stdout.slice(0, show.stdout.indexOf("-- downgrade"));
    const downgrade = show.stdout.slice(show.stdout.indexOf("-- downgrade"));
    expect(upgrade).toMatch(/INSERT INTO products\b/i);
    expect(downgrade).toMatch(/DELETE FROM\b/i);
    expect(await current()).toBe("0001_orchestrator_schema");
  });

  it("db upgrade --sql prints the pending data migration only, and runs none of it", async () => {
    const sql = await cli("db", "upgrade", "--sql");
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain(`-- upgrade ${workshop} (data)`);
    expect(sql.stdout).not.toContain("0001_orchestrator_schema");
    expect(await current()).toBe("0001_orchestrator_schema");
    expect((await cli("db", "diff", "--exit-code")).code).toBe(7);
  });

  it("db show says when a migration was applied; downgrade --sql prints its revert and keeps it", async () => {
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const shown = json<{ applied: boolean; appliedAt: string; upgrade: string[]; downgrade: string[] }>(
      await cli("db", "show", workshop, "--json"),
    );
    expect(shown.applied).toBe(true);
    expect(shown.upgrade.length).toBeGreaterThan(0);
    expect(shown.downgrade.length).toBeGreaterThan(0);
    const text = await cli("db", "show", workshop);
    expect(text.stdout).toContain(`${workshop} (data): applied ${shown.appliedAt}`);

    const sql = await cli("db", "downgrade", "-1", "--sql");
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toContain(`-- downgrade ${workshop} (data)`);
    for (const statement of shown.downgrade)
      expect(sql.stdout).toContain(statement.trim().replace(/;+$/, ""));
    expect(await current()).toBe(workshop);
    expect((await cli("db", "diff", "--exit-code")).code).toBe(0);
  });

  it("the change tree agrees its verb with one instance: 1 instance needs a value", async () => {
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
      writeFileSync(file, original.replace("age: r.int(),", "age: r.int(),\n    nickname: r.string(),"));
      const diff = await cli("db", "diff");
      expect(diff.code, diff.stderr).toBe(0);
      expect(diff.stdout).toContain("+ UserBlock.nickname (1 instance needs a value)");
    } finally {
      writeFileSync(file, original);
    }
  });

  it("db show of an unknown name lists the known ones, exit 2", async () => {
    const result = await cli("db", "show", "no_such_migration");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("There is no migration 'no_such_migration'");
    expect(result.stderr).toContain(workshop);
  });
});

describe("help lists database flags only where a database is opened", () => {
  const help = (...command: string[]) => runCli([...command, "--help"], { cwd: process.cwd() });

  it.each([
    ["db", "heads"],
    ["db", "revision"],
  ])("%s %s has neither --database-url nor --lock-timeout", async (...command) => {
    const result = await help(...command);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("--config");
    // As flags, that is: the exit codes' text may still mention --database-url.
    expect(result.stdout).not.toMatch(/^\s+--database-url=/m);
    expect(result.stdout).not.toMatch(/^\s+--lock-timeout=/m);
  });

  it("db heads still accepts them, so scripts passing them to every command keep working", async () => {
    const result = await runCli(
      ["db", "heads", "--database-url", "postgresql://127.0.0.1:1/x", "--lock-timeout", "1"],
      {
        cwd: EXAMPLE_PROJECT,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("(head)");
  });

  it("db diff, which opens the database, lists both", async () => {
    const result = await help("db", "diff");
    expect(result.stdout).toMatch(/^\s+--database-url=/m);
    expect(result.stdout).toMatch(/^\s+--lock-timeout=/m);
    expect(result.stdout).toMatch(/^\s+--exit-code\b/m);
  });
});
