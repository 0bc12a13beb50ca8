import { describe, expect, it } from "vitest";
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import { workshopModel } from "../testing/workshop-model.ts";
import type { ChangeSet } from "./change-set.ts";
import { countChanges, isEmptyChangeSet } from "./change-set-summary.ts";
import { diff } from "./diff.ts";

const EMPTY: Snapshot = { products: [], blocks: [], resourceTypes: [] };

/** The non-empty categories and their (subject, target) pairs, for compact assertions. */
function summary(changeSet: ChangeSet): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(changeSet)) {
    if (!Array.isArray(value) || value.length === 0 || key === "ignoredUpdates") continue;
    out[key] = value.map((entry: Record<string, unknown>) =>
      ["product", "block", "from", "resourceType", "fixedInput", "dependsOn", "to"]
        .filter((k) => typeof entry[k] === "string")
        .map((k) => entry[k])
        .join(" / "),
    );
  }
  return out;
}

describe("diff: the workshop model on a fresh database (appendix A)", () => {
  const changeSet = diff(workshopModel(), EMPTY);

  it("creates the three products, their fixed inputs, blocks, links and resource types, and nothing else", () => {
    expect(summary(changeSet)).toEqual({
      createProducts: ["User Group", "User internal", "User external"],
      createFixedInputs: ["User internal / affiliation", "User external / affiliation"],
      createProductBlockLinks: [
        "User Group / UserGroupBlock",
        "User internal / UserBlock",
        "User external / UserBlock",
      ],
      createResourceTypes: ["group_name", "group_id", "username", "age", "user_id"],
      createResourceTypeLinks: [
        "UserGroupBlock / group_name",
        "UserGroupBlock / group_id",
        "UserBlock / username",
        "UserBlock / age",
        "UserBlock / user_id",
      ],
      createProductBlocks: ["UserGroupBlock", "UserBlock"],
      createBlockRelations: ["UserBlock / UserGroupBlock"],
    });
    expect(changeSet.createBlockRelations[0]!.attributes).toEqual(["group"]);
    expect(countChanges(changeSet)).toBe(21);
  });

  it("needs no default values: nothing has instances", () => {
    expect(changeSet.createResourceTypeLinks.every((link) => link.instances === 0)).toBe(true);
  });

  it("is empty against the database the model produced", () => {
    const model = workshopModel();
    const result = diff(
      model,
      snapshotFromModel(model, { subscriptions: { "User internal": 2 }, instances: { UserBlock: 2 } }),
    );
    expect(isEmptyChangeSet(result)).toBe(true);
    expect(result.renameCandidates).toEqual({ resourceTypes: [], blockResourceTypes: [], fixedInputs: [] });
  });
});

describe("diff: block differences and default values", () => {
  it("a new resource type on a block with instances asks for a default value for every instance", () => {
    const db = snapshotFromModel(workshopModel(), { instances: { UserBlock: 4 } });
    const changeSet = diff(workshopModel({ userBlockExtra: { email: r.string() } }), db);
    expect(summary(changeSet)).toEqual({
      createResourceTypes: ["email"],
      createResourceTypeLinks: ["UserBlock / email"],
    });
    expect(changeSet.createResourceTypeLinks[0]).toMatchObject({ instances: 4, values: 0 });
  });

  it("a resource type linked from another block is linked, not created", () => {
    const db = snapshotFromModel(workshopModel());
    expect(summary(diff(workshopModel({ userBlockExtra: { group_id: r.string() } }), db))).toEqual({
      createResourceTypeLinks: ["UserBlock / group_id"],
    });
  });

  it("a removed resource type deletes the link with its values, and the type once nothing uses it", () => {
    const db = snapshotFromModel(workshopModel(), { instances: { UserBlock: 3 } });
    const model = workshopModel({ withoutAge: true });
    const changeSet = diff(model, db);
    expect(summary(changeSet)).toEqual({
      deleteResourceTypeLinks: ["UserBlock / age"],
      deleteResourceTypes: ["age"],
    });
    expect(changeSet.deleteResourceTypeLinks[0]).toMatchObject({ instances: 3, values: 3 });
    expect(changeSet.deleteResourceTypes[0]).toMatchObject({ values: 3 });
    // Database-only items point at the definition that lost them.
    const userBlock = model.blocks.find((b) => b.name === "UserBlock")!;
    expect(changeSet.deleteResourceTypeLinks[0]!.location).toEqual(userBlock.location);
    expect(changeSet.deleteResourceTypes[0]!.location).toEqual(userBlock.location);
  });

  it("a block newly held by an existing block with instances gets one instance per required single attribute", () => {
    const Tag = defineProductBlock({ name: "Tag", fields: { label: r.string() } });
    const before = workshopModel();
    const Group = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_name: r.string(), group_id: r.int(), tags: r.list(r.block(Tag)), main: r.block(Tag) },
    });
    const model = normalizeRegistry(
      defineRegistry({
        "User Group": defineProductType({ name: "UserGroup", blocks: { settings: r.block(Group) } }),
      }),
    );
    const db = snapshotFromModel(before, { instances: { UserGroupBlock: 5 } });
    const changeSet = diff(model, db);
    // The new list starts empty, which a list without a minimum may be: only `main` gets an instance.
    expect(changeSet.createBlockRelations).toMatchObject([
      { block: "UserGroupBlock", dependsOn: "Tag", attributes: ["main"], instances: 5 },
    ]);
    expect(changeSet.createBlockRelations[0]!.belowMin).toBeUndefined();
    expect(changeSet.createResourceTypeLinks).toMatchObject([
      { block: "Tag", resourceType: "label", instances: 5 },
    ]);
  });
});

describe("diff: product differences", () => {
  it("a removed fixed input is deleted per product with the value the downgrade restores", () => {
    const db = snapshotFromModel(workshopModel());
    const model = workshopModel({ withoutAffiliation: true });
    const changeSet = diff(model, db);
    expect(summary(changeSet)).toEqual({
      deleteFixedInputs: ["User internal / affiliation", "User external / affiliation"],
    });
    expect(changeSet.deleteFixedInputs.map((f) => f.value)).toEqual(["internal", "x"]);
    expect(changeSet.deleteFixedInputs[0]!.location).toEqual(model.productTypes.User!.location);
  });

  it("a block newly linked to a product with subscriptions gets root instances", () => {
    const Extra = defineProductBlock({ name: "Extra", fields: { note: r.string() } });
    const before = workshopModel();
    const UserGroupBlock = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_name: r.string(), group_id: r.int() },
    });
    const UserGroup = defineProductType({
      name: "UserGroup",
      blocks: { settings: r.block(UserGroupBlock), extra: r.block(Extra) },
    });
    const model = normalizeRegistry(defineRegistry({ "User Group": UserGroup }));
    const db = snapshotFromModel(before, { subscriptions: { "User Group": 7 } });
    const changeSet = diff(model, db);
    expect(changeSet.createProductBlockLinks).toMatchObject([
      { product: "User Group", block: "Extra", attributes: ["extra"], subscriptions: 7 },
    ]);
    expect(changeSet.createResourceTypeLinks).toMatchObject([
      { block: "Extra", resourceType: "note", instances: 7 },
    ]);
    expect(changeSet.deleteProducts.map((p) => p.product)).toEqual(["User external", "User internal"]);
  });

  it("a union newly held by a product gets root instances of its first block only", () => {
    const First = defineProductBlock({ name: "First", fields: { a: r.string() } });
    const Second = defineProductBlock({ name: "Second", fields: { b: r.string() } });
    const before = workshopModel();
    const UserGroupBlock = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_name: r.string(), group_id: r.int() },
    });
    const UserGroup = defineProductType({
      name: "UserGroup",
      blocks: { settings: r.block(UserGroupBlock), either: r.union(First, Second) },
    });
    const model = normalizeRegistry(defineRegistry({ "User Group": UserGroup }));
    const db = snapshotFromModel(before, { subscriptions: { "User Group": 3 } });
    const links = diff(model, db).createProductBlockLinks;
    // Both blocks are linked (the metadata lists every block a product can hold); one instance each.
    expect(links).toMatchObject([
      { product: "User Group", block: "First", attributes: ["either"], instancesPerSubscription: 1 },
      { product: "User Group", block: "Second", attributes: ["either"], instancesPerSubscription: 0 },
    ]);
  });

  it("an existing block newly linked to a product with subscriptions brings its required sub-blocks", () => {
    const UserGroupBlock = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_name: r.string(), group_id: r.int() },
    });
    const UserBlock = defineProductBlock({
      name: "UserBlock",
      fields: {
        group: r.block(UserGroupBlock),
        backup: r.block(UserGroupBlock).optional(),
        username: r.string(),
        age: r.int(),
        user_id: r.int(),
      },
    });
    const UserGroup = defineProductType({
      name: "UserGroup",
      blocks: { settings: r.block(UserGroupBlock), member: r.block(UserBlock) },
    });
    const model = normalizeRegistry(defineRegistry({ "User Group": UserGroup }));
    const changeSet = diff(model, snapshotFromModel(workshopModel(), { subscriptions: { "User Group": 2 } }));
    const link = changeSet.createProductBlockLinks.find((l) => l.block === "UserBlock");
    // `group` is required and its relation exists; `backup` is optional (and a new attribute anyway).
    expect(link).toMatchObject({
      product: "User Group",
      subscriptions: 2,
      nested: [{ block: "UserBlock", dependsOn: "UserGroupBlock", attribute: "group" }],
    });
    // The sub-block instances count where a new resource type asks for a default value.
    const withNewField = normalizeRegistry(
      defineRegistry({
        "User Group": defineProductType({
          name: "UserGroup",
          blocks: {
            settings: r.block(UserGroupBlock),
            member: r.block(
              defineProductBlock({
                name: "UserBlock",
                fields: {
                  group: r.block(UserGroupBlock),
                  username: r.string(),
                  age: r.int(),
                  user_id: r.int(),
                },
              }),
            ),
          },
        }),
      }),
    );
    const grown = snapshotFromModel(workshopModel(), { subscriptions: { "User Group": 2 } });
    grown.blocks.find((b) => b.name === "UserGroupBlock")!.resourceTypes = ["group_name"];
    expect(diff(withNewField, grown).createResourceTypeLinks).toMatchObject([
      { block: "UserGroupBlock", resourceType: "group_id", instances: 2 },
    ]);
    // Without subscriptions there is nothing to instantiate.
    const none = diff(model, snapshotFromModel(workshopModel()));
    expect(none.createProductBlockLinks.find((l) => l.block === "UserBlock")).not.toHaveProperty("nested");
  });

  it("a product missing from the registry is deleted with its subscriptions, reported at the registry", () => {
    const model = workshopModel({ withoutExternal: true });
    const changeSet = diff(
      model,
      snapshotFromModel(workshopModel(), { subscriptions: { "User external": 3 } }),
    );
    expect(summary(changeSet)).toEqual({ deleteProducts: ["User external"] });
    expect(changeSet.deleteProducts[0]).toMatchObject({ subscriptions: 3, location: model.registryLocation });
  });

  it("blocks no registered product reaches are deleted, at the definition that held them", () => {
    const Only = defineProductBlock({ name: "OnlyBlock", fields: { v: r.string() } });
    const model = normalizeRegistry(
      defineRegistry({ P: defineProductType({ name: "P", blocks: { only: r.block(Only) } }) }),
    );
    const db = snapshotFromModel(workshopModel(), { instances: { UserBlock: 2 } });
    const changeSet = diff(model, db);
    expect(changeSet.deleteProductBlocks).toMatchObject([
      { block: "UserBlock", instances: 2, location: model.registryLocation },
      { block: "UserGroupBlock", instances: 0 },
    ]);
    expect(changeSet.deleteProducts).toHaveLength(3);
    expect(changeSet.deleteResourceTypes.map((rt) => rt.resourceType)).toEqual([
      "age",
      "group_id",
      "group_name",
      "user_id",
      "username",
    ]);
  });
});

describe("diff: order of what is reported", () => {
  it("deleted blocks come in code-point order, as PostgreSQL's C collation sorts (not UTF-16 units)", () => {
    // U+FF01 sorts before U+1F600 by code point; compared as UTF-16 units the emoji's surrogate comes first.
    const names = ["\u{1F600} block", "\uFF01 block"];
    const blocks = names.map((name) => defineProductBlock({ name, fields: { v: r.string() } }));
    const before = normalizeRegistry(
      defineRegistry({
        P: defineProductType({ name: "P", blocks: { a: r.block(blocks[0]!), b: r.block(blocks[1]!) } }),
      }),
    );
    const changeSet = diff(workshopModel(), snapshotFromModel(before));
    expect(changeSet.deleteProductBlocks.map((row) => row.block)).toEqual([
      "\uFF01 block",
      "\u{1F600} block",
    ]);
  });
});

describe("diff: cases orchestrator-core gets wrong", () => {
  it("a second attribute holding an already-related block creates instances for that attribute alone", () => {
    const db = snapshotFromModel(workshopModel(), { instances: { UserBlock: 3 } });
    const changeSet = diff(workshopModel({ secondGroup: true }), db);
    expect(summary(changeSet)).toEqual({ createBlockRelations: ["UserBlock / UserGroupBlock"] });
    expect(changeSet.createBlockRelations[0]).toMatchObject({
      attributes: ["other_group"],
      existing: true,
      instances: 3,
    });
  });

  it("removing one of two attributes holding the same block deletes only what it held", () => {
    const db = snapshotFromModel(workshopModel({ secondGroup: true }), { instances: { UserBlock: 3 } });
    const changeSet = diff(workshopModel(), db);
    expect(summary(changeSet)).toEqual({ deleteBlockRelations: ["UserBlock / UserGroupBlock"] });
    expect(changeSet.deleteBlockRelations[0]).toMatchObject({
      attributes: ["other_group"],
      existing: true,
      instances: 3,
    });
    // Nothing seen on instances: nothing to delete, and the relation row stays.
    expect(
      isEmptyChangeSet(diff(workshopModel(), snapshotFromModel(workshopModel({ secondGroup: true })))),
    ).toBe(true);
  });

  it("a relation whose snapshot attributes are empty covers every model attribute", () => {
    const db = snapshotFromModel(workshopModel());
    expect(isEmptyChangeSet(diff(workshopModel({ secondGroup: true }), db))).toBe(true);
  });

  it("a new relation lists every required attribute", () => {
    const changeSet = diff(workshopModel({ secondGroup: true }), EMPTY);
    expect(changeSet.createBlockRelations[0]!.attributes).toEqual(["group", "other_group"]);
  });

  it("a required union that is the first of several block fields relates every member and instantiates the first", () => {
    const A = defineProductBlock({ name: "A", fields: { a: r.string() } });
    const B = defineProductBlock({ name: "B", fields: { b: r.string() } });
    const C = defineProductBlock({ name: "C", fields: { c: r.string() } });
    const Holder = defineProductBlock({
      name: "Holder",
      fields: { either: r.union(A, B), more: r.list(r.union(B, C)), one: r.block(C) },
    });
    const model = normalizeRegistry(
      defineRegistry({ P: defineProductType({ name: "P", blocks: { holder: r.block(Holder) } }) }),
    );
    const changeSet = diff(model, EMPTY);
    // `more` is a list: it relates B and C, and gets no instance of its own. `either` holds one block:
    // its first, A, is created where it is missing; B only gets the relation row (two instances for
    // one single field would be a subscription that no domain model can load).
    expect(changeSet.createBlockRelations.map((rel) => [rel.dependsOn, rel.attributes])).toEqual([
      ["A", ["either"]],
      ["B", []],
      ["C", ["one"]],
    ]);
    expect(isEmptyChangeSet(diff(model, snapshotFromModel(model)))).toBe(true);
  });

  it("mutually recursive blocks are diffed without looping", () => {
    const A: any = defineProductBlock({
      name: "A",
      fields: { b: r.block(() => B).optional(), x: r.string() },
    });
    const B: any = defineProductBlock({
      name: "B",
      fields: { a: r.list(r.block(() => A)), self: r.block(() => B).optional() },
    });
    const model = normalizeRegistry(
      defineRegistry({ P: defineProductType({ name: "P", blocks: { a: r.block(A) } }) }),
    );
    expect(model.blocks.map((b) => b.name)).toEqual(["A", "B"]);
    expect(isEmptyChangeSet(diff(model, snapshotFromModel(model, { instances: { A: 2, B: 2 } })))).toBe(true);
    const changeSet = diff(model, EMPTY);
    expect(changeSet.createBlockRelations.map((rel) => `${rel.block}->${rel.dependsOn}`)).toEqual([
      "A->B",
      "B->A",
      "B->B",
    ]);
  });

  it("the same fixed input on products that are not adjacent is created for every one of them", () => {
    const Blk = defineProductBlock({ name: "Blk", fields: { v: r.string() } });
    const T1 = defineProductType({
      name: "T1",
      fixedInputs: { speed: r.int() },
      blocks: { b: r.block(Blk) },
    });
    const T2 = defineProductType({ name: "T2", blocks: { b: r.block(Blk) } });
    const model = normalizeRegistry(defineRegistry({ one: T1, two: T2, three: T1 }));
    expect(diff(model, EMPTY).createFixedInputs.map((f) => f.product)).toEqual(["one", "three"]);
  });

  it("a new product reusing an existing block whose definition changed gets the change", () => {
    const Blk = defineProductBlock({
      name: "UserGroupBlock",
      fields: { group_name: r.string(), group_id: r.int(), extra: r.string() },
    });
    const model = normalizeRegistry(
      defineRegistry({ "Brand new": defineProductType({ name: "New", blocks: { settings: r.block(Blk) } }) }),
    );
    const db = snapshotFromModel(workshopModel());
    const changeSet = diff(model, db);
    expect(changeSet.createProducts.map((p) => p.product)).toEqual(["Brand new"]);
    expect(changeSet.createResourceTypeLinks.map((l) => `${l.block}.${l.resourceType}`)).toEqual([
      "UserGroupBlock.extra",
    ]);
  });
});

describe("diff: determinism", () => {
  it("gives the same change set for the same input, whatever the order of the snapshot lists", () => {
    const model = workshopModel({ userBlockExtra: { email: r.string() }, withoutAffiliation: true });
    const db = snapshotFromModel(workshopModel({ withoutExternal: false }), { instances: { UserBlock: 1 } });
    const reversed: Snapshot = {
      products: [...db.products].reverse(),
      blocks: [...db.blocks].reverse().map((b) => ({ ...b, resourceTypes: [...b.resourceTypes].reverse() })),
      resourceTypes: [...db.resourceTypes].reverse(),
    };
    const first = diff(model, db);
    expect(diff(model, db)).toEqual(first);
    expect(JSON.stringify(diff(model, reversed))).toBe(JSON.stringify(first));
  });

  it("does not change its inputs", () => {
    const model = workshopModel();
    const db = snapshotFromModel(workshopModel({ withoutAge: true }));
    const copies = JSON.stringify([model, db]);
    diff(model, db, { resource_types: { x: "y" } });
    expect(JSON.stringify([model, db])).toBe(copies);
  });
});

describe("diff: optional block fields and lists get no instances of their own (issue 16)", () => {
  const Sub = defineProductBlock({ name: "Sub", fields: { text: r.string() } });
  const holder = (list = r.list(r.block(Sub))) =>
    normalizeRegistry(
      defineRegistry({
        P: defineProductType({
          name: "P",
          blocks: {
            holder: r.block(
              defineProductBlock({ name: "Holder", fields: { one: r.block(Sub), many: list } }),
            ),
          },
        }),
      }),
    );
  /** Holder's 5 instances each hold one Sub through `one`, and lists of the sizes given. */
  const withLists = (many: { size: number; instances: number }[]): Snapshot => {
    const db = snapshotFromModel(holder(), { instances: { Holder: 5, Sub: 5 } });
    const block = db.blocks.find((b) => b.name === "Holder")!;
    block.dependsOn = [{ block: "Sub", attributes: many.length > 0 ? ["many", "one"] : ["one"] }];
    block.attributeSizes = { one: [{ size: 1, instances: 5 }], ...(many.length > 0 ? { many } : {}) };
    return db;
  };

  it("an optional attribute nothing holds is not missing", () => {
    const db = snapshotFromModel(workshopModel(), { instances: { UserBlock: 3 } });
    expect(isEmptyChangeSet(diff(workshopModel({ secondGroup: "optional" }), db))).toBe(true);
  });

  it("a new relation through an optional attribute alone creates the relation and no instances", () => {
    const changeSet = diff(workshopModel({ secondGroup: "optional" }), EMPTY);
    expect(changeSet.createBlockRelations[0]!.attributes).toEqual(["group"]);
  });

  it("an empty list without a minimum is not missing", () => {
    expect(isEmptyChangeSet(diff(holder(), withLists([])))).toBe(true);
  });

  it("a list whose instances all reach its minimum is not reported", () => {
    const list = r.list(r.block(Sub)).min(2);
    expect(
      isEmptyChangeSet(
        diff(
          holder(list),
          withLists([
            { size: 2, instances: 4 },
            { size: 3, instances: 1 },
          ]),
        ),
      ),
    ).toBe(true);
  });

  it("a list below its minimum on some instances is reported with what a fill would create", () => {
    const list = r.list(r.block(Sub)).min(2);
    const changeSet = diff(holder(list), withLists([{ size: 1, instances: 2 }]));
    // 3 instances hold none, 2 hold one: 3 × 2 + 2 × 1 elements are missing.
    expect(changeSet.createBlockRelations).toMatchObject([
      {
        block: "Holder",
        dependsOn: "Sub",
        attributes: [],
        existing: true,
        belowMin: [{ attribute: "many", min: 2, instances: 5, elements: 8 }],
      },
    ]);
  });
});
