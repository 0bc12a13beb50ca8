// A mistyped command is answered with the command most likely meant (exit 2, nothing run), and
// `db migrate`, which other tools use for either, names both commands it could mean.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";

describe("command typos", () => {
  // No project at all: a typo must be answered before any config or database is looked for.
  const dir = mkdtempSync(join(tmpdir(), "orchestrator-typo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("db upgrad heads suggests db upgrade, exit 2, and creates nothing", async () => {
    const result = await runCli(["db", "upgrad", "heads"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Error: `orchestrator db upgrad` is not a command. Did you mean `orchestrator db upgrade`?\n",
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("db migrate names db migrate-domain-models and db upgrade heads", async () => {
    const result = await runCli(["db", "migrate"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("`orchestrator db migrate` is not a command");
    expect(result.stderr).toContain('`db migrate-domain-models "MESSAGE"` writes a migration');
    expect(result.stderr).toContain("`db upgrade heads` applies pending migrations");
  });

  it("a word close to no command points to the topic's --help", async () => {
    const result = await runCli(["db", "frobnicate"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("`orchestrator db --help` lists the commands.");
  });
});
