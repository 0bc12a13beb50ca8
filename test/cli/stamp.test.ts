// `db stamp NAME` as a process on the example project, on PGlite and PostgreSQL: it records a data
// migration as applied without running it, only once confirmed, and refuses what would be unsafe.
import { basename } from "node:path";
import { DATABASE_KINDS } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { runInTerminal } from "../helpers/terminal.ts";

describe.each(DATABASE_KINDS)("db stamp on %s", (kind) => {
  let project: TestProject;
  let workshop: string;
  let later: string;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });
  const current = async () => json<{ current: string | null }>(await cli("db", "current", "--json")).current;
  const productCount = async () => json<unknown[]>(await cli("products", "--json")).length;

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
    // A hand-written migration after it, so there is an older pending one to stamp past.
    const revision = await runCli(["db", "revision", "Later", "--json"], { cwd: project.dir });
    expect(revision.code, revision.stderr).toBe(0);
    later = basename(json<{ file: string }>(revision).file, ".ts");
  });
  afterAll(() => project.dispose());

  it("without a terminal and without --yes it records nothing and exits 3, naming --yes", async () => {
    const result = await cli("db", "stamp", workshop);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain(`Recording ${workshop} as applied without running it must be confirmed`);
    expect(result.stderr).toContain("Pass --yes to confirm it.");
    expect(await current()).toBe("0001_orchestrator_schema");
  });

  it("refuses a misspelt name with the one meant, exit 2", async () => {
    const misspelt = `${workshop.slice(0, -2)}${workshop.at(-1)}${workshop.at(-2)}`;
    const result = await cli("db", "stamp", misspelt, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`There is no migration '${misspelt}'. Did you mean '${workshop}'?`);
    expect(await current()).toBe("0001_orchestrator_schema");
  });

  it("refuses to stamp past an older pending migration, exit 2, naming it", async () => {
    const result = await cli("db", "stamp", later, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot stamp ${later}: older migration ${workshop} is not applied`);
    expect(result.stderr).toContain("[ORCH_STAMP_OUT_OF_ORDER]");
    expect(await current()).toBe("0001_orchestrator_schema");
  });

  it("refuses the core migration, pointing to upgrade and adoption", async () => {
    const result = await cli("db", "stamp", "0001_orchestrator_schema", "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is a core migration");
  });

  it("--yes --json records it as applied and runs none of its statements", async () => {
    const result = await cli("db", "stamp", workshop, "-y", "--json");
    expect(result.code, result.stderr).toBe(0);
    expect(json<{ stamped: string }>(result).stamped).toBe(workshop);
    expect(await current()).toBe(workshop);
    // Not run: the workshop's products are still missing, so the models still differ.
    expect(await productCount()).toBe(0);
    expect((await cli("db", "diff", "--exit-code")).code).toBe(7);
    const upgrade = await cli("db", "upgrade", "--sql");
    expect(upgrade.stdout).not.toContain(workshop);
  });

  it("refuses a migration that is already applied, exit 2", async () => {
    const result = await cli("db", "stamp", workshop, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Migration ${workshop} is already applied`);
  });

  it("asks on a terminal: no records nothing (exit 130), yes records it", async () => {
    const asked: string[] = [];
    const declined = await runInTerminal(["db", "stamp", later, ...project.dbFlags], project.dir, (p) => {
      if (!p.text.startsWith("Confirm recording ")) return undefined;
      asked.push(p.text);
      return "n";
    });
    expect(declined.code, declined.screen).toBe(130);
    expect(asked[0]).toBe(`Confirm recording ${later} as applied without running it`);
    expect(declined.screen).toContain("Cancelled: nothing was written.");
    expect(await current()).toBe(workshop);

    const confirmed = await runInTerminal(["db", "stamp", later, ...project.dbFlags], project.dir, (p) =>
      p.text.startsWith("Confirm recording ") ? "y" : undefined,
    );
    expect(confirmed.code, confirmed.screen).toBe(0);
    expect(confirmed.screen).toContain(`Stamped ${later}`);
    expect(await current()).toBe(later);
  });
});
