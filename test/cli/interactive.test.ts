// "Running it interactively (no --inputs) asks exactly the seed's questions": the workshop in a real
// terminal, answered prompt by prompt with the seed's answers.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, runCli } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { type ActivePrompt, runInTerminal } from "../helpers/terminal.ts";

/** The seed's overview: per subject line, the prompts and answers under it. */
const SEED: Record<string, [string, string][]> = {
  "Product: UserGroup User Group": [
    ["Supply the product description:", "user group administration"],
    ["Supply the product tag:", "GROUP"],
  ],
  "Product: User User internal": [
    ["Supply the product description:", "user administration - internal"],
    ["Supply the product tag:", "USER_INT"],
  ],
  "Product: User User external": [
    ["Supply the product description:", "user administration - external"],
    ["Supply the product tag:", "USER_EXT"],
  ],
  "": [
    ["Supply fixed input value for product User internal and fixed input affiliation:", "internal"],
    ["Supply fixed input value for product User external and fixed input affiliation:", "external"],
    ["Supply description for new resource type group_name:", "name of the user group"],
    ["Supply description for new resource type group_id:", "id of the user group"],
    ["Supply description for new resource type username:", "name of the user"],
    ["Supply description for new resource type age:", "age of the user"],
    ["Supply description for new resource type user_id:", "id of the user"],
    ["Confirm the above actions", "y"],
  ],
  "Product block: UserGroupBlock": [
    ["Supply the product block description:", "user group block"],
    ["Supply the product block tag:", "UGB"],
  ],
  "Product block: UserBlock": [
    ["Supply the product block description:", "user block"],
    ["Supply the product block tag:", "UB"],
  ],
};

/** Answers each prompt from SEED by its subject line, remembering the order in which they were asked. */
function seedConversation() {
  const asked: string[] = [];
  const answer = (prompt: ActivePrompt): string | undefined => {
    for (const [subject, prompts] of Object.entries(SEED)) {
      if (subject !== "" && subject !== prompt.intro) continue;
      const found = prompts.find(([text]) => prompt.text.startsWith(text));
      if (!found) continue;
      if (!prompt.error) asked.push(subject ? `${subject} / ${found[0]}` : found[0]);
      return found[1];
    }
    return undefined;
  };
  return { asked, answer };
}

describe("db migrate-domain-models in a terminal", () => {
  let project: TestProject;
  beforeAll(async () => {
    project = await createProject("pglite", { copyExample: true });
    expect((await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir })).code).toBe(0);
  });
  afterAll(() => project.dispose());

  it("asks exactly the seed's questions, under the seed's headers, and writes the migration", async () => {
    const conversation = seedConversation();
    const result = await runInTerminal(
      ["db", "migrate-domain-models", "Add User and UserGroup products", ...project.dbFlags],
      project.dir,
      conversation.answer,
    );
    expect(result.code, result.screen).toBe(0);
    expect(conversation.asked).toEqual([
      "Product: UserGroup User Group / Supply the product description:",
      "Product: UserGroup User Group / Supply the product tag:",
      "Product: User User internal / Supply the product description:",
      "Product: User User internal / Supply the product tag:",
      "Product: User User external / Supply the product description:",
      "Product: User User external / Supply the product tag:",
      "Supply fixed input value for product User internal and fixed input affiliation:",
      "Supply fixed input value for product User external and fixed input affiliation:",
      "Product block: UserGroupBlock / Supply the product block description:",
      "Product block: UserGroupBlock / Supply the product block tag:",
      "Product block: UserBlock / Supply the product block description:",
      "Product block: UserBlock / Supply the product block tag:",
      "Supply description for new resource type group_name:",
      "Supply description for new resource type group_id:",
      "Supply description for new resource type username:",
      "Supply description for new resource type age:",
      "Supply description for new resource type user_id:",
      "Confirm the above actions",
    ]);
    const headers = [
      "Create new products",
      "Create fixed inputs",
      "Create product blocks",
      "Create resource types",
    ];
    const positions = headers.map((header) => result.screen.indexOf(header));
    expect(
      positions.every((p) => p >= 0),
      result.screen,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result.screen).toContain("Migration generated");
    // Enums are lists to pick from; typing the start of a value picks it.
    expect(result.screen).toContain("❯ internal");
    expect(result.screen).toContain("↑↓ navigate");
    expect(result.screen).toContain("fixed input affiliation: internal");
    expect(result.screen).toContain("fixed input affiliation: external");
    // Free text says what it expects, and when it may be left empty.
    expect(result.screen).toMatch(/\(text, at most 2000 characters\)\r?\n\? Supply the product description:/);
    expect(result.screen).toMatch(
      /\(text, at most 20 characters, may be empty\)\r?\n\? Supply the product block tag:/,
    );
    expect(readdirSync(join(project.dir, "migrations")).filter((f) => f.endsWith(".ts"))).toHaveLength(1);

    expect((await runCli(["db", "upgrade", "heads", ...project.dbFlags], { cwd: project.dir })).code).toBe(0);
    const products = json<{ name: string; tag: string; description: string }[]>(
      await runCli(["products", "--json", ...project.dbFlags], { cwd: project.dir }),
    );
    expect(products.map((p) => [p.name, p.tag, p.description])).toEqual([
      ["User Group", "GROUP", "user group administration"],
      ["User external", "USER_EXT", "user administration - external"],
      ["User internal", "USER_INT", "user administration - internal"],
    ]);
  });

  it("re-asks an over-long tag with the reason instead of failing", async () => {
    const fresh = await createProject("pglite", { copyExample: true });
    try {
      expect((await runCli(["db", "upgrade", "heads", ...fresh.dbFlags], { cwd: fresh.dir })).code).toBe(0);
      let longTagSent = false;
      const seed = seedConversation();
      const result = await runInTerminal(
        // Not --test, which asks nothing.
        ["db", "migrate-domain-models", "Add products", ...fresh.dbFlags],
        fresh.dir,
        (prompt) => {
          if (!longTagSent && prompt.text.startsWith("Supply the product tag:")) {
            longTagSent = true;
            return "THIS_TAG_IS_FAR_TOO_LONG";
          }
          return seed.answer(prompt);
        },
      );
      expect(result.code, result.screen).toBe(0);
      expect(result.screen).toMatch(/20 characters/);
      expect(result.screen).toContain("Supply the product tag: GROUP");
    } finally {
      await fresh.dispose();
    }
  });
});
