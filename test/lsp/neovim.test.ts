// Neovim (Debian's `neovim`, 0.7) as a second, real LSP client: it attaches the server to the example
// project, shows the warning at `age` and offers the code actions. Needs `nvim` on PATH: CI installs it
// (apt-get install neovim); without it this test fails, it does not skip.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DIAGNOSTIC_CODES } from "@orchestrator/language-server";
import { DATABASE_KINDS } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv } from "../helpers/cli.ts";
import type { TestProject } from "../helpers/projects.ts";
import { SERVER_BIN } from "./client.ts";
import { createWorkshopProject } from "./workshop.ts";

const CHECK = fileURLToPath(new URL("./neovim-check.lua", import.meta.url));

interface NeovimResult {
  diagnostics: {
    range: { start: { line: number; character: number } };
    message: string;
    code?: string;
    source?: string;
  }[];
  actions: { title: string; command?: string }[];
  error?: string;
}

describe("Neovim", () => {
  let project: TestProject;
  beforeAll(async () => {
    const version = spawnSync("nvim", ["--version"], { encoding: "utf8" });
    if (version.error || version.status !== 0) {
      throw new Error(
        "Neovim (nvim) is required for this test and was not found: install it with `apt-get install -y neovim`.",
      );
    }
    project = await createWorkshopProject(DATABASE_KINDS[0]!);
  });
  afterAll(() => project?.dispose());

  it("attaches the server, shows the warning at `age` and offers both code actions", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orch-nvim-"));
    const out = join(dir, "result.json");
    const file = join(project.dir, "products/product_blocks/user.ts");
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(
          "nvim",
          ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${CHECK}`, file],
          {
            cwd: project.dir,
            env: cleanEnv({
              ORCH_OUT: out,
              ORCH_NODE: process.execPath,
              ORCH_SERVER: SERVER_BIN,
              ORCH_ROOT: project.dir,
              ORCH_DATABASE_URL: project.databaseUrl,
              XDG_STATE_HOME: dir,
              XDG_DATA_HOME: dir,
            }),
            stdio: ["ignore", "ignore", "ignore"],
          },
        );
        const timer = setTimeout(() => child.kill("SIGKILL"), 100_000);
        child.on("error", reject);
        child.on("close", (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
      const result = JSON.parse(readFileSync(out, "utf8")) as NeovimResult;
      expect(result.error ?? null, `nvim exit ${code}`).toBeNull();
      const age = result.diagnostics.find((d) => d.range.start.line === 9);
      expect(age).toMatchObject({
        range: { start: { line: 9, character: 4 } },
        code: DIAGNOSTIC_CODES.resourceTypeMissingInDb,
        source: "orchestrator",
        message:
          "Resource type 'age' of product block 'UserBlock' is not in the database (2 products, 6 instances would get no value)",
      });
      expect(result.actions).toEqual([
        {
          title: "Generate migration for all domain model changes",
          command: "orchestrator.generateMigration",
        },
        { title: "Generate and apply (upgrade heads)", command: "orchestrator.generateMigration" },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
