import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as fixture from "./__fixtures__/user-model.ts";
import { loadRegistry } from "./load-registry.ts";

const USER_MODEL = fileURLToPath(new URL("./__fixtures__/user-model.ts", import.meta.url));
const PLAIN_JS = fileURLToPath(new URL("./__fixtures__/plain-js-model.mjs", import.meta.url));

const at = (line: number, column: number) => expect.objectContaining({ file: USER_MODEL, line, column });

describe("definitions remember where their names are written", () => {
  it("blocks point at the name literal, fields at their keys (imported in-process)", () => {
    expect(fixture.UserGroupBlock.location).toEqual({
      file: USER_MODEL,
      line: 5,
      column: 9,
      endLine: 5,
      endColumn: 25,
    });
    expect(fixture.UserGroupBlock.fieldLocations).toEqual({ group_name: at(9, 5), group_id: at(10, 5) });
    expect(fixture.UserBlock.fieldLocations.user_id).toEqual(at(20, 5));
  });

  it("product types point at their name and at fixed-input and block keys", () => {
    expect(fixture.UserGroup.location).toEqual(at(25, 9));
    expect(fixture.User.fieldLocations).toEqual({ affiliation: at(31, 18), settings: at(32, 13) });
  });

  it("registry entries point at their keys, and fixed-input values at theirs", async () => {
    const model = await loadRegistry(USER_MODEL, { fresh: true });
    expect(model.products.map((p) => [p.name, p.location.line, p.location.column])).toEqual([
      ["User Group", 36, 3],
      ["User internal", 37, 3],
      ["User external", 43, 3],
    ]);
    expect(model.registryLocation).toEqual(expect.objectContaining({ file: USER_MODEL, line: 35 }));
    expect(model.blocks[0]!.resourceTypes[0]!.location).toEqual(at(9, 5));
  });

  it("works for models written in plain JavaScript", async () => {
    const model = await loadRegistry(PLAIN_JS, { fresh: true });
    expect(model.blocks.map((b) => [b.name, b.location.line, b.location.column])).toEqual([
      ["Tree", 5, 9],
      ["Leaf", 12, 48],
    ]);
    expect(
      model.blocks[0]!.blockFields.map((f) => [f.attribute, f.location.line, f.location.column]),
    ).toEqual([
      ["children", 7, 5],
      ["leaf", 8, 5],
    ]);
  });
});

describe("locations in large and unusual model files", () => {
  const SDK_MODEL = fileURLToPath(new URL("./index.ts", import.meta.url));
  const scratch = mkdtempSync(join(tmpdir(), "orch-locations-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("a definition deep in a 5 000-line file points at its own name and keys", async () => {
    const lines = [
      `import { defineProductBlock, defineProductType, defineRegistry, r } from ${JSON.stringify(SDK_MODEL)};`,
    ];
    const count = 400;
    for (let i = 0; i < count; i++) {
      lines.push(`export const B${i} = defineProductBlock({`, `  name: "B${i}",`, "  fields: {");
      for (let f = 0; f < 8; f++) lines.push(`    b${i}f${f}: r.string(),`);
      lines.push("  },", "});");
    }
    lines.push(
      `const T = defineProductType({ name: "T", blocks: { ${Array.from({ length: count }, (_, i) => `b${i}: r.block(B${i})`).join(", ")} } });`,
    );
    lines.push("export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({ P: T });");
    expect(lines.length).toBeGreaterThan(5000);
    const file = join(scratch, "large.ts");
    writeFileSync(file, `${lines.join("\n")}\n`);

    const model = await loadRegistry(file, { fresh: true });
    const last = model.blocks.find((b) => b.name === `B${count - 1}`)!;
    const nameLine = lines.indexOf(`  name: "B${count - 1}",`) + 1;
    expect(last.location).toEqual({ file, line: nameLine, column: 9, endLine: nameLine, endColumn: 15 });
    expect(last.resourceTypes.at(-1)!.location).toMatchObject({ line: nameLine + 9, column: 5 });
    expect(model.registryLocation).toMatchObject({ file, line: lines.length });
  });

  it("definitions made by a helper in a loop, and through an aliased import, keep exact locations", async () => {
    const file = join(scratch, "helper.ts");
    writeFileSync(
      file,
      [
        `import { defineProductBlock as block, defineProductType, defineRegistry, r } from ${JSON.stringify(SDK_MODEL)};`,
        "const make = (name: string) =>",
        "  block({ name, fields: { size: r.int() } });",
        'export const Blocks = ["A", "B", "C"].map(make);',
        'export const D = block({ name: "D", fields: {} });',
        'const T = defineProductType({ name: "T", blocks: { a: r.block(Blocks[0]!), b: r.block(Blocks[1]!), c: r.block(Blocks[2]!), d: r.block(D) } });',
        "export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({ P: T });",
        "",
      ].join("\n"),
    );
    const model = await loadRegistry(file, { fresh: true });
    expect(model.blocks.map((b) => [b.name, b.location.line, b.resourceTypes[0]?.location.line])).toEqual([
      ["A", 3, 3],
      ["B", 3, 3],
      ["C", 3, 3],
      ["D", 5, undefined],
    ]);
    expect(model.blocks.find((b) => b.name === "D")!.location.column).toBe(32);
    expect(model.productTypes.T!.location).toMatchObject({ line: 6, column: 37 });
  });
});
