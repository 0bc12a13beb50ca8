// `db downgrade` of data migrations, as a process on PGlite and PostgreSQL: it lists what each migration's
// downgrade changes, reverts without a terminal as before when no subscription data goes, and needs
// --yes (or someone's yes on a terminal) when it does.
import { basename } from "node:path";
import { DATABASE_KINDS, withTestDatabase } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { runInTerminal } from "../helpers/terminal.ts";

describe.each(DATABASE_KINDS)("db downgrade of data migrations on %s", (kind) => {
  let project: TestProject;
  let workshop: string;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const current = async () => json<{ current: string | null }>(await cli("db", "current", "--json")).current;

  beforeAll(async () => {
    project = await createProject(kind, { copyExample: true });
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const generated = await cli(
      "db",
      "migrate-domain-models",
      "Workshop",
      "--inputs",
      "@answers.json",
      "--json",
    );
    expect(generated.code, generated.stderr).toBe(0);
    workshop = basename(json<{ file: string }>(generated).file, ".ts");
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
  });
  afterAll(() => project.dispose());

  it("without a terminal it lists the rows each downgrade changes and reverts, when no subscription goes", async () => {
    const result = await cli("db", "downgrade");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("db downgrade -1 reverts, newest first:");
    expect(result.stdout).toContain(`  ${workshop}, changing these rows:`);
    expect(result.stdout).toMatch(/^\s+products\s+3\s+0$/m);
    expect(result.stdout).toContain(`Reverted ${workshop}`);
    expect(await current()).toBe("0001_orchestrator_schema");
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
  });

  it("removing a subscription needs --yes without a terminal: exit 3, nothing reverted", async () => {
    await withTestDatabase(project.databaseUrl, (db) =>
      db.query(
        "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT 'u', 'active', product_id, 'c', true FROM products WHERE name = 'User internal'",
      ),
    );
    const result = await cli("db", "downgrade");
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toMatch(/^\s+subscriptions\s+1\s+0$/m);
    expect(result.stderr).toContain(
      `Reverting ${workshop} removes subscription data (1 row of subscriptions)`,
    );
    expect(result.stderr).toContain("pass --yes to confirm");
    const asJson = await cli("db", "downgrade", "--json");
    expect(asJson.code).toBe(3);
    expect(json<{ error: { code: string } }>(asJson).error.code).toBe("ORCH_CONFIRMATION_REQUIRED");
    expect(await current()).toBe(workshop);
  });

  it("asks on a terminal: no reverts nothing (exit 130)", async () => {
    const asked: string[] = [];
    const declined = await runInTerminal(["db", "downgrade", ...project.dbFlags], project.dir, (p) => {
      if (!p.text.startsWith("Confirm reverting")) return undefined;
      asked.push(p.text);
      return "n";
    });
    expect(declined.code, declined.screen).toBe(130);
    expect(asked[0]).toBe("Confirm reverting 1 migration");
    expect(declined.screen).toContain("Cancelled: nothing was reverted.");
    expect(await current()).toBe(workshop);
  });

  it("-y confirms it and reverts, subscription and all", async () => {
    const result = await cli("db", "downgrade", "-y", "--json");
    expect(result.code, result.stderr).toBe(0);
    const reverted = json<{ reverted: string[]; changes: { name: string; rows: { table: string }[] }[] }>(
      result,
    );
    expect(reverted.reverted).toEqual([workshop]);
    expect(reverted.changes[0]?.rows.map((r) => r.table)).toContain("subscriptions");
    expect(await current()).toBe("0001_orchestrator_schema");
  });
});
