// The language server as a process, driven over the protocol the way an editor drives it, on a copy of
// the example project whose database lacks UserBlock's `age` and has an extra `nickname` resource type.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { COMMANDS, DIAGNOSTIC_CODES } from "@orchestrator/language-server";
import { Database } from "@orchestrator/sdk";
import { DATABASE_KINDS } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { startServer, type TestClient } from "./client.ts";
import { createWorkshopProject } from "./workshop.ts";

const GENERATE = "Generate migration for all domain model changes";
const GENERATE_AND_APPLY = "Generate and apply (upgrade heads)";
const AGE_MESSAGE =
  "Resource type 'age' of product block 'UserBlock' is not in the database (2 products, 6 instances would get no value)";
const NICKNAME_MESSAGE =
  "Resource type 'nickname' of product block 'UserBlock' is in the database but not in the models (the migration removes it and " +
  "deletes 6 values; no other block uses it, so the resource type is deleted too; it may be a rename to 'age', which generating asks)";

const userBlockFile = (project: TestProject) => join(project.dir, "products/product_blocks/user.ts");
const warningsIn = (client: TestClient, file: string) => client.diagnostics.get(client.uri(file)) ?? [];

/** Answers like a user would: a message, no rename, yes to deletions, and a bad default value first. */
function answers() {
  let triedBadDefault = false;
  return (q: { kind: string; options?: string[] }) => {
    if (q.kind === "message") return "add age to user block";
    if (q.kind === "rename-block-resource-type") return "";
    if (q.kind === "confirm") return "yes";
    if (q.kind === "default-value" && !triedBadDefault) {
      triedBadDefault = true;
      return "not a number";
    }
    return "";
  };
}

describe.each(DATABASE_KINDS)("language server on %s", (kind) => {
  let project: TestProject;
  let client: TestClient;

  beforeAll(async () => {
    project = await createWorkshopProject(kind);
    client = await startServer({
      root: project.dir,
      initializationOptions: { databaseUrl: project.databaseUrl },
      answer: answers(),
    });
    await client.waitFor("the first comparison", () => client.statuses.find((s) => s.state !== "loading"));
  });
  afterAll(async () => {
    await client?.stop();
    await project?.dispose();
  });

  it("publishes a warning at `age` and one at UserBlock's name, with the database's counts", () => {
    expect(warningsIn(client, userBlockFile(project))).toEqual([
      {
        range: { start: { line: 9, character: 4 }, end: { line: 9, character: 7 } },
        severity: 2,
        source: "orchestrator",
        code: DIAGNOSTIC_CODES.resourceTypeMissingInDb,
        message: AGE_MESSAGE,
      },
      {
        range: { start: { line: 5, character: 8 }, end: { line: 5, character: 19 } },
        severity: 2,
        source: "orchestrator",
        code: DIAGNOSTIC_CODES.resourceTypeMissingInModel,
        message: NICKNAME_MESSAGE,
      },
    ]);
    expect([...client.diagnostics.keys()]).toEqual([client.uri(userBlockFile(project))]);
    expect(client.statuses.at(-1)).toMatchObject({ state: "differs", differences: 2 });
  });

  it("offers both quick fixes on each orchestrator diagnostic, running the generate command", async () => {
    for (const diagnostic of warningsIn(client, userBlockFile(project))) {
      const actions = await client.codeActions(userBlockFile(project), [diagnostic]);
      expect(actions).toEqual([
        expect.objectContaining({
          title: GENERATE,
          kind: "quickfix",
          diagnostics: [diagnostic],
          command: {
            title: GENERATE,
            command: "orchestrator.generateMigration",
            arguments: [{ apply: false }],
          },
        }),
        expect.objectContaining({
          title: GENERATE_AND_APPLY,
          kind: "quickfix",
          diagnostics: [diagnostic],
          command: {
            title: GENERATE_AND_APPLY,
            command: "orchestrator.generateMigration",
            arguments: [{ apply: true }],
          },
        }),
      ]);
    }
  });

  it("shows a code lens at each product type and block name: in sync, or the differences", async () => {
    expect(await client.codeLenses(userBlockFile(project))).toEqual([
      {
        range: { start: { line: 5, character: 8 }, end: { line: 5, character: 19 } },
        command: {
          title: "2 differences · Generate migration",
          command: "orchestrator.generateMigration",
          arguments: [{ apply: false }],
        },
      },
    ]);
    const groupLenses = await client.codeLenses(join(project.dir, "products/product_blocks/user_group.ts"));
    expect(groupLenses.map((lens) => lens.command?.title)).toEqual(["In sync with database"]);
    const typeLenses = await client.codeLenses(join(project.dir, "products/product_types/user.ts"));
    expect(typeLenses.map((lens) => [lens.range.start.line, lens.command?.title])).toEqual([
      [4, "In sync with database"],
    ]);
  });

  it("shows on hover what the database holds for a diverging block", async () => {
    const hover = await client.hover(userBlockFile(project), 5, 12);
    expect(hover?.contents).toMatchObject({ kind: "markdown" });
    const text = (hover!.contents as { value: string }).value;
    expect(text).toContain(NICKNAME_MESSAGE);
    expect(text).toContain(
      "Product block `UserBlock`: resource types `nickname`, `user_id`, `username`; depends on `UserGroupBlock`; 6 instances",
    );
    expect(await client.hover(join(project.dir, "products/product_blocks/user_group.ts"), 5, 12)).toBeNull();
  });

  it("answers orchestrator/products with the database's products", async () => {
    const products = await client.products();
    expect(products.map((p) => [p.name, p.product_type, p.tag])).toEqual([
      ["User Group", "UserGroup", "GROUP"],
      ["User external", "User", "USER_EXT"],
      ["User internal", "User", "USER_INT"],
    ]);
    const userBlock = products.find((p) => p.name === "User internal")!.product_blocks[0]!;
    expect(userBlock.resource_types.map((r) => r.resource_type)).toEqual(["nickname", "user_id", "username"]);
  });

  it("generates the migration by asking the client, opens it; `db upgrade heads` applies it and the warnings go away", async () => {
    const result = await client.generate({ apply: false });
    expect(client.questions.map((q) => [q.kind, q.retryReason ?? null])).toEqual([
      ["message", null],
      ["rename-block-resource-type", null],
      ["confirm", null],
      ["default-value", null],
      ["default-value", expect.stringContaining("")],
    ]);
    expect(client.questions[1]).toMatchObject({
      header: "Update block resource types",
      prompt: "Which resource type should update nickname in UserBlock Block?",
      options: ["age"],
      allowNone: true,
    });
    expect(client.questions[2]!.prompt).toContain("This migration deletes existing data:");
    expect(client.questions[4]!.retryReason).toBeTruthy();
    expect(result).toMatchObject({ applied: [], cancelled: false });
    expect(result!.file).toMatch(/add_age_to_user_block/);
    expect(dirname(result!.file!)).toBe(join(project.dir, "migrations"));
    expect(existsSync(result!.file!)).toBe(true);
    expect(client.shownDocuments).toEqual([client.uri(result!.file!)]);
    await client.waitFor(
      "pending-migrations status",
      () => client.statuses.at(-1)?.state === "pending-migrations",
    );

    const upgrade = await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    expect(upgrade.code, upgrade.stderr).toBe(0);
    // Noticed by polling: no save, no restart.
    await client.waitFor(
      "the warnings to go away",
      () =>
        warningsIn(client, userBlockFile(project)).length === 0 &&
        client.statuses.at(-1)?.state === "in-sync",
    );
    expect(client.statuses.at(-1)).toMatchObject({ state: "in-sync", differences: 0 });
    expect([...client.diagnostics.values()].flat()).toEqual([]);
  });
});

describe("language server on pglite: saves, broken models, clients that cannot ask", () => {
  let project: TestProject;
  let client: TestClient;
  const kind = DATABASE_KINDS[0]!;

  beforeAll(async () => {
    project = await createWorkshopProject(kind);
    client = await startServer({
      root: project.dir,
      initializationOptions: { databaseUrl: project.databaseUrl },
    });
    await client.waitFor("the first comparison", () => client.statuses.find((s) => s.state === "differs"));
  });
  afterAll(async () => {
    await client?.stop();
    await project?.dispose();
  });

  it("reports a model file that throws at the throwing line, and clears it once fixed", async () => {
    const file = join(project.dir, "products/product_blocks/user_group.ts");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(
        file,
        original.replace(
          'import { defineProductBlock, r } from "@orchestrator/sdk";',
          '$&\nthrow new Error("broken on purpose");',
        ),
      );
      // The status comes after the diagnostics of the same state: once it is here, they are too.
      const status = await client.statusAfter("the model error", () => client.didSave(file), "model-error");
      expect(status.message).toContain("broken on purpose");
      const [error, ...others] = warningsIn(client, file);
      expect(others).toEqual([]);
      expect(error).toMatchObject({
        severity: 1,
        source: "orchestrator",
        code: DIAGNOSTIC_CODES.modelError,
        range: { start: { line: 1, character: 6 } },
      });
      expect(error!.message).toContain("broken on purpose");
      expect(warningsIn(client, userBlockFile(project))).toEqual([]);
      expect(await client.codeActions(file, [error!])).toEqual([]);
    } finally {
      writeFileSync(file, original);
    }
    await client.statusAfter("the differences again", () => client.didSave(file), "differs");
    expect(warningsIn(client, file)).toEqual([]);
    expect(warningsIn(client, userBlockFile(project))).toHaveLength(2);
  });

  it("shows a fix saved while another process held the database, once the database is free", async () => {
    const file = join(project.dir, "products/product_blocks/user_group.ts");
    const original = readFileSync(file, "utf8");
    const dataDir = project.databaseUrl.slice("pglite:".length);
    try {
      writeFileSync(file, `${original}\nthrow new Error("broken on purpose");\n`);
      await client.statusAfter("the model error", () => client.didSave(file), "model-error");
      // Another process (this test) holds the embedded database while the fix is saved: the server's
      // read of it gives up, and the fix must still show once the database is free.
      // It also writes, so the server cannot reuse its last read and must open the database.
      const holder = await Database.open({ kind: "pglite", dataDir });
      try {
        await holder.query("UPDATE products SET description = description");
        writeFileSync(file, original);
        client.didSave(file);
        await client.execute(COMMANDS.refresh);
        expect(client.statuses.at(-1)?.state).toBe("model-error");
      } finally {
        await holder.close();
      }
    } finally {
      writeFileSync(file, original);
    }
    await client.waitFor("the differences after the fix", () => client.statuses.at(-1)?.state === "differs");
    expect(warningsIn(client, file)).toEqual([]);
    expect(warningsIn(client, userBlockFile(project))).toHaveLength(2);
  });

  it("the last edit wins, whatever order its saves and file events arrive in", async () => {
    const file = userBlockFile(project);
    const original = readFileSync(file, "utf8");
    const withoutAge = original.replace("    age: r.int(),\n", "");
    try {
      // Three edits; the editor's notifications arrive late and out of order, the newest first.
      writeFileSync(file, `${original}\nthrow new Error("broken on purpose");\n`);
      client.fileChanged(file);
      writeFileSync(file, original.replace("age: r.int()", "age: r.string()"));
      writeFileSync(file, withoutAge);
      client.didSave(file);
      client.fileChanged(file);
      client.didSave(file);
      client.fileChanged(file);
      const onlyNickname = () =>
        client.statuses.at(-1)?.state === "differs" &&
        warningsIn(client, file)
          .map((d) => d.code)
          .join() === DIAGNOSTIC_CODES.resourceTypeMissingInModel;
      await client.waitFor("the models without age", onlyNickname);
      // Nothing older comes after it: one more refresh gives the same.
      await client.execute(COMMANDS.refresh);
      expect(onlyNickname()).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
    await client.statusAfter("the models with age again", () => client.didSave(file), "differs", 2);
  });

  it("re-reads the models on save: removing `age` removes its warning", async () => {
    const file = userBlockFile(project);
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, original.replace("    age: r.int(),\n", ""));
      await client.statusAfter("the models without age", () => client.didSave(file), "differs");
      expect(warningsIn(client, file).map((d) => d.code)).toEqual([
        DIAGNOSTIC_CODES.resourceTypeMissingInModel,
      ]);
    } finally {
      writeFileSync(file, original);
    }
    await client.statusAfter("the models with age again", () => client.didSave(file), "differs");
    expect(warningsIn(client, file)).toHaveLength(2);
  });

  it("without orchestrator/askQuestion, reports the unanswered questions and writes nothing", async () => {
    const result = await client.generate({ apply: false });
    expect(result).toEqual({ file: null, applied: [], cancelled: false });
    const warning = await client.waitFor("the missing-answers message", () =>
      client.messages.find((m) => m.type === 2),
    );
    expect(warning.message).toContain("no migration was written");
    expect(warning.message).toContain("This migration deletes existing data:");
    expect(warning.message).toContain("answers.json");
    expect(readdir(join(project.dir, "migrations"))).toHaveLength(1);
  });

  it("generates and applies in one command (Generate and apply)", async () => {
    const apply = await startServer({
      root: project.dir,
      initializationOptions: { databaseUrl: project.databaseUrl },
      answer: answers(),
    });
    try {
      await apply.waitFor("the first comparison", () => apply.statuses.find((s) => s.state === "differs"));
      const result = await apply.generate({ apply: true });
      // null: the command failed; the server said why in a message.
      expect(result, JSON.stringify(apply.messages)).not.toBeNull();
      expect(result!.applied).toHaveLength(1);
      expect(result!.file).toContain(result!.applied[0]);
      await apply.waitFor(
        "in sync",
        () =>
          apply.statuses.at(-1)?.state === "in-sync" &&
          warningsIn(apply, userBlockFile(project)).length === 0,
      );
      // The other server notices the change by polling.
      await client.waitFor("in sync in the other server", () => client.statuses.at(-1)?.state === "in-sync");
    } finally {
      await apply.stop();
    }
  });
});

describe("language server: degraded situations", () => {
  it("an unreachable database: status 'unreachable', one information message, a hint at the registry", async () => {
    const project = await createWorkshopProjectWithoutDatabase();
    const client = await startServer({
      root: project.dir,
      initializationOptions: { databaseUrl: "postgresql://root@127.0.0.1:1/nothing", pollIntervalMs: 200 },
    });
    try {
      await client.waitFor("status unreachable", () =>
        client.statuses.find((s) => s.state === "unreachable"),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500)); // several polls
      expect(client.messages.filter((m) => m.message.includes("Cannot connect"))).toHaveLength(1);
      expect(client.messages[0]!.type).toBe(3);
      const registry = client.diagnostics.get(client.uri(join(project.dir, "products/index.ts")))!;
      expect(registry).toMatchObject([{ code: DIAGNOSTIC_CODES.databaseUnreachable, severity: 3 }]);
      expect(client.child.exitCode).toBeNull();
    } finally {
      await client.stop();
      await project.dispose();
    }
  });

  it("a client that cannot ask generates from the models and the project's answers.json, then upgrades", async () => {
    const project = await createWorkshopProjectWithoutDatabase();
    const schema = await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir });
    expect(schema.code, schema.stderr).toBe(0);
    const client = await startServer({
      root: project.dir,
      initializationOptions: { databaseUrl: project.databaseUrl },
    });
    try {
      await client.waitFor("differences", () => client.statuses.find((s) => s.state === "differs"));
      const registry = client.diagnostics.get(client.uri(join(project.dir, "products/index.ts")))!;
      expect(registry.map((d) => [d.code, d.range.start.line])).toEqual([
        [DIAGNOSTIC_CODES.productMissingInDb, 7],
        [DIAGNOSTIC_CODES.productMissingInDb, 8],
        [DIAGNOSTIC_CODES.productMissingInDb, 9],
      ]);
      const result = await client.generate({ apply: false, message: "workshop" });
      expect(result!.file).toMatch(/workshop/);
      expect(await client.execute("orchestrator.upgradeDatabase")).toEqual({
        applied: [expect.stringMatching(/workshop/)],
      });
      await client.waitFor("in sync", () => client.statuses.at(-1)?.state === "in-sync");
      expect([...client.diagnostics.values()].flat()).toEqual([]);
    } finally {
      await client.stop();
      await project.dispose();
    }
  });

  it("the esbuild bundle (dist/server.cjs) serves the same diagnostics over --node-ipc", async () => {
    const project = await createWorkshopProject(DATABASE_KINDS.at(-1)!);
    const client = await startServer({
      root: project.dir,
      bundle: true,
      initializationOptions: { databaseUrl: project.databaseUrl },
    });
    try {
      await client.waitFor("differences", () => client.statuses.find((s) => s.state === "differs"));
      expect(warningsIn(client, userBlockFile(project)).map((d) => d.message)).toEqual([
        AGE_MESSAGE,
        NICKNAME_MESSAGE,
      ]);
    } finally {
      await client.stop();
      await project.dispose();
    }
  });
});

function readdir(dir: string): string[] {
  return readdirSync(dir).filter((name) => !name.startsWith("."));
}

function createWorkshopProjectWithoutDatabase(): Promise<TestProject> {
  return createProject(DATABASE_KINDS.at(-1)!, { copyExample: true });
}
