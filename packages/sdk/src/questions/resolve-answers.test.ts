import { describe, expect, it } from "vitest";
import {
  at,
  onEmptyDatabase,
  workshopChangeSet,
  workshopInputs,
  workshopModel,
} from "../plan/testing/workshop.ts";
import type { AnswerResolver, Question } from "./question.ts";
import { MissingAnswersError } from "./question-errors.ts";
import { resolveAnswers } from "./resolve-answers.ts";

/** Answers by prompt text (or question id); records what was asked and why it was asked again. */
function scripted(
  answers: Record<string, string | string[]>,
  choices: Record<string, string | null> = {},
  confirm = true,
) {
  const asked: string[] = [];
  const retries: string[] = [];
  const queues = new Map(Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const resolver: AnswerResolver = {
    async ask(q: Question, retry) {
      asked.push(q.id);
      if (retry) retries.push(`${q.id}: ${retry.reason}`);
      const queue = queues.get(q.id) ?? queues.get(q.prompt);
      if (!queue || queue.length === 0) throw new Error(`unexpected question ${q.id}`);
      return queue.length > 1 ? queue.shift()! : queue[0]!;
    },
    async choose(q) {
      asked.push(q.id);
      return choices[q.id] ?? null;
    },
    async confirm(q) {
      asked.push(q.id);
      return confirm;
    },
  };
  return { resolver, asked, retries };
}

describe("resolveAnswers", () => {
  it("answers the workshop entirely from the reference's --inputs JSON", async () => {
    const { answers, questions } = await resolveAnswers(onEmptyDatabase(), workshopModel(), {
      inputs: workshopInputs,
    });
    expect(answers.products["User internal"]).toEqual({
      description: "user administration - internal",
      tag: "USER_INT",
    });
    expect(answers.fixedInputs).toEqual({
      "User internal": { affiliation: "internal" },
      "User external": { affiliation: "external" },
    });
    expect(answers.blocks.UserBlock).toEqual({ description: "user block", tag: "UB" });
    expect(answers.resourceTypes.age).toEqual({ description: "age of the user" });
    expect(questions.every((q) => q.source === "inputs")).toBe(true);
  });

  it("accepts the namespaced shape, with fixed inputs nested or direct", async () => {
    const inputs = {
      products: {
        "User Group": workshopInputs["User Group"],
        "User internal": { description: "i", tag: "USER_INT", fixed_inputs: { affiliation: "internal" } },
        "User external": { description: "e", tag: "USER_EXT", affiliation: "external" },
      },
      product_blocks: { UserGroupBlock: workshopInputs.UserGroupBlock, UserBlock: workshopInputs.UserBlock },
      resource_types: Object.fromEntries(
        ["group_name", "group_id", "username", "age", "user_id"].map((n) => [n, { description: n }]),
      ),
    };
    const { answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs });
    expect(answers.fixedInputs["User internal"]).toEqual({ affiliation: "internal" });
    expect(answers.fixedInputs["User external"]).toEqual({ affiliation: "external" });
  });

  it("takes --inputs before the model, the model before the resolver", async () => {
    const model = workshopModel();
    model.products[0]!.description = "from the model";
    model.products[0]!.tag = "MODEL";
    model.products[1]!.fixedInputValues = { affiliation: "internal" };
    model.blocks[0]!.description = "group block from the model";
    model.blocks[1]!.resourceTypes[1]!.description = "age from the model";
    const inputs = { "User Group": { description: "from inputs" } };
    const { resolver, asked } = scripted({
      "product-description:User internal": "di",
      "product-tag:User internal": "TI",
      "product-description:User external": "de",
      "product-tag:User external": "TE",
      "fixed-input-value:User external:affiliation": "external",
      "block-description:UserBlock": "ub",
      "block-tag:UserBlock": "UB",
      "Supply description for new resource type group_name: ": "gn",
      "Supply description for new resource type group_id: ": "gi",
      "Supply description for new resource type username: ": "un",
      "Supply description for new resource type user_id: ": "ui",
    });
    const { answers, questions } = await resolveAnswers(onEmptyDatabase(), model, { inputs }, resolver);
    expect(answers.products["User Group"]).toEqual({ description: "from inputs", tag: "MODEL" });
    expect(answers.fixedInputs["User internal"]).toEqual({ affiliation: "internal" });
    // A block described in the model without a tag has no tag: not asked.
    expect(answers.blocks.UserGroupBlock).toEqual({ description: "group block from the model", tag: null });
    expect(answers.resourceTypes.age).toEqual({ description: "age from the model" });
    expect(asked).not.toContain("block-tag:UserGroupBlock");
    expect(asked).not.toContain("product-tag:User Group");
    expect(questions.find((q) => q.id === "product-tag:User Group")?.source).toBe("model");
  });

  it("lists the unanswered questions without a resolver, as an --inputs template", async () => {
    const inputs = { ...workshopInputs, "User external": { description: "e", tag: "USER_EXT" }, age: {} };
    const error = await resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingAnswersError);
    const missing = error as MissingAnswersError;
    expect(missing.code).toBe("ORCH_MISSING_ANSWERS");
    expect(missing.questions.map((q) => q.id)).toEqual([
      "fixed-input-value:User external:affiliation",
      "resource-type-description:age",
    ]);
    expect(missing.toInputsShape()).toEqual({
      "User external": { affiliation: "" },
      age: { description: "" },
    });
    expect(missing.message).toContain(
      "Supply fixed input value for product User external and fixed input affiliation:",
    );
  });

  it("renders default values as null in the template, and a filled template answers everything", async () => {
    const cs = workshopChangeSet();
    cs.createProducts = [];
    cs.createFixedInputs = [];
    cs.createProductBlocks = [];
    cs.createResourceTypes = [];
    cs.createResourceTypeLinks = [
      { block: "UserBlock", resourceType: "age", instances: 3, values: 0, location: at(31) },
    ];
    const error = (await resolveAnswers(onEmptyDatabase(cs), workshopModel()).catch(
      (e: unknown) => e,
    )) as MissingAnswersError;
    expect(error.toInputsShape()).toEqual({ age: { UserBlock: null } });
    const { answers } = await resolveAnswers(onEmptyDatabase(cs), workshopModel(), {
      inputs: { age: { UserBlock: 42 } },
    });
    expect(answers.defaultValues).toEqual({ UserBlock: { age: ["42"] } });
    const viaValue = await resolveAnswers(onEmptyDatabase(cs), workshopModel(), {
      inputs: { age: { value: "7" } },
    });
    expect(viaValue.answers.defaultValues).toEqual({ UserBlock: { age: ["7"] } });
  });

  it("turns non-string JSON scalars into strings", async () => {
    const inputs = { ...workshopInputs, UserBlock: { description: "user block", tag: 12 } };
    const { answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs });
    expect(answers.blocks.UserBlock?.tag).toBe("12");
  });

  it("an invalid answer from a file names the JSON path and the reason", async () => {
    const inputs = {
      ...workshopInputs,
      "User internal": { description: "d", tag: "A_TAG_THAT_IS_TOO_LONG", affiliation: "intern" },
    };
    await expect(resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs })).rejects.toMatchObject({
      code: "ORCH_INVALID_ANSWER",
      problems: [
        { where: '--inputs → "User internal" → "tag"', reason: "at most 20 characters are allowed, got 22" },
        {
          where: '--inputs → "User internal" → "affiliation"',
          reason: "'intern' is not one of 'internal', 'external'",
        },
      ],
    });
  });

  it("an invalid answer from the model names its source location", async () => {
    const model = workshopModel();
    model.products[2]!.fixedInputValues = { affiliation: "elsewhere" };
    const inputs = { ...workshopInputs, "User external": { description: "e", tag: "USER_EXT" } };
    await expect(resolveAnswers(onEmptyDatabase(), model, { inputs })).rejects.toMatchObject({
      code: "ORCH_INVALID_ANSWER",
      location: { file: "products.ts", line: 3 },
    });
  });

  it("tells the resolver why an answer was refused and asks again", async () => {
    const inputs = { ...workshopInputs, "User Group": { description: "user group administration" } };
    const { resolver, retries } = scripted({
      "product-tag:User Group": ["", "WAY_TOO_LONG_FOR_A_PRODUCT_TAG", "GROUP"],
    });
    const { answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs }, resolver);
    expect(answers.products["User Group"]?.tag).toBe("GROUP");
    expect(retries).toEqual([
      "product-tag:User Group: an answer is required",
      "product-tag:User Group: at most 20 characters are allowed, got 30",
    ]);
  });

  it("gives up after five refused answers", async () => {
    const inputs = { ...workshopInputs, "User Group": { description: "d" } };
    const { resolver } = scripted({ "product-tag:User Group": "" });
    await expect(
      resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs }, resolver),
    ).rejects.toMatchObject({ code: "ORCH_INVALID_ANSWER" });
  });

  it("refuses names that neither the models nor the database know, suggesting the closest", async () => {
    const inputs = { ...workshopInputs, "User Gruop": { description: "typo" } };
    await expect(resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs })).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'User Gruop' (did you mean 'User Group'?)"),
    });
    const badKey = {
      ...workshopInputs,
      "User internal": { ...workshopInputs["User internal"], afiliation: "internal" },
    };
    await expect(
      resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs: badKey }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
      message: expect.stringContaining("'afiliation' (did you mean 'affiliation'?)"),
    });
    const badNamespace = { products: { Nope: {} } };
    await expect(
      resolveAnswers(onEmptyDatabase(), workshopModel(), { inputs: badNamespace }),
    ).rejects.toMatchObject({
      code: "ORCH_ANSWERS_UNKNOWN_NAME",
    });
  });

  it("needs deletions of data confirmed, by option or by the resolver", async () => {
    const cs = workshopChangeSet();
    cs.deleteProducts = [{ product: "Old", subscriptions: 2, instances: 0, values: 0, location: at(1) }];
    const error = (await resolveAnswers(onEmptyDatabase(cs), workshopModel(), {
      inputs: workshopInputs,
    }).catch((e: unknown) => e)) as MissingAnswersError;
    expect(error.questions.map((q) => q.kind)).toEqual(["confirm-deletions"]);
    expect(error.toInputsShape()).toEqual({});
    await expect(
      resolveAnswers(onEmptyDatabase(cs), workshopModel(), {
        inputs: workshopInputs,
        confirmDeletions: true,
      }),
    ).resolves.toBeDefined();
    const no = scripted({}, {}, false);
    await expect(
      resolveAnswers(onEmptyDatabase(cs), workshopModel(), { inputs: workshopInputs }, no.resolver),
    ).rejects.toMatchObject({ code: "ORCH_MIGRATION_CANCELLED" });
  });
});
