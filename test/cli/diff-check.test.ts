// Issue 3 end to end: `db diff` and `db check` on the example project, against an empty and an
// up-to-date database, and model errors shown at file:line:column.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_KINDS } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

describe.each(DATABASE_KINDS)("db diff and db check on %s", (kind) => {
  let project: TestProject;
  const cli = (...args: string[]) => runCli([...args, ...project.dbFlags], { cwd: project.dir });

  beforeAll(async () => {
    project = await createProject(kind, { copyExample: true });
  });
  afterAll(() => project.dispose());

  // An embedded database does not exist before its first upgrade (11); a server's database has no schema (8).
  it("before the schema exists: check says migrations are pending (8), or the database missing (11), diff says to upgrade", async () => {
    const before = kind === "pglite" ? 11 : 8;
    expect((await cli("db", "check")).code).toBe(before);
    const diff = await cli("db", "diff");
    expect(diff.code).toBe(before);
    expect(diff.stderr).toContain("db upgrade heads");
  });

  it("on an empty database: the workshop's change set, and check exits 7", async () => {
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const tree = await cli("db", "diff");
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain("+ UserBlock → UserGroupBlock via group");
    expect(tree.stdout).toContain("+ UserBlock.age");
    const changes = json<Record<string, { product?: string; block?: string; resourceType?: string }[]>>(
      await cli("db", "diff", "--json"),
    );
    expect(changes.createProducts!.map((c) => c.product)).toEqual([
      "User Group",
      "User internal",
      "User external",
    ]);
    expect(changes.createProductBlocks!.map((c) => c.block)).toEqual(["UserGroupBlock", "UserBlock"]);
    expect(changes.createResourceTypes!.map((c) => c.resourceType)).toEqual([
      "group_name",
      "group_id",
      "username",
      "age",
      "user_id",
    ]);
    expect(changes.deleteProducts).toEqual([]);
    const check = await cli("db", "check", "--json");
    expect(check.code).toBe(7);
    expect(json<{ differences: number }>(check).differences).toBe(21);
  });

  it("on an up-to-date database: no differences and check exits 0", async () => {
    expect((await cli("db", "migrate-domain-models", "Workshop", "--inputs", "@answers.json")).code).toBe(0);
    expect((await cli("db", "upgrade", "heads")).code).toBe(0);
    const diff = await cli("db", "diff");
    expect(diff.stdout).toContain("The database matches the domain models.");
    expect((await cli("db", "check")).code).toBe(0);
  });

  it("a mistake in a model file is shown at its file:line:column, exit 6", async () => {
    const file = join(project.dir, "products", "product_blocks", "user.ts");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, original.replace("age: r.int(),", "age: r.enum([] as unknown as [string]),"));
      const result = await cli("db", "diff");
      expect(result.code).toBe(6);
      const line = original.split("\n").findIndex((l) => l.includes("age: r.int()")) + 1;
      expect(result.stderr).toContain(`${file}:${line}:5`);
      expect(result.stderr).toContain("ORCH_EMPTY_ENUM");
    } finally {
      writeFileSync(file, original);
    }
  });
});

// The models load while the database opens: what the user sees must not change with that.
describe("a broken model, whatever the database", () => {
  let project: TestProject;
  const breakModel = () => {
    const file = join(project.dir, "products", "product_blocks", "user.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("age: r.int(),", "age: r.enum([] as unknown as [string]),"),
    );
  };

  beforeAll(async () => {
    project = await createProject("pglite", { copyExample: true });
    breakModel();
  });
  afterAll(() => project.dispose());

  it("creates no embedded database: the model's error (exit 6), and nothing written", async () => {
    const dataDir = project.databaseUrl.slice("pglite:".length);
    for (const args of [
      ["db", "diff"],
      ["db", "check"],
      ["db", "migrate-domain-models", "x", "--test"],
    ]) {
      const result = await runCli([...args, ...project.dbFlags], { cwd: project.dir });
      expect(result.code, args.join(" ")).toBe(6);
      expect(result.stderr).toContain("ORCH_EMPTY_ENUM");
      expect(existsSync(dataDir), args.join(" ")).toBe(false);
    }
  });

  it("is reported before an unreachable database", async () => {
    const unreachable = ["--database-url", "postgresql://root@127.0.0.1:1/orchestrator"];
    for (const args of [
      ["db", "diff"],
      ["db", "check"],
      ["db", "migrate-domain-models", "x", "--test"],
    ]) {
      const result = await runCli([...args, ...unreachable], { cwd: project.dir });
      expect(result.code, args.join(" ")).toBe(6);
      expect(result.stderr).toContain("ORCH_EMPTY_ENUM");
    }
  });
});
