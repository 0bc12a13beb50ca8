import { describe, expect, it } from "vitest";
import { defineProductBlock } from "./define-product-block.ts";
import { defineProductType } from "./define-product-type.ts";
import { defineRegistry } from "./define-registry.ts";
import { defineScalarKind } from "./define-scalar-kind.ts";
import { ModelError } from "./model-errors.ts";
import { r } from "./r.ts";

/** A VLAN range such as "100-199,300": stored as that text, used as a list of [first, last] pairs. */
const vlanRange = defineScalarKind({
  name: "vlan_range",
  parse: (text) => text.split(",").map((part) => part.split("-").map(Number) as [number, number?]),
  format: (ranges) => ranges.map((range) => range.join("-")).join(","),
});

describe("the DSL says what real models say", () => {
  it("an enum of integers is stored as decimal text and marked numeric", () => {
    expect(r.enum([10000, 100000]).spec).toEqual({
      kind: "enum",
      values: ["10000", "100000"],
      numeric: true,
      list: false,
    });
    expect(r.enum(["a"]).spec).not.toHaveProperty("numeric");
  });

  it("registry entries give integer-enum fixed inputs as numbers and store their text", () => {
    const Port = defineProductType({
      name: "Port",
      fixedInputs: { speed: r.enum([10000, 100000]) },
      blocks: { port: r.block(defineProductBlock({ name: "PortBlock", fields: {} })) },
    });
    const registry = defineRegistry({ "port 10G": { type: Port, fixedInputs: { speed: 10000 } } });
    expect(registry.model.products[0]!.fixedInputValues).toEqual({ speed: "10000" });
    expect(registry.model.productTypes.Port!.fixedInputs[0]!.spec.numeric).toBe(true);
  });

  it("a value outside an integer enum is refused", () => {
    const Port = defineProductType({
      name: "Port",
      fixedInputs: { speed: r.enum([10000, 100000]) },
      blocks: { port: r.block(defineProductBlock({ name: "PortBlock", fields: {} })) },
    });
    // @ts-expect-error 25 is not one of the enum's values
    expect(() => defineRegistry({ p: { type: Port, fixedInputs: { speed: 25 } } }).model).toThrow(ModelError);
  });

  it(".default(value) is kept on the builder and in the normalised model, as stored text", () => {
    const Block = defineProductBlock({
      name: "Defaults",
      fields: {
        enabled: r.bool().default(true),
        mtu: r.int().default(1500),
        vlans: vlanRange().default([[100, 199]]),
        tags: r.list(r.string()).default(["a", "b"]),
        plain: r.string(),
      },
    });
    const Type = defineProductType({ name: "T", blocks: { block: r.block(Block) } });
    const model = defineRegistry({ t: Type }).model;
    const defaults = Object.fromEntries(model.blocks[0]!.resourceTypes.map((rt) => [rt.name, rt.default]));
    expect(defaults).toEqual({
      enabled: "true",
      mtu: "1500",
      vlans: "100-199",
      tags: '["a","b"]',
      plain: undefined,
    });
  });

  it("a custom scalar kind is stored as text, named in the spec, and parsed by its codec", () => {
    const field = vlanRange();
    expect(field.spec).toEqual({ kind: "string", custom: "vlan_range", list: false });
    expect(field.codec!.parse("100-199,300")).toEqual([[100, 199], [300]]);
    expect(r.list(field).codec).toBe(field.codec);
    expect(r.list(field).spec).toEqual({ kind: "string", custom: "vlan_range", list: true });
  });

  it("a custom-kind fixed input given as a value is stored as its formatted text", () => {
    const Trunk = defineProductType({
      name: "Trunk",
      fixedInputs: { allowed: vlanRange() },
      blocks: { trunk: r.block(defineProductBlock({ name: "TrunkBlock", fields: {} })) },
    });
    const registry = defineRegistry({
      trunk: { type: Trunk, fixedInputs: { allowed: [[100, 199], [300]] } },
    });
    expect(registry.model.products[0]!.fixedInputValues).toEqual({ allowed: "100-199,300" });
  });

  it("a custom scalar kind without a usable name or codec is refused with the fix", () => {
    expect(() => defineScalarKind({ name: "vlan range", parse: String, format: String })).toThrow(
      /letters, digits and underscores/,
    );
    // @ts-expect-error format is missing
    expect(() => defineScalarKind({ name: "x", parse: String })).toThrow(/parse\(text\) and format\(value\)/);
  });
});
