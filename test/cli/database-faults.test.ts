// Issue 12 end to end: what a typo in a URL, a damaged or foreign embedded database, a schema-less
// database and two upgrades at once do to the built CLI, run as a process.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { type Database, withDatabase } from "@orchestrator/sdk";
import { POSTGRES_ADMIN_URL, SKIP_POSTGRES } from "@orchestrator/sdk/testing";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, startCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe.skipIf(SKIP_POSTGRES)("a PostgreSQL database that does not exist", () => {
  let project: TestProject;
  const typo = `orch_typo_${randomBytes(4).toString("hex")}`;
  const url = (() => {
    const u = new URL(POSTGRES_ADMIN_URL);
    u.pathname = `/${typo}`;
    return u.toString();
  })();
  const exists = () =>
    withDatabase(
      { kind: "postgresql", url: POSTGRES_ADMIN_URL },
      {},
      async (db) => (await db.query("SELECT 1 FROM pg_database WHERE datname = ?", [typo])).length > 0,
    );

  beforeEach(async () => {
    project = await createProject("postgresql");
    await runCli(["db", "init"], { cwd: project.dir });
  });
  afterEach(() => project.dispose());
  afterAll(() =>
    withDatabase({ kind: "postgresql", url: POSTGRES_ADMIN_URL }, {}, (db) =>
      db.query(`DROP DATABASE IF EXISTS ${typo} WITH (FORCE)`),
    ),
  );

  it("is refused by reading commands, with exit code 11, and is not created", async () => {
    for (const args of [["db", "current"], ["db", "history"], ["products"]]) {
      const result = await runCli([...args, "--database-url", url], { cwd: project.dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(11);
      expect(result.stderr).toContain(`The database "${typo}" does not exist`);
      expect(result.stderr).toContain("ORCH_DATABASE_MISSING");
      noStackTrace(result.stderr);
    }
    expect(await exists()).toBe(false);
  });

  it("is created by db upgrade heads only with --create-database", async () => {
    const refused = await runCli(["db", "upgrade", "heads", "--database-url", url], { cwd: project.dir });
    expect(refused.code, refused.stderr).toBe(11);
    expect(refused.stderr).toContain("--create-database");
    expect(await exists()).toBe(false);
    const created = await runCli(["db", "upgrade", "heads", "--create-database", "--database-url", url], {
      cwd: project.dir,
    });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Applied 0001_orchestrator_schema");
    expect(await exists()).toBe(true);
  });

  it("never prints a password given in the URL's query", async () => {
    const other = new URL(url);
    other.pathname = `/${typo}_never`;
    other.search = "?password=s3cret-pw";
    const result = await runCli(["db", "current", "--database-url", other.toString()], {
      cwd: project.dir,
    });
    expect(result.code).toBe(11);
    expect(`${result.stdout}${result.stderr}`).not.toContain("s3cret-pw");
  });
});

describe.skipIf(SKIP_POSTGRES)("a PostgreSQL database without the orchestrator schema", () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createProject("postgresql");
    await runCli(["db", "init"], { cwd: project.dir });
  });
  afterEach(() => project.dispose());

  it("products says the schema is missing and how to create it", async () => {
    const result = await runCli(["products", ...project.dbFlags], { cwd: project.dir });
    expect(result.code, result.stderr).toBe(8);
    expect(result.stderr).toContain("has no orchestrator schema yet");
    expect(result.stderr).toContain("db upgrade heads");
    noStackTrace(result.stderr);
  });
});

describe("an embedded database that does not exist yet", () => {
  let project: TestProject;
  let dataDir: string;
  beforeEach(async () => {
    project = await createProject("pglite", { copyExample: true });
    dataDir = project.databaseUrl.slice("pglite:".length);
  });
  afterEach(() => project.dispose());

  it("is refused by reading commands, with exit code 11, and neither it nor its folder is created", async () => {
    const typo = join(project.dir, "typo", "db");
    for (const args of [
      ["db", "current"],
      ["db", "history"],
      ["db", "check"],
      ["db", "diff"],
      ["db", "show", "0001_orchestrator_schema"],
      ["db", "downgrade", "-1", "--yes"],
      ["products"],
      ["models", "pull", "--out", join(project.dir, "pulled")],
      ["db", "migrate-domain-models", "Workshop", "--inputs", "@answers.json"],
    ]) {
      const result = await runCli([...args, "--database-url", `pglite:${typo}`], { cwd: project.dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(11);
      expect(result.stderr).toContain(`The embedded database ${typo} does not exist yet`);
      expect(result.stderr).toContain("orchestrator db upgrade heads");
      expect(result.stderr).toContain("ORCH_DATABASE_MISSING");
      noStackTrace(result.stderr);
    }
    expect(existsSync(join(project.dir, "typo"))).toBe(false);
    expect(existsSync(join(project.dir, "pulled"))).toBe(false);
  });

  it("an empty folder is no database either: refused, and left empty", async () => {
    mkdirSync(dataDir, { recursive: true });
    const result = await runCli(["db", "current", ...project.dbFlags], { cwd: project.dir });
    expect(result.code, result.stderr).toBe(11);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("db upgrade heads --sql prints the SQL that would create it and creates nothing", async () => {
    const sql = await runCli(["db", "upgrade", "heads", "--sql", ...project.dbFlags], { cwd: project.dir });
    expect(sql.code, sql.stderr).toBe(0);
    expect(sql.stdout).toMatch(/CREATE TABLE products\b/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("db upgrade heads creates it, and the reading commands then work", async () => {
    const upgrade = await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
    const current = await runCli(["db", "current", ...project.dbFlags], { cwd: project.dir });
    expect(current.code, current.stderr).toBe(0);
    expect(current.stdout).toContain("0001_orchestrator_schema");
  });
});

describe("embedded databases that cannot be used", () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createProject("pglite");
    await runCli(["db", "init"], { cwd: project.dir });
  });
  afterEach(() => project.dispose());

  it("a path that is a plain file: exit code 12, the file untouched, no stack trace", async () => {
    const file = join(project.dir, "notes.txt");
    writeFileSync(file, "my notes");
    const result = await runCli(["db", "upgrade", "heads", "--database-url", `pglite:${file}`], {
      cwd: project.dir,
    });
    expect(result.code, result.stderr).toBe(12);
    expect(result.stderr).toContain("is a file, not a directory");
    noStackTrace(result.stderr);
    expect(readFileSync(file, "utf8")).toBe("my notes");
  });

  it("a directory of other files: exit code 12 and nothing written into it", async () => {
    const dir = join(project.dir, "photos");
    mkdirSync(dir);
    writeFileSync(join(dir, "holiday.jpg"), "jpeg");
    const result = await runCli(["db", "upgrade", "heads", "--database-url", `pglite:${dir}`], {
      cwd: project.dir,
    });
    expect(result.code, result.stderr).toBe(12);
    expect(result.stderr).toContain("is not an embedded (PGlite) database");
    noStackTrace(result.stderr);
    expect(readdirSync(dir)).toEqual(["holiday.jpg"]);
  });

  it("random bytes over a table page: exit code 12 saying to restore a backup; --debug adds the stack", async () => {
    const upgrade = await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const dataDir = project.databaseUrl.slice("pglite:".length);
    const page = await withDatabase({ kind: "pglite", dataDir }, {}, async (db: Database) => {
      await db.query(
        "INSERT INTO products (name, description, product_type, tag, status) VALUES ('P', 'd', 'T', 'TAG', 'active')",
      );
      await db.query("CHECKPOINT");
      return (await db.query<{ path: string }>("SELECT pg_relation_filepath('products') AS path"))[0]!.path;
    });
    const fd = openSync(join(dataDir, page), "r+");
    try {
      writeSync(fd, randomBytes(8192), 0, 8192, 0);
    } finally {
      closeSync(fd);
    }
    const result = await runCli(["products", ...project.dbFlags], { cwd: project.dir });
    expect(result.code, result.stderr).toBe(12);
    expect(result.stderr).toContain("is damaged");
    expect(result.stderr).toContain("Restore the directory from a backup");
    noStackTrace(result.stderr);
    const debug = await runCli(["products", "--debug", ...project.dbFlags], { cwd: project.dir });
    expect(debug.code).toBe(12);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });
});

describe("two upgrades of one embedded database at once", () => {
  let project: TestProject;
  beforeEach(async () => {
    project = await createProject("pglite");
    await runCli(["db", "init"], { cwd: project.dir });
  });
  afterEach(() => project.dispose());

  it("both succeed: the second waits for the first as long as it runs, and says so once", async () => {
    const first = startCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    const second = startCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    const results = await Promise.all([first.result, second.result]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const applied = results.map((r) => r.stdout).join("");
    expect(applied.match(/Applied 0001_orchestrator_schema/g)).toHaveLength(1);
    const told = results.flatMap((r) => r.stderr.match(/Waiting for pid \d+ \([^)]*\)/g) ?? []);
    expect(told.length).toBeLessThanOrEqual(1);
  });
});
