import { describe, expect, it } from "vitest";
import type { Snapshot, SnapshotBlock, SnapshotProduct } from "../snapshot/snapshot.ts";
import type { Catalogue, HeldRelation } from "./catalogue.ts";
import { planPull } from "./plan-pull.ts";
import { PullError } from "./pull-errors.ts";

function product(
  name: string,
  productType: string,
  blocks: string[],
  fixedInputs: [string, string][] = [],
): SnapshotProduct {
  return {
    id: name,
    name,
    description: `${name} product`,
    productType,
    tag: "TAG",
    status: "active",
    fixedInputs: fixedInputs.map(([n, value]) => ({ name: n, value })),
    blocks,
    subscriptionCount: 0,
    instanceCount: 0,
    valueCount: 0,
  };
}

function block(name: string, dependsOn: string[] = [], resourceTypes: string[] = []): SnapshotBlock {
  return {
    id: name,
    name,
    description: `${name} block`,
    tag: null,
    status: null,
    resourceTypes,
    dependsOn: dependsOn.map((b) => ({ block: b, attributes: [] })),
    instanceCount: 0,
    valueCounts: {},
    attributeSizes: {},
  };
}

function catalogue(snapshot: Partial<Snapshot>, relations: HeldRelation[] = []): Catalogue {
  const full: Snapshot = { products: [], blocks: [], resourceTypes: [], ...snapshot };
  return { snapshot: full, relations, values: {} };
}

describe("planPull", () => {
  it("names: identifiers from any database name, the database name kept as `name`", () => {
    const model = planPull(
      catalogue({
        products: [
          product("a", "2fast my-type!", ["My Block"]),
          product("b", "Object", ["Object"]),
          product("c", "node", ["Node"]),
          product("d", "Node", ["Node"]),
        ],
        blocks: [block("My Block"), block("Object"), block("Node")],
      }),
    );
    expect(model.productTypes.map((t) => [t.name, t.identifier, t.fileName])).toEqual([
      ["2fast my-type!", "Type2fastMyType", "type_2fast_my_type"],
      ["Node", "Node", "node"],
      ["Object", "ObjectType", "object"],
      ["node", "Node2", "node_2"],
    ]);
    expect(model.blocks.map((b) => [b.name, b.identifier, b.fileName])).toEqual([
      ["My Block", "MyBlock", "my_block"],
      ["Object", "ObjectBlock", "object"],
      ["Node", "NodeBlock", "node"],
    ]);
  });

  it("block fields: attributes that subscriptions show (union, list), else named after the block", () => {
    const model = planPull(
      catalogue(
        {
          products: [product("p", "T", ["Circuit"])],
          blocks: [
            block("Circuit", ["SAP", "Port", "CorePort"]),
            block("SAP"),
            block("Port"),
            block("CorePort"),
          ],
        },
        [
          { block: "Circuit", attribute: "saps", dependsOn: "SAP", mostHeld: 2 },
          { block: "Circuit", attribute: "endpoint", dependsOn: "Port", mostHeld: 1 },
          { block: "Circuit", attribute: "endpoint", dependsOn: "SAP", mostHeld: 1 },
        ],
      ),
    );
    expect(model.blocks.find((b) => b.name === "Circuit")!.blockFields).toEqual([
      { attribute: "core_port", blocks: ["CorePort"], list: false },
      { attribute: "endpoint", blocks: ["Port", "SAP"], list: false },
      { attribute: "saps", blocks: ["SAP"], list: true },
    ]);
  });

  it("a product type's fixed inputs come from its products; root blocks are named after the block", () => {
    const model = planPull(
      catalogue({
        products: [
          product("port 10G", "Port", ["Port"], [["speed", "10000"]]),
          product("port 100G", "Port", ["Port"], [["speed", "100000"]]),
        ],
        blocks: [block("Port")],
      }),
    );
    expect(model.productTypes[0]).toMatchObject({
      fixedInputs: [
        { name: "speed", kind: { kind: { kind: "enum", values: ["10000", "100000"], numeric: true } } },
      ],
      blockFields: [{ attribute: "port", blocks: ["Port"], list: false }],
    });
  });

  it("blocks and resource types no product reaches are reported, not pulled", () => {
    const model = planPull(
      catalogue({
        products: [product("p", "T", ["Used"])],
        blocks: [block("Used", [], ["a"]), block("Orphan", [], ["b"])],
        resourceTypes: [
          { id: "a", name: "a", description: null, valueCount: 0 },
          { id: "b", name: "b", description: null, valueCount: 0 },
          { id: "c", name: "c", description: null, valueCount: 0 },
        ],
      }),
    );
    expect(model.blocks.map((b) => b.name)).toEqual(["Used"]);
    expect(model.unreachable).toEqual({ blocks: ["Orphan"], resourceTypes: ["b", "c"] });
  });

  it("no products: nothing to pull", () => {
    expect(() => planPull(catalogue({}))).toThrow(PullError);
  });

  it("resource types and fixed inputs that cannot be field names are refused, all named at once", () => {
    const attempt = () =>
      planPull(
        catalogue({
          products: [product("p", "T", ["B"], [["node-type", "x"]])],
          blocks: [block("B", [], ["port name", "ok"])],
        }),
      );
    expect(attempt).toThrow(/resource type "port name", fixed input "node-type"/);
  });
});
