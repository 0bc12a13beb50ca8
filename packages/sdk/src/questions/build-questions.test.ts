import { describe, expect, it } from "vitest";
import { workshopChangeSet, workshopModel } from "../plan/testing/workshop.ts";
import { listQuestions } from "./build-questions.ts";

describe("listQuestions", () => {
  it("asks the seed's questions, in the seed's order, under the seed's headers", () => {
    const questions = listQuestions(workshopChangeSet(), workshopModel());
    const transcript: string[] = [];
    let header = "";
    for (const q of questions) {
      if (q.header !== header) {
        header = q.header;
        transcript.push(`# ${header}`);
      }
      if (q.intro) transcript.push(q.intro);
      transcript.push(q.prompt);
    }
    expect(transcript).toEqual([
      "# Create new products",
      "Product: UserGroup User Group",
      "Supply the product description: ",
      "Supply the product tag: ",
      "Product: User User internal",
      "Supply the product description: ",
      "Supply the product tag: ",
      "Product: User User external",
      "Supply the product description: ",
      "Supply the product tag: ",
      "# Create fixed inputs",
      "Supply fixed input value for product User internal and fixed input affiliation: ",
      "Supply fixed input value for product User external and fixed input affiliation: ",
      "# Create product blocks",
      "Product block: UserGroupBlock",
      "Supply the product block description: ",
      "Supply the product block tag: ",
      "Product block: UserBlock",
      "Supply the product block description: ",
      "Supply the product block tag: ",
      "# Create resource types",
      "Supply description for new resource type group_name: ",
      "Supply description for new resource type group_id: ",
      "Supply description for new resource type username: ",
      "Supply description for new resource type age: ",
      "Supply description for new resource type user_id: ",
    ]);
  });

  it("has no header without questions under it", () => {
    const cs = workshopChangeSet();
    cs.createFixedInputs = [];
    const headers = new Set(listQuestions(cs, workshopModel()).map((q) => q.header));
    expect(headers.has("Create fixed inputs")).toBe(false);
    expect(headers.has("Create subscription instance values")).toBe(false);
  });

  it("a new resource type on a block with instances asks for a default value, grouped per resource type", () => {
    const cs = workshopChangeSet();
    cs.createResourceTypeLinks = cs.createResourceTypeLinks.map((l) => ({
      ...l,
      instances: l.block === "UserBlock" ? 2 : 0,
    }));
    cs.createResourceTypeLinks.push({
      block: "UserGroupBlock",
      resourceType: "age",
      instances: 1,
      values: 0,
      location: cs.createResourceTypeLinks[0]!.location,
    });
    const defaults = listQuestions(cs, workshopModel()).filter((q) => q.kind === "default-value");
    expect(defaults.map((q) => q.prompt)).toEqual([
      "Supply default subscription instance value for resource type username and product block UserBlock: ",
      "Supply default subscription instance value for resource type age and product block UserBlock: ",
      "Supply default subscription instance value for resource type age and product block UserGroupBlock: ",
      "Supply default subscription instance value for resource type user_id and product block UserBlock: ",
    ]);
    expect(defaults.every((q) => q.header === "Create subscription instance values")).toBe(true);
  });

  it("deleting data raises one confirmation, first; deleting nothing that holds data raises none", () => {
    const cs = workshopChangeSet();
    const location = cs.createProducts[0]!.location;
    cs.deleteProducts = [{ product: "Old", subscriptions: 0, instances: 0, values: 0, location }];
    expect(listQuestions(cs, workshopModel()).some((q) => q.kind === "confirm-deletions")).toBe(false);
    cs.deleteProducts = [{ product: "Old", subscriptions: 3, instances: 0, values: 0, location }];
    cs.deleteResourceTypeLinks = [{ block: "B", resourceType: "rt", instances: 2, values: 2, location }];
    const [first] = listQuestions(cs, workshopModel());
    expect(first?.kind).toBe("confirm-deletions");
    expect(first?.prompt).toContain("product Old and its 3 subscriptions");
    expect(first?.prompt).toContain("2 values of rt on B");
  });

  it("a list below its minimum raises one yes/no question naming the instances and the elements", () => {
    const cs = workshopChangeSet();
    const location = cs.createProducts[0]!.location;
    cs.createBlockRelations = [
      {
        block: "UserBlock",
        dependsOn: "UserGroupBlock",
        attributes: [],
        instances: 4,
        existing: true,
        belowMin: [{ attribute: "groups", min: 2, instances: 3, elements: 5 }],
        location,
      },
    ];
    const fill = listQuestions(cs, workshopModel()).filter((q) => q.kind === "confirm-list-fill");
    expect(fill).toHaveLength(1);
    expect(fill[0]!.prompt).toContain(
      "3 UserBlock instances hold fewer than 2 in groups: 5 new UserGroupBlock instances",
    );
    expect(fill[0]!.default).toBe("false");
    expect(fill[0]!.validate("no")).toBeUndefined();
    cs.createBlockRelations[0]!.belowMin = undefined;
    expect(listQuestions(cs, workshopModel()).some((q) => q.kind === "confirm-list-fill")).toBe(false);
  });
});
