// Issue 10, adoption end to end with the built CLI on orchestrator-core's own database (its schema dump,
// seed rows and example-orchestrator's catalogue, PostgreSQL): refused before adoption, adopted without
// touching anything of orchestrator-core's, then migrated like any other database.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Database } from "@orchestrator/sdk";
import { FIXTURES_AVAILABLE, fixturesMissingReason, runPsql } from "@orchestrator/sdk/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectExit, json, runCli } from "../helpers/cli.ts";
import { type CoreProject, catalogueRows, createCoreProject } from "../helpers/core-project.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const ALEMBIC = "alembic 610caa9e4286, ca79fd834ba0";
const NOT_ADOPTED = `orchestrator-core database (${ALEMBIC}), not adopted`;
/** The schema as pg_dump prints it, one object per entry, without the per-run \restrict keys. */
function schemaObjects(url: string): string[] {
  const dump = execFileSync("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", "-d", url], {
    encoding: "utf8",
  });
  return dump
    .split(/\n(?=--\n-- Name: )/)
    .map((chunk) => chunk.replace(/^\\(un)?restrict .*$/gm, "").trim())
    .filter((chunk) => chunk !== "");
}

describe.skipIf(!FIXTURES_AVAILABLE)(
  `db adopt on orchestrator-core's database ${fixturesMissingReason() ?? ""}`,
  () => {
    let setup: CoreProject;
    let url: string;
    let project: TestProject;
    const cli = (...args: string[]) => runCli([...args, "--database-url", url], { cwd: project.dir });
    const migrationFiles = () =>
      readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"));
    const bookkeepingExists = () =>
      runPsql(url, "SELECT to_regclass('orchestrator_migrations') IS NOT NULL").trim() === "t";

    beforeEach(async () => {
      setup = await createCoreProject();
      ({ url, project } = setup);
    });
    afterEach(() => setup.dispose());

    it("stops every migration path before adoption, naming db adopt, and writes nothing", async () => {
      const upgrade = await cli("db", "upgrade", "heads");
      expectExit(upgrade, 9);
      expect(upgrade.stderr).toContain("orchestrator db adopt");
      expect(upgrade.stderr).toContain("[ORCH_DATABASE_NOT_ADOPTED]");

      const generate = await cli(
        "db",
        "migrate-domain-models",
        "Add the workshop",
        "--inputs",
        "@answers.json",
      );
      expectExit(generate, 9);
      expect(generate.stderr).toContain("orchestrator db adopt");
      expect(migrationFiles()).toEqual([]);

      const check = await cli("db", "check");
      expectExit(check, 9);
      expect(check.stdout).toContain(NOT_ADOPTED);
      for (const command of ["current", "history"]) {
        const shown = await cli("db", command);
        expectExit(shown, 0);
        expect(shown.stdout).toContain(NOT_ADOPTED);
      }
      expect(bookkeepingExists()).toBe(false);
    });

    it("adopts (only orchestrator_migrations is new), migrates the workshop on top of the 11 products, and downgrades back to the same catalogue rows", {
      timeout: 400_000,
    }, async () => {
      const schemaBefore = schemaObjects(url);
      const rowsBefore = catalogueRows(url);
      const alembicBefore = runPsql(url, "SELECT version_num FROM alembic_version ORDER BY 1");

      const adopt = await cli("db", "adopt", "--yes", "--json");
      expectExit(adopt, 0);
      expect(json(adopt)).toMatchObject({
        status: "adopted",
        alembic: ["610caa9e4286", "ca79fd834ba0"],
        coreMigrations: ["0001_orchestrator_schema"],
      });
      const added = schemaObjects(url).filter((object) => !schemaBefore.includes(object));
      const removed = schemaBefore.filter((object) => !schemaObjects(url).includes(object));
      expect(removed).toEqual([]);
      expect(added.length).toBeGreaterThan(0);
      for (const object of added) expect(object).toContain("orchestrator_migrations");
      expect(runPsql(url, "SELECT version_num FROM alembic_version ORDER BY 1")).toBe(alembicBefore);

      const history = await cli("db", "history");
      expectExit(history, 0);
      expect(history.stdout).toMatch(
        /0001_orchestrator_schema .*adopted .*\(alembic 610caa9e4286, ca79fd834ba0\)/,
      );
      const current = await cli("db", "current");
      expect(current.stdout).toContain(`orchestrator-core database (${ALEMBIC}), adopted`);

      const generate = await cli(
        "db",
        "migrate-domain-models",
        "Add the workshop",
        "--inputs",
        "@answers.json",
        "--json",
      );
      expectExit(generate, 0);
      const generated = json<{ upgrade: string[] }>(generate);
      expect(generated.upgrade.join("\n")).not.toMatch(/\bDELETE\b|\bDROP\b/);
      expect(migrationFiles()).toHaveLength(1);
      expectExit(await cli("db", "upgrade", "heads"), 0);
      expect(runPsql(url, "SELECT count(*) FROM products").trim()).toBe("14");
      expectExit(await cli("db", "check"), 0);

      const base = await cli("db", "downgrade", "base", "--yes", "--confirm-warnings");
      expectExit(base, 2);
      expect(base.stderr).toContain("[ORCH_DOWNGRADE_PAST_ADOPTION]");
      const pastAdoption = await cli("db", "downgrade", "-2");
      expectExit(pastAdoption, 2);
      expect(runPsql(url, "SELECT count(*) FROM products").trim()).toBe("14");

      expectExit(await cli("db", "downgrade"), 0);
      expect(catalogueRows(url)).toBe(rowsBefore);
      expect(
        schemaObjects(url)
          .filter((object) => !schemaBefore.includes(object))
          .every((o) => o.includes("orchestrator_migrations")),
      ).toBe(true);
    });

    it("adopting twice says the database is already adopted, exits 0 and writes nothing", async () => {
      expectExit(await cli("db", "adopt", "--yes"), 0);
      const rows = runPsql(url, "SELECT * FROM orchestrator_migrations ORDER BY id");
      const again = await cli("db", "adopt", "--yes");
      expectExit(again, 0);
      expect(again.stdout).toContain("already adopted");
      expect(runPsql(url, "SELECT * FROM orchestrator_migrations ORDER BY id")).toBe(rows);
    });

    it("names a dropped column by table and column, exits 10 and writes nothing", async () => {
      runPsql(url, "ALTER TABLE subscription_instances DROP COLUMN label");
      const adopt = await cli("db", "adopt", "--yes");
      expectExit(adopt, 10);
      expect(adopt.stderr).toContain("subscription_instances.label: is missing");
      expect(adopt.stderr).toContain("[ORCH_CANNOT_ADOPT]");
      expect(bookkeepingExists()).toBe(false);
    });

    it("adopting while another process holds the migration lock gives up after --lock-timeout, exit 4, and writes nothing", async () => {
      const holder = await Database.open({ kind: "postgresql", url });
      try {
        let release!: () => void;
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => {
          locked = resolve;
        });
        const holding = holder.transaction(async (scope) => {
          await scope.query("SELECT pg_advisory_xact_lock(7462031)");
          locked();
          await released;
        });
        await isLocked;
        const adopt = await cli("db", "adopt", "--yes", "--lock-timeout", "1");
        release();
        await holding;
        expectExit(adopt, 4);
        // The message names the backend that holds the lock.
        expect(adopt.stderr).toMatch(/Server process \d+ .*holds the migration lock/);
        expect(adopt.stderr).toContain("Gave up waiting");
        expect(bookkeepingExists()).toBe(false);
      } finally {
        await holder.close();
      }
    });
  },
);

describe("db adopt on databases orchestrator-core did not build", () => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  beforeEach(async () => {
    project = await createProject("postgresql", { copyExample: true });
  });
  afterEach(() => project.dispose());

  it("points an empty database to db upgrade heads (exit 10), and says a database this project built has nothing to adopt (exit 0)", async () => {
    const empty = await cli("db", "adopt", "--yes");
    expectExit(empty, 10);
    expect(empty.stderr).toContain("orchestrator db upgrade heads");
    expectExit(await cli("db", "upgrade", "heads"), 0);
    const ours = await cli("db", "adopt", "--yes");
    expectExit(ours, 0);
    expect(ours.stdout).toContain("nothing to adopt");
  });
});
