// One answers file for several databases, and --updates in the reference's order: the entries a run does
// not need are accepted and listed, names nobody knows are refused with a suggestion.
import { describe, expect, it } from "vitest";
import { diff } from "../diff/diff.ts";
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import type { AnswerResolver } from "./question.ts";
import { resolveAnswers } from "./resolve-answers.ts";

/** Product P with blocks B and C; `fields` per block, and the fixed input's name. */
function model(
  b: Record<string, ReturnType<typeof r.string>>,
  c: Record<string, ReturnType<typeof r.string>>,
  fixedInput = "speed",
) {
  const B = defineProductBlock({ name: "B", fields: b });
  const C = defineProductBlock({ name: "C", fields: c });
  const Type = defineProductType({
    name: "T",
    fixedInputs: { [fixedInput]: r.string() },
    blocks: { b: r.block(B), c: r.block(C) },
  });
  return normalizeRegistry(defineRegistry({ P: { type: Type } }));
}

const before = model({ a: r.string() }, { a: r.string() });
const withInstances = snapshotFromModel(before, { subscriptions: { P: 2 }, instances: { B: 2, C: 3 } });
const withoutInstances = snapshotFromModel(before);
const compare = (to: ReturnType<typeof model>, snapshot: Snapshot) => ({
  snapshot,
  changes: diff(to, snapshot),
});

describe("one answers file for several databases", () => {
  const after = model({ a: r.string(), x: r.string() }, { a: r.string() });
  const file = { x: { description: "a new field", B: "7" } };

  it("answers the default value where B has instances", async () => {
    const resolved = await resolveAnswers(compare(after, withInstances), after, { inputs: file });
    expect(resolved.answers.defaultValues).toEqual({ B: { x: ["7"] } });
    expect(resolved.unusedInputs).toEqual([]);
  });

  it("lists the default value as unused where B has none, and still answers the rest", async () => {
    const resolved = await resolveAnswers(compare(after, withoutInstances), after, { inputs: file });
    expect(resolved.answers.resourceTypes.x).toEqual({ description: "a new field" });
    expect(resolved.unusedInputs).toEqual(['--inputs → "x" → "B"']);
  });

  it("accepts an orchestrator-core-shaped file with entries for what the database already has", async () => {
    const coreShaped = {
      P: { description: "product P", tag: "P", speed: "10G" },
      B: { description: "block B", tag: "B" },
      a: { description: "field a", B: "1", C: "2" },
      ...file,
    };
    const resolved = await resolveAnswers(compare(after, withInstances), after, { inputs: coreShaped });
    expect(resolved.answers.defaultValues).toEqual({ B: { x: ["7"] } });
    expect(resolved.unusedInputs).toEqual([
      '--inputs → "P" → "description"',
      '--inputs → "P" → "tag"',
      '--inputs → "P" → "speed"',
      '--inputs → "B" → "description"',
      '--inputs → "B" → "tag"',
      '--inputs → "a" → "description"',
      '--inputs → "a" → "B"',
      '--inputs → "a" → "C"',
    ]);
  });

  it("refuses a misspelt name or key, suggesting the closest known one", async () => {
    await expect(
      resolveAnswers(compare(after, withInstances), after, { inputs: { xx: { description: "d" } } }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'xx' (did you mean 'x'?)"),
    });
    await expect(
      resolveAnswers(compare(after, withInstances), after, { inputs: { x: { descripton: "d" } } }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'descripton' (did you mean 'description'?)"),
    });
  });
});

describe("--updates in the reference's order", () => {
  // a is renamed to b everywhere; B's b (the renamed one) then moves to c; C keeps its values under b.
  const after = model({ c: r.string() }, { b: r.string() }, "rate");
  const updates = {
    resource_types: { a: "b" },
    block_resource_types: { B: { b: "c" } },
    fixed_inputs: { P: { speed: "rate" } },
  };

  it("renames globally first, then re-points the block, then renames fixed inputs", async () => {
    const resolved = await resolveAnswers(compare(after, withInstances), after, {
      updates,
      inputs: { c: { description: "field c" } },
    });
    const cs = resolved.changeSet;
    expect(cs.renameResourceTypes.map((x) => [x.from, x.to])).toEqual([["a", "b"]]);
    expect(cs.updateBlockResourceTypes.map((u) => [u.block, u.from, u.to, u.values])).toEqual([
      ["B", "b", "c", 2],
    ]);
    expect(cs.createResourceTypes.map((x) => x.resourceType)).toEqual(["c"]);
    expect(cs.deleteResourceTypes).toEqual([]);
    expect(cs.deleteResourceTypeLinks).toEqual([]);
    expect(cs.renameFixedInputs.map((f) => [f.product, f.from, f.to])).toEqual([["P", "speed", "rate"]]);
    expect(resolved.questions.some((q) => q.kind.startsWith("rename-"))).toBe(false);
    expect(resolved.unusedInputs).toEqual([]);
  });

  it("the prompts follow the same order: the block menu offers what is left after the global rename", async () => {
    const asked: string[] = [];
    const resolver: AnswerResolver = {
      ask: async () => "field c",
      choose: async (q, options) => {
        asked.push(`${q.id} [${options.join(", ")}]`);
        return q.kind === "rename-resource-type" ? "b" : "c";
      },
      confirm: async (q) => {
        asked.push(q.id);
        return true;
      },
    };
    const resolved = await resolveAnswers(compare(after, withInstances), after, {}, resolver);
    expect(asked).toEqual([
      "rename-resource-type:a [c, b]",
      "rename-block-resource-type:B:b [c]",
      "rename-fixed-input:P:speed",
    ]);
    expect(resolved.updates).toEqual(updates);
    expect(resolved.changeSet.updateBlockResourceTypes.map((u) => [u.block, u.from, u.to])).toEqual([
      ["B", "b", "c"],
    ]);
  });

  it("lists entries whose names are known but which match nothing here as unused", async () => {
    const resolved = await resolveAnswers(compare(after, withInstances), after, {
      updates: { ...updates, block_resource_types: { B: { b: "c" }, C: { a: "b" } } },
      inputs: { c: { description: "field c" } },
    });
    expect(resolved.unusedInputs).toEqual([
      expect.stringMatching(/^--updates → "block_resource_types" → "C" → "a": /),
    ]);
  });

  it("refuses a rename naming what neither side knows, suggesting the closest name", async () => {
    await expect(
      resolveAnswers(compare(after, withInstances), after, { updates: { resource_types: { aa: "b" } } }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'aa' (did you mean 'a'?)"),
    });
    await expect(
      resolveAnswers(compare(after, withInstances), after, {
        updates: { fixed_inputs: { Q: { speed: "rate" } } },
      }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'Q' (did you mean 'P'?)"),
    });
  });
});
