// `orchestrator init [DIR]` (and its alias `db init`): what a new project gets, and that nothing a user
// already has is overwritten.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";

const TMP = fileURLToPath(new URL("../.tmp/", import.meta.url));
const SCAFFOLD = [
  "orchestrator.config.ts",
  "products/index.ts",
  "migrations",
  "package.json",
  "tsconfig.json",
  ".gitignore",
];

interface InitJson {
  created: string[];
  skipped: string[];
  appended: string[];
  next: string[];
}

describe("orchestrator init", () => {
  const root = join(TMP, `init-${process.pid}`);
  beforeAll(() => mkdirSync(root, { recursive: true }));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("scaffolds a project in a new folder and prints the next three commands", async () => {
    const result = await runCli(["init", "fresh"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    for (const path of SCAFFOLD) {
      expect(existsSync(join(root, "fresh", path)), path).toBe(true);
      expect(result.stdout).toContain(`Created ${join("fresh", path)}`);
    }
    const manifest = JSON.parse(readFileSync(join(root, "fresh/package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "fresh",
      type: "module",
      dependencies: { "@orchestrator/cli": "^0.1.0", "@orchestrator/sdk": "^0.1.0" },
    });
    expect(readFileSync(join(root, "fresh/.gitignore"), "utf8")).toBe(".orchestrator/\n");
    // The example product is there, commented out, so the registry loads as written.
    expect(readFileSync(join(root, "fresh/products/index.ts"), "utf8")).toMatch(
      /^\/\/ export const User = /m,
    );
    const next = result.stdout.slice(result.stdout.indexOf("Next:")).trim().split("\n").slice(1);
    expect(next.map((line) => line.trim())).toEqual([
      "cd fresh && npm install && npx orchestrator db upgrade heads",
      'npx orchestrator db migrate-domain-models "Add my products"   # after editing products/index.ts',
      "npx orchestrator db upgrade heads",
    ]);
  });

  it("writes what is missing, keeps every existing file as it is, and says what it kept", async () => {
    const dir = join(root, "existing");
    mkdirSync(join(dir, "migrations"), { recursive: true });
    const kept = {
      "orchestrator.config.ts": "// mine\n",
      "migrations/0001_mine.ts": "// my migration\n",
      "package.json": '{ "name": "mine", "type": "module" }\n',
      ".gitignore": "node_modules",
    };
    for (const [path, content] of Object.entries(kept)) writeFileSync(join(dir, path), content);

    const result = await runCli(["db", "init", "--json"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const report = json<InitJson>(result);
    expect(report.created.map((path) => path.slice(dir.length + 1)).sort()).toEqual([
      "products/index.ts",
      "tsconfig.json",
    ]);
    expect(report.skipped.map((path) => path.slice(dir.length + 1)).sort()).toEqual([
      "migrations",
      "orchestrator.config.ts",
      "package.json",
    ]);
    expect(report.appended).toEqual([join(dir, ".gitignore")]);
    for (const [path, content] of Object.entries(kept)) {
      const expected = path === ".gitignore" ? `${content}\n.orchestrator/\n` : content;
      expect(readFileSync(join(dir, path), "utf8"), path).toBe(expected);
    }

    // A second run changes nothing at all.
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain("Created");
    expect(again.stdout).toContain("Kept .gitignore (it already exists)");
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe("node_modules\n.orchestrator/\n");
  });

  it('names the missing "type": "module" of an existing package.json instead of changing it', async () => {
    const dir = join(root, "commonjs");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{ "name": "commonjs" }\n');
    const result = await runCli(["init"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("npm pkg set type=module");
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe('{ "name": "commonjs" }\n');
  });

  it("a file where the project's folder belongs: a clear error, exit 2, nothing written", async () => {
    const dir = join(root, "file-in-the-way");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "products"), "not a folder\n");
    const result = await runCli(["init"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, "products")} exists and is not a folder`);
    expect(result.stderr).toContain("[ORCH_INIT_NOT_A_FOLDER]");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, "orchestrator.config.ts"))).toBe(false);
  });

  it("lists no database flags: it opens no database", async () => {
    const help = await runCli(["init", "--help"], { cwd: root });
    expect(help.code).toBe(0);
    // As flags, that is: the exit codes' text mentions --database-url.
    expect(help.stdout).not.toMatch(/^\s+--database-url=/m);
    expect(help.stdout).not.toMatch(/^\s+--lock-timeout=/m);
  });
});
