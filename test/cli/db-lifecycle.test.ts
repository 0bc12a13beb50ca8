// Issue 2 end to end: the built CLI, as a process, on PGlite and on PostgreSQL.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json, runCli, startCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

describe.each(DATABASE_KINDS)("orchestrator db on %s", (kind) => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });

  beforeEach(async () => {
    project = await createProject(kind);
    const init = await runCli(["db", "init"], { cwd: project.dir });
    expect(init.code, init.stderr).toBe(0);
  });
  afterEach(() => project.dispose());

  it("init, upgrade heads, current, downgrade base and upgrade heads round-trip", async () => {
    expect(existsSync(join(project.dir, "orchestrator.config.ts"))).toBe(true);
    expect(existsSync(join(project.dir, "migrations"))).toBe(true);

    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stdout).toContain("Applied 0001_orchestrator_schema");

    const current = json<{ current: string; pending: string[] }>(await cli("db", "current", "--json"));
    expect(current).toMatchObject({ current: "0001_orchestrator_schema", pending: [] });

    const down = await cli("db", "downgrade", "base", "--yes", "--confirm-warnings");
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain("Reverted 0001_orchestrator_schema");
    expect(json<{ current: string | null }>(await cli("db", "current", "--json")).current).toBeNull();
    const tables = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ n: string }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'products'",
      ),
    );
    expect(Number(tables[0]!.n)).toBe(0);

    const again = await cli("db", "upgrade");
    expect(again.code, again.stderr).toBe(0);
    const history = json<{ name: string; applied: boolean }[]>(await cli("db", "history", "--json"));
    expect(history.map((h) => [h.name, h.applied])).toEqual([["0001_orchestrator_schema", true]]);
    expect(json<{ head: string }>(await cli("db", "heads", "--json")).head).toBe("0001_orchestrator_schema");
  });

  it("products --json prints [] on a fresh database and the products after rows are inserted", async () => {
    await cli("db", "upgrade", "heads");
    expect(json(await cli("products", "--json"))).toEqual([]);
    await withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO products (name, description, product_type, tag, status) VALUES ('User internal', 'user administration - internal', 'User', 'USER_INT', 'active')",
      );
      await db.query(
        "INSERT INTO product_blocks (name, description, tag, status) VALUES ('UserBlock', 'user block', 'UB', 'active')",
      );
      await db.query(
        "INSERT INTO resource_types (resource_type, description) VALUES ('username', 'name of the user'), ('age', 'age of the user')",
      );
      await db.query(
        "INSERT INTO fixed_inputs (name, value, product_id) SELECT 'affiliation', 'internal', product_id FROM products",
      );
      await db.query(
        "INSERT INTO product_product_blocks SELECT product_id, product_block_id FROM products, product_blocks",
      );
      await db.query(
        "INSERT INTO product_block_resource_types SELECT product_block_id, resource_type_id FROM product_blocks, resource_types",
      );
    });
    const products = json<Record<string, unknown>[]>(await cli("products", "--json"));
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({
      name: "User internal",
      description: "user administration - internal",
      product_type: "User",
      tag: "USER_INT",
      status: "active",
      end_date: null,
      fixed_inputs: [{ name: "affiliation", value: "internal" }],
      product_blocks: [
        {
          name: "UserBlock",
          description: "user block",
          tag: "UB",
          resource_types: [
            { resource_type: "age", description: "age of the user" },
            { resource_type: "username", description: "name of the user" },
          ],
        },
      ],
      workflows: [],
    });
    expect(typeof products[0]!.created_at).toBe("number");
    const table = await cli("products");
    expect(table.stdout).toMatch(
      /User internal\s+user administration - internal\s+USER_INT\s+User\s+active\s+affiliation = internal\s+UserBlock \(age, username\)/,
    );
  });

  it("two upgrades started together apply each migration exactly once", async () => {
    writeFileSync(
      join(project.dir, "migrations", "20260101000000_add_product.ts"),
      `import { Migration } from "@orchestrator/sdk";
export default class AddProduct extends Migration {
  static basedOn = "0001_orchestrator_schema";
  async up(): Promise<void> {
    this.addSql("INSERT INTO products (name, description, product_type, tag, status) VALUES ('Once', 'd', 'T', 'T', 'active')");
  }
  async down(): Promise<void> {
    this.addSql("DELETE FROM products WHERE name = 'Once'");
  }
}
`,
    );
    const [a, b] = await Promise.all([cli("db", "upgrade", "heads"), cli("db", "upgrade", "heads")]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const applied = `${a.stdout}${b.stdout}`.match(/Applied \S+/g) ?? [];
    expect(applied.sort()).toEqual([
      "Applied 0001_orchestrator_schema",
      "Applied 20260101000000_add_product",
    ]);
    const rows = await withTestDatabase(project.databaseUrl, (db) =>
      db.query<{ n: string }>("SELECT count(*) AS n FROM products WHERE name = 'Once'"),
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it("a tampered applied migration stops upgrade and names the file", async () => {
    const file = join(project.dir, "migrations", "20260101000000_noop.ts");
    writeFileSync(
      file,
      `import { Migration } from "@orchestrator/sdk";\nexport default class Noop extends Migration {\n  async up(): Promise<void> {\n    this.addSql("SELECT 1");\n  }\n}\n`,
    );
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    writeFileSync(file, readFileSync(file, "utf8").replace("SELECT 1", "SELECT 2"));
    const result = await cli("db", "upgrade", "heads");
    expect(result.code).toBe(5);
    expect(result.stderr).toContain("20260101000000_noop.ts");
    expect(result.stderr).toContain("ORCH_MIGRATION_CHANGED");
  });

  it("an applied migration whose file is missing stops upgrade, downgrade and migrate-domain-models", async () => {
    const file = join(project.dir, "migrations", "20260101000000_noop.ts");
    writeFileSync(
      file,
      `import { Migration } from "@orchestrator/sdk";\nexport default class Noop extends Migration {\n  async up(): Promise<void> {\n    this.addSql("SELECT 1");\n  }\n}\n`,
    );
    mkdirSync(join(project.dir, "products"), { recursive: true }); // init wrote it already
    writeFileSync(
      join(project.dir, "products", "index.ts"),
      'import { defineRegistry } from "@orchestrator/sdk";\nexport const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({});\n',
    );
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    rmSync(file);
    for (const args of [
      ["db", "upgrade", "heads"],
      ["db", "downgrade", "-1"],
      ["db", "migrate-domain-models", "Anything", "--test"],
    ]) {
      const result = await cli(...args);
      expect(result.code, `${args.join(" ")}: ${result.stdout}${result.stderr}`).toBe(5);
      expect(result.stderr).toContain("20260101000000_noop");
      expect(result.stderr).toContain("ORCH_MIGRATION_MISSING");
      expect(result.stdout).not.toContain("up to date");
    }
    expect((await cli("db", "check")).code).toBe(5);
  });

  it("db revision writes an empty migration that, filled in with the helpers, upgrade applies", async () => {
    const created = json<{ file: string }>(
      await runCli(["db", "revision", "Add modify note workflow", "--json"], { cwd: project.dir }),
    );
    expect(created.file).toMatch(/migrations\/\d{14}_add_modify_note_workflow\.ts$/);
    const text = readFileSync(created.file, "utf8");
    writeFileSync(
      created.file,
      text
        .replace(
          'import { Migration } from "@orchestrator/sdk";',
          'import { Migration, createProduct, createWorkflow, ensureDefaultWorkflows } from "@orchestrator/sdk";',
        )
        .replace(
          "async up(): Promise<void> {}",
          `async up(): Promise<void> {
    this.addStatements(createProduct({ name: "It's a product", description: "quotes ' and \\\\ and :name", productType: "T", tag: "T" }));
    this.addStatements(createWorkflow({ name: "modify_note", target: "MODIFY", description: "Modify note" }));
    this.addStatements(ensureDefaultWorkflows());
  }`,
        ),
    );
    const upgrade = await cli("db", "upgrade", "heads");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const products = json<{ name: string; description: string; workflows: { name: string }[] }[]>(
      await cli("products", "--json"),
    );
    expect(products.map((p) => [p.name, p.description, p.workflows.map((w) => w.name)])).toEqual([
      ["It's a product", "quotes ' and \\ and :name", ["modify_note"]],
    ]);
  });

  /** One data migration applied and one subscription with an instance and a value in the database. */
  async function withOneSubscription(): Promise<void> {
    writeFileSync(
      join(project.dir, "migrations", "20260101000000_add_product.ts"),
      `import { Migration } from "@orchestrator/sdk";
export default class AddProduct extends Migration {
  static basedOn = "0001_orchestrator_schema";
  async up(): Promise<void> {
    this.addSql("INSERT INTO products (name, description, product_type, tag, status) VALUES ('P', 'd', 'T', 'T', 'active')");
  }
  async down(): Promise<void> {
    this.addSql("DELETE FROM products WHERE name = 'P'");
  }
}
`,
    );
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    // The subscription is of another product than the migration's, so reverting the migration alone works.
    await withTestDatabase(project.databaseUrl, async (db) => {
      await db.query(
        "INSERT INTO products (name, description, product_type, tag, status) VALUES ('Q', 'd', 'T', 'T', 'active')",
      );
      await db.query(
        "INSERT INTO product_blocks (name, description, tag, status) VALUES ('B', 'b', 'B', 'active')",
      );
      await db.query("INSERT INTO resource_types (resource_type, description) VALUES ('r', 'r')");
      await db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 's', 'active', product_id, 'c', true FROM products WHERE name = 'Q'",
      );
      await db.query(
        "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT subscription_id, product_block_id FROM subscriptions, product_blocks",
      );
      await db.query(
        "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT subscription_instance_id, resource_type_id, 'v' FROM subscription_instances, resource_types",
      );
    });
  }

  const currentMigration = async () =>
    json<{ current: string | null }>(await cli("db", "current", "--json")).current;

  it("a relative downgrade past the data migrations refuses and reverts nothing", async () => {
    await withOneSubscription();
    const result = await cli("db", "downgrade", "-2");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("only 1 data migration is applied");
    expect(result.stderr).toContain("ORCH_DOWNGRADE_CROSSES_CORE");
    expect(await currentMigration()).toBe("20260101000000_add_product");
  });

  it("downgrade base without a terminal lists what it drops and needs --yes --confirm-warnings", async () => {
    await withOneSubscription();
    for (const flags of [[], ["--yes"], ["--confirm-warnings"]]) {
      const refused = await cli("db", "downgrade", "base", ...flags);
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toContain("--yes --confirm-warnings");
      expect(refused.stdout).toMatch(/subscriptions\s+1\b/);
      expect(refused.stdout).toMatch(/subscription_instances\s+1\b/);
      expect(refused.stdout).toMatch(/subscription_instance_values\s+1\b/);
      expect(refused.stdout).not.toContain("Reverted");
      expect(await currentMigration()).toBe("20260101000000_add_product");
    }
    const confirmed = await cli("db", "downgrade", "base", "--yes", "--confirm-warnings");
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/subscriptions\s+1\b/);
    expect(confirmed.stdout).toContain("Reverted 20260101000000_add_product");
    expect(confirmed.stdout).toContain("Reverted 0001_orchestrator_schema");
    expect(await currentMigration()).toBeNull();
  });

  it("db init keeps a migrations folder that is not empty, and says so", async () => {
    writeFileSync(join(project.dir, "migrations", "20260101000000_mine.ts"), "// mine\n");
    const result = await runCli(["db", "init"], { cwd: project.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Kept migrations (it already exists)");
    expect(readFileSync(join(project.dir, "migrations", "20260101000000_mine.ts"), "utf8")).toBe("// mine\n");
  });
});

describe("orchestrator db, embedded database held by another process", () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createProject("pglite");
    await runCli(["db", "init"], { cwd: project.dir });
  });
  afterEach(() => project.dispose());

  it("waits for the holder, then fails naming its pid and command", async () => {
    const dataDir = project.databaseUrl.slice("pglite:".length);
    // A real other process holding the lock: `db upgrade` keeps it while it runs; this one sleeps.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
      const { acquireDirectoryLock } = await import("@orchestrator/sdk");
      await acquireDirectoryLock(${JSON.stringify(dataDir)});
      console.log("held");
      setTimeout(() => {}, 60000);
    `,
      ],
      { cwd: project.dir, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
      const started = Date.now();
      const result = await runCli(["db", "upgrade", "heads", "--lock-timeout", "1", ...project.dbFlags], {
        cwd: project.dir,
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`process ${holder.pid}`);
      expect(result.stderr).toContain("ORCH_DATABASE_LOCKED");
    } finally {
      holder.kill();
    }
  });

  it("a second CLI waits for the first and then runs", async () => {
    const first = startCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    // Started once the first holds the database: before that, it does not exist yet (exit 11).
    const lockFile = `${project.databaseUrl.slice("pglite:".length)}.lock`;
    while (!existsSync(lockFile) && first.child.exitCode === null) await sleep(20);
    const second = await runCli(["db", "current", "--json", "--lock-timeout", "60", ...project.dbFlags], {
      cwd: project.dir,
    });
    const firstResult = await first.result;
    expect(firstResult.code, firstResult.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
  });
});

describe("orchestrator db, database problems", () => {
  it("an unreachable server gives exit code 4 and never shows the password", async () => {
    const project = await createProject("pglite");
    try {
      await runCli(["db", "init"], { cwd: project.dir });
      const result = await runCli(
        ["db", "upgrade", "--database-url", "postgresql://root:hunter2@127.0.0.1:1/orchestrator"],
        { cwd: project.dir },
      );
      expect(result.code).toBe(4);
      expect(result.stderr).toContain("postgresql://root:***@127.0.0.1:1/orchestrator");
      expect(`${result.stdout}${result.stderr}`).not.toContain("hunter2");
    } finally {
      await project.dispose();
    }
  });

  it("no config file: a clear message and exit code 6", async () => {
    const project = await createProject("pglite");
    try {
      const result = await runCli(["db", "current"], { cwd: project.dir });
      expect(result.code).toBe(6);
      expect(result.stderr).toContain("No orchestrator.config.ts");
      expect(result.stderr).toContain("orchestrator init");
    } finally {
      await project.dispose();
    }
  });

  it("--help documents the exit codes", async () => {
    const result = await runCli(["db", "upgrade", "--help"], { cwd: process.cwd() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("EXIT CODES");
    expect(result.stdout).toContain("4  database unavailable");
  });
});
