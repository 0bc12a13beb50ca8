// The extension in a real VS Code (code-server + chromium): the workshop's UserBlock has `age`, the
// database does not; the squiggle and the Problems entry show it, the quick fix "Generate and apply
// (upgrade heads)" asks its questions in input boxes, opens the new migration and applies it, and the
// squiggle goes away. Screenshots of every step go to test-artifacts/vscode/.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import {
  type CodeServer,
  packageExtension,
  REPO,
  requireEditorTools,
  startCodeServer,
} from "./code-server.ts";
import { ARTIFACTS, Workbench } from "./workbench.ts";

const USER_BLOCK = "products/product_blocks/user.ts";
const AGE_LINE = "    age: r.int(),\n";
const MISSING_IN_DB = "orchestrator.resource-type-missing-in-db";
const MIGRATION_TAB = /^\d{8,}_.*\.ts/;
/** code-server's settings, extensions and logs; removed after the test. */
const CODE_SERVER_HOME = join(REPO, "test/.tmp", `code-server-${process.pid}`);

describe("VS Code extension in code-server", () => {
  let project: TestProject;
  let codeServer: CodeServer | undefined;
  let workbench: Workbench | undefined;

  beforeAll(async () => {
    requireEditorTools();
    project = await createProject("pglite", { copyExample: true });
    await migrateWorkshopWithoutAge(project);
  });

  afterAll(async () => {
    await workbench?.close();
    await codeServer?.stop();
    await project?.dispose();
    rmSync(CODE_SERVER_HOME, { recursive: true, force: true });
    rmSync(`${CODE_SERVER_HOME}.vsix`, { force: true });
  });

  it("shows a missing resource type, generates and applies its migration from the quick fix", {
    timeout: 180_000,
  }, async () => {
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const source = readFileSync(join(project.dir, USER_BLOCK), "utf8");
    const ageLine = source.split("\n").findIndex((line) => line.includes("age: r.int()")) + 1;
    const ageColumn = source.split("\n")[ageLine - 1]!.indexOf("age") + 1;

    codeServer = await startCodeServer({
      home: CODE_SERVER_HOME,
      vsix: packageExtension(`${CODE_SERVER_HOME}.vsix`),
      settings: {
        "orchestrator.databaseUrl": project.databaseUrl,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "security.workspace.trust.enabled": false,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "chat.disableAIFeatures": true,
        "git.enabled": false,
        "git.openRepositoryInParentFolders": "never",
        "workbench.secondarySideBar.defaultVisibility": "hidden",
      },
    });
    try {
      workbench = await Workbench.open(codeServer.url, project.dir);
      const wb = workbench;
      await wb.screenshot("workbench");

      await wb.openFile(USER_BLOCK);
      const problems = await wb.waitForProblem(MISSING_IN_DB);
      await expect
        .poll(() => wb.squigglesOnLine(ageLine), { timeout: 30_000, message: "a squiggle on the age line" })
        .toBe(1);
      await wb.screenshot("squiggle-on-age");
      const ageProblem = problems.find((row) => row.includes(MISSING_IN_DB));
      expect(ageProblem).toContain("age");
      expect(ageProblem).toContain(`[Ln ${ageLine}, Col ${ageColumn}]`);
      await wb.screenshot("problems-panel");

      await wb.goTo(ageLine, ageColumn);
      await wb.quickFix("Generate and apply (upgrade heads)", () =>
        wb.screenshot("quick-fix").then(() => {}),
      );

      const asked = await answerQuestions(wb, {
        "the description of age": [/description[\s\S]*\bage\b|\bage\b[\s\S]*description/i, "age of the user"],
        "the migration message": [/message/i, "Add age to UserBlock"],
      });
      expect(asked).toEqual(expect.arrayContaining(["the migration message", "the description of age"]));

      const migrationTab = wb.page.locator(".tab.active").filter({ hasText: MIGRATION_TAB });
      await migrationTab.waitFor({ timeout: 60_000 });
      await wb.screenshot("migration-opened");
      const written = readdirSync(join(project.dir, "migrations")).filter((name) => name.includes("add_age"));
      expect(written, "the generated migration in migrations/").toHaveLength(1);
      expect(readFileSync(join(project.dir, "migrations", written[0]!), "utf8")).toContain("age of the user");

      await wb.page.locator(".tab").filter({ hasText: "user.ts" }).first().click();
      await expect
        .poll(() => wb.squiggles().count(), { timeout: 60_000, message: "squiggles left in user.ts" })
        .toBe(0);
      await expect
        .poll(async () => (await wb.problems()).filter((row) => row.includes("orchestrator.")), {
          timeout: 30_000,
        })
        .toEqual([]);
      await expect
        .poll(() => wb.statusItem().allInnerTexts(), { timeout: 30_000 })
        .toContainEqual(expect.stringMatching(/in sync/));
      await wb.screenshot("applied-no-squiggle");

      // The products view reads the database through the server: UserBlock now has age.
      const ageRow = await wb.showProductTree(["User internal", "UserBlock", "age"]);
      expect(await ageRow.textContent()).toContain("age of the user");
      await wb.screenshot("products-view");
      console.log(`VS Code scenario took ${elapsed()}`);
    } catch (error) {
      await workbench?.screenshot("failure").catch(() => {});
      const logs = codeServer.logs();
      throw Object.assign(error as Error, { message: `${(error as Error).message}\n\n${logs}` });
    } finally {
      await workbench?.close();
      workbench = undefined;
      await codeServer.stop();
    }

    // The database has `age` now, with the answered description (read with the CLI once VS Code is gone).
    const products = json<ProductJson[]>(
      await runCli(["products", "--json", ...project.dbFlags], { cwd: project.dir }),
    );
    const userBlock = products
      .find((p) => p.name === "User internal")
      ?.product_blocks.find((b) => b.name === "UserBlock");
    expect(userBlock?.resource_types).toContainEqual(
      expect.objectContaining({ resource_type: "age", description: "age of the user" }),
    );
    console.log(`screenshots in ${ARTIFACTS}`);
  });
});

interface ProductJson {
  name: string;
  product_blocks: { name: string; resource_types: { resource_type: string; description: string | null }[] }[];
}

/**
 * A database with the workshop's products but without UserBlock's `age`: the migration is generated by the
 * CLI from the models with `age` left out, applied, and the model file is put back.
 */
async function migrateWorkshopWithoutAge(project: TestProject): Promise<void> {
  // The example's tsconfig extends the repository's by a relative path that does not reach from the copy.
  const tsconfig = {
    extends: join(REPO, "tsconfig.base.json"),
    compilerOptions: { noEmit: true },
    include: ["**/*.ts"],
  };
  writeFileSync(join(project.dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const file = join(project.dir, USER_BLOCK);
  const original = readFileSync(file, "utf8");
  if (!original.includes(AGE_LINE))
    throw new Error(`${USER_BLOCK} of the example has no line ${JSON.stringify(AGE_LINE)}`);
  writeFileSync(file, original.replace(AGE_LINE, ""));
  try {
    const cli = async (...args: string[]) => {
      const result = await runCli([...args, ...project.dbFlags], { cwd: project.dir });
      if (result.code !== 0)
        throw new Error(
          `orchestrator ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
        );
    };
    // The example's answers, less the one for `age` (--inputs refuses answers nobody asks for).
    const { age: _, ...answers } = JSON.parse(readFileSync(join(project.dir, "answers.json"), "utf8"));
    writeFileSync(join(project.dir, "answers-without-age.json"), JSON.stringify(answers));
    await cli("db", "upgrade", "heads");
    await cli(
      "db",
      "migrate-domain-models",
      "Add User and UserGroup products",
      "--inputs",
      "@answers-without-age.json",
      "--yes",
    );
    await cli("db", "upgrade", "heads");
  } finally {
    writeFileSync(file, original);
  }
}

/**
 * Answers the input boxes the quick fix opens, until the migration's editor tab appears. `answers` maps a
 * name to [what the input's title or prompt matches, the answer]; anything else fails the test.
 */
async function answerQuestions(wb: Workbench, answers: Record<string, [RegExp, string]>): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 10; i++) {
    const next = await Promise.race([
      wb.page
        .locator(".quick-input-widget")
        .waitFor({ state: "visible", timeout: 60_000 })
        .then(() => "question" as const),
      wb.page
        .locator(".tab.active")
        .filter({ hasText: MIGRATION_TAB })
        .waitFor({ timeout: 60_000 })
        .then(() => "file" as const),
    ]).catch(() => "timeout" as const);
    if (next !== "question") return asked;
    const input = await wb.quickInput(1_000);
    if (!input) continue;
    const text = `${input.title} ${input.prompt}`;
    const match = Object.entries(answers).find(
      ([name, [pattern]]) => !asked.includes(name) && pattern.test(text),
    );
    if (!match) throw new Error(`unexpected question: ${text}`);
    const [name, [, answer]] = match;
    await wb.screenshot(`question-${name.replaceAll(" ", "-")}`);
    asked.push(name);
    await wb.answer(answer);
  }
  return asked;
}
