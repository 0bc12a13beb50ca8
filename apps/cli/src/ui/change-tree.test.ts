import { emptyChangeSet as empty, type SourceLocation } from "@orchestrator/sdk";
import { describe, expect, it } from "vitest";
import { renderChangeTree } from "./change-tree.ts";

const at: SourceLocation = { file: "products.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };

describe("change tree", () => {
  it("groups changes and says what they do to existing data", () => {
    const changes = empty();
    changes.createProducts.push({ product: "User internal", productType: "User", location: at });
    changes.deleteProducts.push({ product: "Old", subscriptions: 3, instances: 6, values: 12, location: at });
    changes.createResourceTypeLinks.push({
      block: "UserBlock",
      resourceType: "age",
      instances: 140,
      values: 0,
      location: at,
    });
    expect(renderChangeTree(changes)).toBe(
      [
        "Products",
        "  + User internal (product type User)",
        "  - Old (3 subscriptions, 6 instances, 12 values deleted)",
        "Product block → resource type",
        "  + UserBlock.age (140 instances need a value)",
      ].join("\n"),
    );
  });

  it("shows a list below its minimum, and no instance for a relation held only through lists", () => {
    const changes = empty();
    changes.createBlockRelations.push(
      { block: "Holder", dependsOn: "Tag", attributes: [], instances: 5, location: at },
      {
        block: "PB",
        dependsOn: "SubBlock",
        attributes: [],
        instances: 3,
        existing: true,
        belowMin: [{ attribute: "sub_block_list", min: 2, instances: 2, elements: 3 }],
        location: at,
      },
    );
    expect(renderChangeTree(changes)).toBe(
      [
        "Product block → product block",
        "  + Holder → Tag",
        "  + PB → SubBlock via sub_block_list: below its minimum of 2 (2 instances short of 3 elements)",
      ].join("\n"),
    );
  });

  it("prints nothing for an empty change set", () => {
    expect(renderChangeTree(empty())).toBe("");
  });
});

describe("change tree wording", () => {
  it("agrees the verb with one instance or subscription", () => {
    const changes = empty();
    changes.createResourceTypeLinks.push({
      block: "UserBlock",
      resourceType: "age",
      instances: 1,
      values: 0,
      location: at,
    });
    expect(renderChangeTree(changes)).toContain("+ UserBlock.age (1 instance needs a value)");
  });
});
