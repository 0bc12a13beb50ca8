import { describe, expect, it } from "vitest";
import {
  at,
  onEmptyDatabase,
  workshopChangeSet,
  workshopInputs,
  workshopModel,
} from "../plan/testing/workshop.ts";
import { expectedAnswer } from "./expected-answer.ts";
import { resolveAnswers } from "./resolve-answers.ts";

/** The workshop with only UserBlock.age new, on a block with 3 instances: one default-value question. */
function ageOnExistingInstances() {
  const cs = workshopChangeSet();
  cs.createProducts = [];
  cs.createFixedInputs = [];
  cs.createProductBlocks = [];
  cs.createResourceTypes = [];
  cs.createResourceTypeLinks = [
    { block: "UserBlock", resourceType: "age", instances: 3, values: 0, location: at(31) },
  ];
  return onEmptyDatabase(cs);
}

describe("placeholders for unanswered questions", () => {
  it("stand in for every missing answer, named by what is missing, and appear in the answers", async () => {
    const inputs = { ...workshopInputs, "User external": { description: "e", tag: "USER_EXT" }, age: {} };
    const { questions, answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), {
      inputs,
      placeholders: true,
    });
    const placeholders = questions.filter((q) => q.source === "placeholder");
    expect(placeholders.map((q) => [q.id, q.answer])).toEqual([
      [
        "fixed-input-value:User external:affiliation",
        "<value for User external.affiliation: one of internal, external>",
      ],
      ["resource-type-description:age", "<description of resource type age>"],
    ]);
    expect(answers.resourceTypes.age).toEqual({ description: "<description of resource type age>" });
    // Answers that were given keep their source.
    expect(questions.find((q) => q.id === "product-tag:User external")?.source).toBe("inputs");
  });

  it("a default value's placeholder names the block, the resource type and the kind", async () => {
    const { answers, questions } = await resolveAnswers(ageOnExistingInstances(), workshopModel(), {
      placeholders: true,
    });
    expect(answers.defaultValues).toEqual({ UserBlock: { age: ["<default for UserBlock.age: integer>"] } });
    const question = questions.find((q) => q.kind === "default-value")!;
    expect(expectedAnswer(question)).toEqual({ kind: "integer", emptyAllowed: true });
  });

  it("a deletion is planned as confirmed, without asking", async () => {
    const cs = workshopChangeSet();
    cs.deleteProducts = [{ product: "Old", subscriptions: 2, instances: 0, values: 0, location: at(1) }];
    const { questions } = await resolveAnswers(onEmptyDatabase(cs), workshopModel(), {
      inputs: workshopInputs,
      placeholders: true,
    });
    expect(questions.find((q) => q.kind === "confirm-deletions")).toMatchObject({
      answer: "true",
      source: "placeholder",
    });
  });
});

describe("expectedAnswer", () => {
  it("offers an enum's values and true/false as choices; a tag may be empty, a description not", async () => {
    const { questions } = await resolveAnswers(onEmptyDatabase(), workshopModel(), { placeholders: true });
    const byId = (id: string) => expectedAnswer(questions.find((q) => q.id === id)!);
    expect(byId("fixed-input-value:User internal:affiliation")).toEqual({
      kind: "one of internal, external",
      choices: ["internal", "external"],
      emptyAllowed: false,
    });
    expect(byId("block-tag:UserBlock")).toEqual({ kind: "text", maxLength: 20, emptyAllowed: true });
    expect(byId("product-description:User internal")).toEqual({
      kind: "text",
      maxLength: 2000,
      emptyAllowed: false,
    });
  });
});
