import { describe, expect, it } from "vitest";
import { SUBSCRIPTION_MODEL_REGISTRY } from "./__fixtures__/user-model.ts";
import { defineProductBlock } from "./define-product-block.ts";
import { defineProductType } from "./define-product-type.ts";
import { defineRegistry } from "./define-registry.ts";
import { isRequiredIn } from "./lifecycle.ts";
import { normalizeRegistry } from "./normalize-registry.ts";
import { r } from "./r.ts";

describe("r: field builders", () => {
  it("each scalar kind has its spec", () => {
    const kinds = {
      string: r.string(),
      int: r.int(),
      float: r.float(),
      bool: r.bool(),
      uuid: r.uuid(),
      ipv4: r.ipv4(),
      ipv6: r.ipv6(),
    };
    for (const [kind, builder] of Object.entries(kinds)) expect(builder.spec).toEqual({ kind, list: false });
    expect(r.enum(["a", "b"]).spec).toEqual({ kind: "enum", values: ["a", "b"], list: false });
    expect(r.list(r.int()).spec).toEqual({ kind: "int", list: true });
  });

  it("builders are immutable: every method returns a new builder", () => {
    const base = r.string();
    const described = base.describe("d");
    const required = described.requiredFrom("active");
    const renamed = required.renamedFrom("old");
    expect(base.options).toEqual({});
    expect(described.options).toEqual({ description: "d" });
    expect(renamed.options).toEqual({ description: "d", requiredFrom: "active", renamedFrom: "old" });
    expect(renamed.optional().options).toEqual({ description: "d", renamedFrom: "old" });
    expect(Object.isFrozen(base)).toBe(true);
  });

  it("block fields: required by default, optional, required from, lists with bounds, unions", () => {
    const B = defineProductBlock({ name: "B", fields: {} });
    const C = defineProductBlock({ name: "C", fields: {} });
    expect(r.block(B).options).toEqual({ optional: false });
    expect(r.block(B).optional().options).toEqual({ optional: true });
    expect(r.block(B).optional().requiredFrom("provisioning").options).toEqual({
      optional: false,
      requiredFrom: "provisioning",
    });
    const list = r.list(r.block(B)).min(1).max(3);
    expect([list.list, list.options.min, list.options.max]).toEqual([true, 1, 3]);
    expect(r.block(B).min === undefined).toBe(false);
    expect(r.union(B, C).refs).toEqual([B, C]);
    expect(r.list(r.union(B, C)).list).toBe(true);
  });

  it("lifecycle order: initial < provisioning < active, and migrating/disabled/terminated rank like active", () => {
    expect(isRequiredIn("provisioning", "initial")).toBe(false);
    expect(isRequiredIn("provisioning", "provisioning")).toBe(true);
    expect(isRequiredIn("active", "provisioning")).toBe(false);
    expect(["migrating", "disabled", "terminated"].map((l) => isRequiredIn("active", l as "active"))).toEqual(
      [true, true, true],
    );
    expect(isRequiredIn("terminated", "active")).toBe(true);
    expect(isRequiredIn(undefined, "active")).toBe(false);
  });
});

describe("normalizeRegistry", () => {
  const model = normalizeRegistry(SUBSCRIPTION_MODEL_REGISTRY);

  it("lists products in registry order with their metadata and fixed-input values", () => {
    expect(model.products.map(({ location: _, ...p }) => p)).toEqual([
      { name: "User Group", productType: "UserGroup", fixedInputValues: {} },
      {
        name: "User internal",
        productType: "User",
        description: "user administration - internal",
        tag: "USER_INT",
        fixedInputValues: { affiliation: "internal" },
      },
      { name: "User external", productType: "User", fixedInputValues: {} },
    ]);
  });

  it("collects blocks depth first in discovery order, with fields as plain data", () => {
    expect(model.blocks.map((b) => b.name)).toEqual(["UserGroupBlock", "UserBlock"]);
    const [group, user] = model.blocks;
    expect(group).toMatchObject({ description: "user group block", tag: "UGB" });
    expect(group!.resourceTypes[0]).toMatchObject({
      name: "group_name",
      spec: { kind: "string", list: false },
      description: "name of the user group",
      requiredFrom: "provisioning",
    });
    expect(user!.blockFields).toMatchObject([
      { attribute: "group", blocks: ["UserGroupBlock"], list: false, optional: false },
    ]);
    expect(model.productTypes.User!.fixedInputs[0]).toMatchObject({
      name: "affiliation",
      spec: { kind: "enum", values: ["internal", "external"] },
    });
  });

  it("returns a copy that survives JSON", () => {
    const copy = normalizeRegistry(SUBSCRIPTION_MODEL_REGISTRY);
    copy.blocks.pop();
    expect(normalizeRegistry(SUBSCRIPTION_MODEL_REGISTRY).blocks).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("keeps renamedFrom on blocks, products, resource types and fixed inputs", () => {
    const B = defineProductBlock({
      name: "New",
      renamedFrom: "Old",
      fields: { v: r.string().renamedFrom("w") },
    });
    const T = defineProductType({
      name: "T",
      fixedInputs: { f: r.bool().renamedFrom("g") },
      blocks: { b: r.block(B) },
    });
    const m = normalizeRegistry(
      defineRegistry({ P: { type: T, renamedFrom: "Q", fixedInputs: { f: true } } }),
    );
    expect(m.products[0]).toMatchObject({ renamedFrom: "Q", fixedInputValues: { f: "true" } });
    expect(m.blocks[0]).toMatchObject({ renamedFrom: "Old", resourceTypes: [{ renamedFrom: "w" }] });
    expect(m.productTypes.T!.fixedInputs[0]).toMatchObject({ renamedFrom: "g" });
  });

  it("walks shared and self-referencing blocks once", () => {
    const Leaf = defineProductBlock({ name: "Leaf", fields: { x: r.int() } });
    const Node: any = defineProductBlock({
      name: "Node",
      fields: { kids: r.list(r.block(() => Node)), leaf: r.block(Leaf) },
    });
    const m = normalizeRegistry(
      defineRegistry({
        A: defineProductType({ name: "A", blocks: { n: r.block(Node), l: r.block(Leaf) } }),
        B: defineProductType({ name: "B", blocks: { l: r.block(Leaf) } }),
      }),
    );
    expect(m.blocks.map((b) => b.name)).toEqual(["Node", "Leaf"]);
  });
});
