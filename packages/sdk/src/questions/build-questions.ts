// Which questions a change set raises, in orchestrator-core's order (see docs/design.md, Questions):
// products, fixed inputs, blocks, resource types, default values — registry / discovery order inside each
// (the change set's order), grouped per fixed input and per resource type as orchestrator-core asks them. A
// confirmation comes first when the change deletes data.

import { visitChanges } from "../diff/change-kinds.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { describeInUseBy } from "../diff/in-use-by.ts";
import type { DomainModel, ScalarSpec } from "../model/domain-model.ts";
import { agree, plural } from "../plural.ts";
import { HEADERS, type Question } from "./question.ts";
import { DESCRIPTION_MAX_LENGTH, interpretAnswer, TAG_MAX_LENGTH } from "./validate-answer.ts";

type QuestionData = Omit<Question, "validate">;

export function makeQuestion(data: QuestionData): Question {
  const question: Question = {
    ...data,
    validate: (answer: string) => {
      const result = interpretAnswer(question, answer);
      return result.ok ? undefined : result.reason;
    },
  };
  return question;
}

const description = { required: true, maxLength: DESCRIPTION_MAX_LENGTH };

export function listQuestions(cs: ChangeSet, model: DomainModel): Question[] {
  const questions: Question[] = [];
  const confirm = deletionConfirmation(cs);
  if (confirm) questions.push(confirm);
  const fill = listFillConfirmation(cs);
  if (fill) questions.push(fill);

  for (const { product, productType } of cs.createProducts) {
    const subject = { product, productType };
    const header = HEADERS.products;
    questions.push(
      makeQuestion({
        id: `product-description:${product}`,
        kind: "product-description",
        subject,
        header,
        intro: `Product: ${productType} ${product}`,
        prompt: "Supply the product description: ",
        constraints: description,
        inputsPath: [product, "description"],
      }),
      makeQuestion({
        id: `product-tag:${product}`,
        kind: "product-tag",
        subject,
        header,
        prompt: "Supply the product tag: ",
        constraints: { required: true, maxLength: TAG_MAX_LENGTH },
        inputsPath: [product, "tag"],
      }),
    );
  }

  for (const { product, fixedInput } of groupedBy(cs.createFixedInputs, (c) => c.fixedInput)) {
    const spec = fixedInputSpec(cs, model, product, fixedInput);
    questions.push(
      makeQuestion({
        id: `fixed-input-value:${product}:${fixedInput}`,
        kind: "fixed-input-value",
        subject: { product, fixedInput },
        header: HEADERS.fixedInputs,
        prompt: `Supply fixed input value for product ${product} and fixed input ${fixedInput}: `,
        constraints: { required: true, ...(spec ? { spec } : {}) },
        inputsPath: [product, fixedInput],
      }),
    );
  }

  for (const { block } of cs.createProductBlocks) {
    const header = HEADERS.blocks;
    questions.push(
      makeQuestion({
        id: `block-description:${block}`,
        kind: "block-description",
        subject: { block },
        header,
        intro: `Product block: ${block}`,
        prompt: "Supply the product block description: ",
        constraints: description,
        inputsPath: [block, "description"],
      }),
      makeQuestion({
        id: `block-tag:${block}`,
        kind: "block-tag",
        subject: { block },
        header,
        prompt: "Supply the product block tag: ",
        constraints: { required: false, maxLength: TAG_MAX_LENGTH },
        inputsPath: [block, "tag"],
      }),
    );
  }

  for (const { resourceType } of cs.createResourceTypes) {
    questions.push(
      makeQuestion({
        id: `resource-type-description:${resourceType}`,
        kind: "resource-type-description",
        subject: { resourceType },
        header: HEADERS.resourceTypes,
        prompt: `Supply description for new resource type ${resourceType}: `,
        constraints: description,
        inputsPath: [resourceType, "description"],
      }),
    );
  }

  const needingValues = cs.createResourceTypeLinks.filter((l) => l.instances > 0);
  for (const { block, resourceType } of groupedBy(needingValues, (l) => l.resourceType)) {
    const field = model.blocks
      .find((b) => b.name === block)
      ?.resourceTypes.find((r) => r.name === resourceType);
    questions.push(
      makeQuestion({
        id: `default-value:${block}:${resourceType}`,
        kind: "default-value",
        subject: { block, resourceType },
        header: HEADERS.defaultValues,
        prompt: `Supply default subscription instance value for resource type ${resourceType} and product block ${block}: `,
        constraints: { required: field?.requiredFrom !== undefined, ...(field ? { spec: field.spec } : {}) },
        inputsPath: [resourceType, block],
      }),
    );
  }
  return questions;
}

function fixedInputSpec(
  cs: ChangeSet,
  model: DomainModel,
  product: string,
  fixedInput: string,
): ScalarSpec | undefined {
  const productType =
    cs.createProducts.find((c) => c.product === product)?.productType ??
    model.products.find((p) => p.name === product)?.productType;
  if (productType === undefined || !Object.hasOwn(model.productTypes, productType)) return undefined;
  return model.productTypes[productType]?.fixedInputs.find((f) => f.name === fixedInput)?.spec;
}

/** Stable grouping: items with the same key together, groups in order of first appearance. */
function groupedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].flat();
}

/** One yes/no question listing everything that deletes existing data; none when nothing does. */
export function deletionConfirmation(cs: ChangeSet): Question | undefined {
  const none = (): string[] => [];
  // One entry per change kind (the compiler checks that none is missing): what each deletes of existing data.
  const lines = visitChanges<string[]>(cs, {
    deleteProducts: (d) => [
      ...(d.subscriptions > 0
        ? [`product ${d.product} and its ${plural(d.subscriptions, "subscription")}`]
        : []),
      // orchestrator-core refuses to terminate a subscription in use by others: never silently.
      ...(d.inUseBy
        ? [
            `${describeInUseBy(d.inUseBy)} ${agree(d.inUseBy.subscriptions, "uses", "use")} instances of ${d.product} and will lose those relations`,
          ]
        : []),
    ],
    deleteProductBlocks: (d) =>
      d.instances > 0 ? [`product block ${d.block} and its ${plural(d.instances, "instance")}`] : [],
    deleteResourceTypes: (d) =>
      d.values > 0 ? [`resource type ${d.resourceType} and its ${plural(d.values, "value")}`] : [],
    deleteResourceTypeLinks: (l) =>
      l.values > 0 ? [`${plural(l.values, "value")} of ${l.resourceType} on ${l.block}`] : [],
    deleteProductBlockLinks: (l) =>
      l.subscriptions > 0 && !l.moved
        ? [`the ${l.block} instances of ${plural(l.subscriptions, "subscription")} of ${l.product}`]
        : [],
    deleteBlockRelations: (r) =>
      r.instances > 0 && !r.moved
        ? [`the ${r.dependsOn} instances held by ${plural(r.instances, `${r.block} instance`)}`]
        : [],
    // Fixed inputs hold no subscription data; renames, updates and moves keep it; creations add.
    deleteFixedInputs: none,
    createProducts: none,
    renameProducts: none,
    createFixedInputs: none,
    renameFixedInputs: none,
    createProductBlockLinks: none,
    createResourceTypes: none,
    renameResourceTypes: none,
    updateBlockResourceTypes: none,
    createResourceTypeLinks: none,
    createProductBlocks: none,
    renameProductBlocks: none,
    createBlockRelations: none,
    moveProductBlocks: none,
  }).flat();
  if (lines.length === 0) return undefined;
  return makeQuestion({
    id: "confirm-deletions",
    kind: "confirm-deletions",
    subject: {},
    header: HEADERS.confirmDeletions,
    prompt: `This migration deletes existing data:\n${lines.map((l) => `  - ${l}`).join("\n")}\nContinue?`,
    default: "false",
    constraints: { required: true },
  });
}

/**
 * One yes/no question listing the lists that instances hold fewer elements of than their `.min()`; none
 * when there are none. Yes fills them up to the minimum with new instances; no leaves them as they are
 * (the migration goes on): the diff never adds list elements nobody asked for.
 */
export function listFillConfirmation(cs: ChangeSet): Question | undefined {
  const lines = cs.createBlockRelations.flatMap((r) =>
    (r.belowMin ?? []).map(
      (l) =>
        `${plural(l.instances, `${r.block} instance`)} ${agree(l.instances, "holds", "hold")} fewer than ${l.min} in ${l.attribute}: ${plural(l.elements, `new ${r.dependsOn} instance`)}`,
    ),
  );
  if (lines.length === 0) return undefined;
  return makeQuestion({
    id: "confirm-list-fill",
    kind: "confirm-list-fill",
    subject: {},
    header: HEADERS.confirmListFill,
    prompt: `Existing instances hold fewer list elements than the models' minimum:\n${lines.map((l) => `  - ${l}`).join("\n")}\nCreate the missing elements?`,
    default: "false",
    constraints: { required: true, spec: { kind: "bool", list: false } },
  });
}
