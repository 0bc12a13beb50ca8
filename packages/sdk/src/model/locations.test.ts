import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
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
