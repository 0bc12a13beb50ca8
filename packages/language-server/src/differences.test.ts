import { type ChangeSet, type DomainModel, emptyChangeSet, type SourceLocation } from "@orchestrator/sdk";
import { describe, expect, it } from "vitest";
import { listDifferences, productsUsingBlocks } from "./differences.ts";
import { DIAGNOSTIC_CODES } from "./protocol.ts";

const at = (line: number): SourceLocation => ({
  file: "/p/user.ts",
  line,
  column: 5,
  endLine: line,
  endColumn: 8,
});

const model: DomainModel = {
  products: [
    { name: "User internal", productType: "User", fixedInputValues: {}, location: at(9) },
    { name: "User external", productType: "User", fixedInputValues: {}, location: at(10) },
  ],
  productTypes: {
    User: {
      name: "User",
      fixedInputs: [],
      blockFields: [
        { attribute: "settings", blocks: ["UserBlock"], list: false, optional: false, location: at(7) },
      ],
      location: at(5),
    },
  },
  blocks: [
    {
      name: "UserBlock",
      resourceTypes: [],
      blockFields: [
        { attribute: "group", blocks: ["UserGroupBlock"], list: false, optional: false, location: at(7) },
      ],
      location: at(6),
    },
    { name: "UserGroupBlock", resourceTypes: [], blockFields: [], location: at(3) },
  ],
  registryLocation: at(1),
};

function changes(partial: Partial<ChangeSet>): ChangeSet {
  return { ...emptyChangeSet(), ...partial };
}

describe("listDifferences", () => {
  it("a resource type a block lacks in the database names the products and instances it affects", () => {
    const list = listDifferences(
      model,
      changes({
        createResourceTypes: [{ resourceType: "age", location: at(10) }],
        createResourceTypeLinks: [
          { block: "UserBlock", resourceType: "age", instances: 140, values: 0, location: at(10) },
        ],
      }),
    );
    expect(list).toEqual([
      {
        code: DIAGNOSTIC_CODES.resourceTypeMissingInDb,
        location: at(10),
        block: "UserBlock",
        resourceType: "age",
        message:
          "Resource type 'age' of product block 'UserBlock' is not in the database (2 products, 140 instances would get no value)",
      },
    ]);
  });

  it("a product only the database has is reported with the subscriptions the migration deletes", () => {
    const [difference] = listDifferences(
      model,
      changes({
        deleteProducts: [{ product: "Old", subscriptions: 1, instances: 0, values: 0, location: at(1) }],
      }),
    );
    expect(difference).toMatchObject({ code: DIAGNOSTIC_CODES.productMissingInModel, product: "Old" });
    expect(difference!.message).toBe(
      "Product 'Old' is in the database but not in the registry (the migration deletes it and its 1 subscription)",
    );
  });

  it("a new product belongs to its product type (for the type's code lens)", () => {
    const [difference] = listDifferences(
      model,
      changes({ createProducts: [{ product: "User internal", productType: "User", location: at(9) }] }),
    );
    expect(difference).toMatchObject({
      code: DIAGNOSTIC_CODES.productMissingInDb,
      productType: "User",
      product: "User internal",
    });
  });
});

describe("productsUsingBlocks", () => {
  it("follows blocks nested in blocks", () => {
    const using = productsUsingBlocks(model);
    expect([...using.get("UserGroupBlock")!]).toEqual(["User internal", "User external"]);
  });
});
