import { describe, expect, it } from "vitest";
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import { workshopModel } from "../testing/workshop-model.ts";
import { countChanges } from "./change-set-summary.ts";
import { diff } from "./diff.ts";

function blockModel(
  fields: Parameters<typeof defineProductBlock>[0]["fields"],
  options: {
    blockName?: string;
    renamedFrom?: string;
    productName?: string;
    productRenamedFrom?: string;
  } = {},
) {
  const Block = defineProductBlock({
    name: options.blockName ?? "Blk",
    ...(options.renamedFrom ? { renamedFrom: options.renamedFrom } : {}),
    fields,
  });
  const Other = defineProductBlock({ name: "Other", fields: { shared: r.string() } });
  const Type = defineProductType({
    name: "T",
    fixedInputs: { speed: r.int() },
    blocks: { blk: r.block(Block), other: r.block(Other) },
  });
  return normalizeRegistry(
    defineRegistry({
      [options.productName ?? "Prod"]: {
        type: Type,
        ...(options.productRenamedFrom ? { renamedFrom: options.productRenamedFrom } : {}),
      },
    }),
  );
}

describe("renames declared with renamedFrom", () => {
  const before = blockModel({ old_name: r.string(), keep: r.int() });
  const db = snapshotFromModel(before, { subscriptions: { Prod: 2 }, instances: { Blk: 2 } });

  it("a renamed resource type gone from the whole model renames the resource_types row", () => {
    const changeSet = diff(blockModel({ new_name: r.string().renamedFrom("old_name"), keep: r.int() }), db);
    expect(changeSet.renameResourceTypes).toMatchObject([{ from: "old_name", to: "new_name" }]);
    expect(countChanges(changeSet)).toBe(1);
  });

  it("a renamed resource type still used elsewhere re-points only this block (update block resource type)", () => {
    const model = blockModel({ shared: r.string().renamedFrom("old_name"), keep: r.int() });
    const changeSet = diff(model, db);
    expect(changeSet.updateBlockResourceTypes).toMatchObject([
      { block: "Blk", from: "old_name", to: "shared", values: 2 },
    ]);
    // The old type is no longer used by any block: it is deleted, with the values that did not move.
    expect(changeSet.deleteResourceTypes).toMatchObject([{ resourceType: "old_name", values: 0 }]);
    expect(countChanges(changeSet)).toBe(2);
  });

  it("a renamed block keeps its instances", () => {
    const changeSet = diff(
      blockModel({ old_name: r.string(), keep: r.int() }, { blockName: "Renamed", renamedFrom: "Blk" }),
      db,
    );
    expect(changeSet.renameProductBlocks).toMatchObject([{ from: "Blk", to: "Renamed", instances: 2 }]);
    expect(countChanges(changeSet)).toBe(1);
  });

  it("a renamed product keeps its subscriptions", () => {
    const changeSet = diff(
      blockModel({ old_name: r.string(), keep: r.int() }, { productName: "New", productRenamedFrom: "Prod" }),
      db,
    );
    expect(changeSet.renameProducts).toMatchObject([{ from: "Prod", to: "New", subscriptions: 2 }]);
    expect(countChanges(changeSet)).toBe(1);
  });

  it("a renamed fixed input is renamed on every product of the type", () => {
    const Blk = defineProductBlock({ name: "Blk", fields: { v: r.string() } });
    const T1 = defineProductType({ name: "T", fixedInputs: { speed: r.int() }, blocks: { b: r.block(Blk) } });
    const T2 = defineProductType({
      name: "T",
      fixedInputs: { bandwidth: r.int().renamedFrom("speed") },
      blocks: { b: r.block(Blk) },
    });
    const old = normalizeRegistry(defineRegistry({ A: T1, B: T1 }));
    const changeSet = diff(normalizeRegistry(defineRegistry({ A: T2, B: T2 })), snapshotFromModel(old));
    expect(changeSet.renameFixedInputs.map((f) => `${f.product}:${f.from}->${f.to}`)).toEqual([
      "A:speed->bandwidth",
      "B:speed->bandwidth",
    ]);
    expect(countChanges(changeSet)).toBe(2);
  });

  it("is a no-op once the rename ran (the new name is in the database)", () => {
    const model = blockModel(
      { new_name: r.string().renamedFrom("old_name"), keep: r.int() },
      { blockName: "Renamed", renamedFrom: "Blk" },
    );
    expect(countChanges(diff(model, snapshotFromModel(model)))).toBe(0);
  });
});

describe("renames given as updates (the --updates JSON)", () => {
  const before = blockModel({ a: r.string(), b: r.string(), keep: r.int() });
  const db = snapshotFromModel(before, { instances: { Blk: 1 } });
  const after = blockModel({ c: r.string(), d: r.string(), keep: r.int() });

  it("without updates, lost and gained names become rename candidates", () => {
    const changeSet = diff(after, db);
    expect(changeSet.renameCandidates.resourceTypes).toEqual([
      { from: "a", candidates: ["c", "d"] },
      { from: "b", candidates: ["c", "d"] },
    ]);
    expect(changeSet.renameCandidates.blockResourceTypes).toEqual([
      { block: "Blk", from: "a", candidates: ["c", "d"] },
      { block: "Blk", from: "b", candidates: ["c", "d"] },
    ]);
  });

  it("every per-block pair is kept, and renamed names leave the candidates", () => {
    const changeSet = diff(after, db, { block_resource_types: { Blk: { a: "c", b: "d" } } });
    expect(changeSet.updateBlockResourceTypes.map((u) => `${u.from}->${u.to}`)).toEqual(["a->c", "b->d"]);
    expect(changeSet.createResourceTypes.map((rt) => rt.resourceType)).toEqual(["c", "d"]);
    expect(changeSet.deleteResourceTypes.map((rt) => rt.resourceType)).toEqual(["a", "b"]);
    expect(changeSet.createResourceTypeLinks).toEqual([]);
    expect(changeSet.renameCandidates.blockResourceTypes).toEqual([]);
  });

  it("global resource type renames, product and block renames", () => {
    const model = blockModel(
      { c: r.string(), b: r.string(), keep: r.int() },
      { blockName: "Blk2", productName: "Prod2" },
    );
    const changeSet = diff(model, db, {
      resource_types: { a: "c" },
      product_blocks: { Blk: "Blk2" },
      products: { Prod: "Prod2" },
    });
    expect(changeSet.renameResourceTypes).toMatchObject([{ from: "a", to: "c" }]);
    expect(changeSet.renameProductBlocks).toMatchObject([{ from: "Blk", to: "Blk2", instances: 1 }]);
    expect(changeSet.renameProducts).toMatchObject([{ from: "Prod", to: "Prod2" }]);
    expect(countChanges(changeSet)).toBe(3);
  });

  it("fixed-input renames, and the single lost/gained fixed input as a candidate", () => {
    const Blk = defineProductBlock({ name: "Blk", fields: { v: r.string() } });
    const old = normalizeRegistry(
      defineRegistry({
        A: defineProductType({ name: "T", fixedInputs: { speed: r.int() }, blocks: { b: r.block(Blk) } }),
      }),
    );
    const model = normalizeRegistry(
      defineRegistry({
        A: defineProductType({ name: "T", fixedInputs: { rate: r.int() }, blocks: { b: r.block(Blk) } }),
      }),
    );
    expect(diff(model, snapshotFromModel(old)).renameCandidates.fixedInputs).toEqual([
      { product: "A", from: "speed", to: "rate" },
    ]);
    const changeSet = diff(model, snapshotFromModel(old), { fixed_inputs: { A: { speed: "rate" } } });
    expect(changeSet.renameFixedInputs).toMatchObject([{ product: "A", from: "speed", to: "rate" }]);
    expect(countChanges(changeSet)).toBe(1);
  });

  it("an update naming a product without a difference is ignored and reported, not a crash", () => {
    const changeSet = diff(before, db, {
      fixed_inputs: { Nope: { a: "b" }, Prod: { speed: "rate" } },
      resource_types: { zzz: "a" },
      block_resource_types: { Ghost: { a: "b" } },
      products: { Gone: "Prod" },
      product_blocks: { Blk: "Other" },
    });
    expect(countChanges(changeSet)).toBe(0);
    expect(changeSet.ignoredUpdates!.map((u) => `${u.kind}:${u.subject ?? ""}:${u.from}`)).toEqual([
      "products::Gone",
      "product_blocks::Blk",
      "resource_types::zzz",
      "block_resource_types:Ghost:a",
      "fixed_inputs:Nope:a",
      "fixed_inputs:Prod:speed",
    ]);
    expect(changeSet.ignoredUpdates![0]!.reason).toContain('"Gone" is not in the database');
    expect(changeSet.ignoredUpdates![1]!.reason).toContain('"Blk" is still in the model');
  });
});

describe("renames keep the workshop consistent", () => {
  it("a block that loses a globally renamed type without gaining it deletes the link under the new name", () => {
    const Other = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_label: r.string().renamedFrom("group_name"), group_id: r.int() },
    });
    const User = defineProductBlock({
      name: "UserBlock",
      fields: {
        group: r.block(Other),
        username: r.string(),
        age: r.int(),
        user_id: r.int(),
        group_name2: r.string(),
      },
    });
    const model = normalizeRegistry(
      defineRegistry({
        "User internal": defineProductType({ name: "User", blocks: { settings: r.block(User) } }),
      }),
    );
    const db = snapshotFromModel(workshopModel({ userBlockExtra: { group_name: r.string() } }));
    const changeSet = diff(model, db);
    expect(changeSet.renameResourceTypes).toMatchObject([{ from: "group_name", to: "group_label" }]);
    expect(changeSet.deleteResourceTypeLinks.map((l) => `${l.block}.${l.resourceType}`)).toEqual([
      "UserBlock.group_label",
    ]);
  });
});

describe("the snapshot given to diff", () => {
  it("is never changed, whatever the renames do to the working copy", () => {
    const before = blockModel({ a: r.string(), b: r.int() }, { blockName: "Old", productName: "P old" });
    const snapshot = snapshotFromModel(before);
    const untouched = structuredClone(snapshot);
    const after = blockModel(
      { a2: r.string().renamedFrom("a"), b: r.int() },
      { blockName: "New", renamedFrom: "Old", productName: "P new", productRenamedFrom: "P old" },
    );
    const changes = diff(after, snapshot, { fixed_inputs: { "P new": { speed: "velocity" } } });
    expect(changes.renameProductBlocks).toHaveLength(1);
    expect(changes.renameProducts).toHaveLength(1);
    expect(snapshot).toEqual(untouched);
  });
});
