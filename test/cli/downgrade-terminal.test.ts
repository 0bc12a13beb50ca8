// `db downgrade base` on a terminal: it lists what it drops and asks, "no" keeping everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { runInTerminal } from "../helpers/terminal.ts";

describe("db downgrade base in a terminal", () => {
  let project: TestProject;
  const current = async () =>
    json<{ current: string | null }>(
      await runCli(["db", "current", "--json", ...project.dbFlags], { cwd: project.dir }),
    ).current;

  beforeAll(async () => {
    project = await createProject("pglite");
    expect((await runCli(["db", "init"], { cwd: project.dir })).code).toBe(0);
    expect((await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir })).code).toBe(0);
  });
  afterAll(() => project.dispose());

  it("asks before dropping the core schema; no keeps it, yes drops it", async () => {
    const asked: string[] = [];
    const declined = await runInTerminal(
      ["db", "downgrade", "base", ...project.dbFlags],
      project.dir,
      (p) => {
        if (!p.text.startsWith("Confirm dropping")) return undefined;
        asked.push(p.text);
        return "n";
      },
    );
    // "No" is not success: a script must be able to tell that nothing was reverted.
    expect(declined.code, declined.screen).toBe(130);
    // (The helper may see the answered prompt again while the screen redraws; the first ask is what counts.)
    expect(asked[0]).toBe(
      "Confirm dropping the orchestrator's tables with 0 subscriptions, 0 instances and 0 values",
    );
    expect(declined.screen).toMatch(/subscription_instance_values\s+0/);
    expect(declined.screen).toContain("Cancelled: nothing was reverted.");
    expect(await current()).toBe("0001_orchestrator_schema");

    const confirmed = await runInTerminal(
      ["db", "downgrade", "base", ...project.dbFlags],
      project.dir,
      (p) => (p.text.startsWith("Confirm dropping") ? "y" : undefined),
    );
    expect(confirmed.code, confirmed.screen).toBe(0);
    expect(confirmed.screen).toContain("Reverted 0001_orchestrator_schema");
    expect(await current()).toBeNull();
  });
});
