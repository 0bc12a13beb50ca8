// Stopping at a prompt: Ctrl-C at any question, or "n" at the final confirmation. Either way one line,
// "Cancelled: nothing was written.", no stack trace, exit 130 (scripts can tell it from success), and
// no migration file.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { runInTerminal } from "../helpers/terminal.ts";

const CTRL_C = "\u0003";

describe("cancelling db migrate-domain-models in a terminal", () => {
  let project: TestProject;
  const migrationFiles = () => readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"));

  beforeAll(async () => {
    project = await createProject("pglite", { copyExample: true });
    expect((await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir })).code).toBe(0);
  });
  afterAll(() => project.dispose());

  it("Ctrl-C at the first question: the message, exit 130, no stack trace, nothing written", async () => {
    const asked: string[] = [];
    const result = await runInTerminal(
      ["db", "migrate-domain-models", "Add User and UserGroup products", ...project.dbFlags],
      project.dir,
      (prompt) => {
        asked.push(prompt.text);
        return CTRL_C;
      },
    );
    expect(asked[0]).toBe("Supply the product description:");
    expect(result.code, result.screen).toBe(130);
    expect(result.screen).toContain("Cancelled: nothing was written.");
    expect(result.screen).not.toMatch(/ExitPromptError|^\s+at /m);
    expect(migrationFiles()).toEqual([]);
  });

  it('"n" at the final confirmation: the same message, exit 130, nothing written', async () => {
    const asked: string[] = [];
    const result = await runInTerminal(
      [
        "db",
        "migrate-domain-models",
        "Add User and UserGroup products",
        "--inputs",
        "@answers.json",
        ...project.dbFlags,
      ],
      project.dir,
      (prompt) => {
        asked.push(prompt.text);
        return prompt.text.startsWith("Confirm the above actions") ? "n" : undefined;
      },
    );
    expect(asked[0]).toBe("Confirm the above actions");
    expect(result.code, result.screen).toBe(130);
    expect(result.screen).toContain("Cancelled: nothing was written.");
    expect(result.screen).not.toContain("Migration generated");
    expect(migrationFiles()).toEqual([]);
  });
});
