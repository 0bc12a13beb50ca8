// What each upgrade step writes, one entry per step of UPGRADE_ORDER (statement-order.ts). A Record over
// the steps, so that a change kind without an upgrade fails the type check.
import type { ChangeSet } from "../diff/change-set.ts";
import { type Answers, own } from "../questions/answers.ts";
import { backfillStatements } from "./backfill-steps.ts";
import { pick } from "./pick.ts";
import { PlanError } from "./plan-errors.ts";
import type { Statement } from "./statement.ts";
import type { UpgradeStep } from "./statement-order.ts";

/** Status written for new products and blocks, as orchestrator-core does. */
export const NEW_ROW_STATUS = "active";

export type UpgradeBuilder = (cs: ChangeSet, answers: Answers) => Statement[];

export const UPGRADE_STEPS: Record<UpgradeStep, UpgradeBuilder> = {
  renameProducts: (cs) => cs.renameProducts.map((r) => ({ kind: "renameProduct", from: r.from, to: r.to })),
  renameProductBlocks: (cs) =>
    cs.renameProductBlocks.map((r) => ({ kind: "renameProductBlock", from: r.from, to: r.to })),
  renameResourceTypes: (cs) =>
    cs.renameResourceTypes.map((r) => ({ kind: "renameResourceType", from: r.from, to: r.to })),
  renameFixedInputs: (cs) =>
    cs.renameFixedInputs.map((r) => ({ kind: "renameFixedInput", ...pick(r, "product", "from", "to") })),
  moveProductBlocks: (cs) =>
    (cs.moveProductBlocks ?? []).map((m) => ({
      kind: "moveBlockInstances",
      ...pick(m, "block", "from", "to", "products"),
      holderMissing: "stop",
    })),
  deleteResourceTypeLinks: (cs) =>
    cs.deleteResourceTypeLinks.map((l) => ({
      kind: "deleteResourceTypeLink",
      ...pick(l, "block", "resourceType"),
    })),
  deleteBlockRelations: (cs) =>
    cs.deleteBlockRelations.map(
      (r): Statement =>
        r.existing
          ? { kind: "deleteNestedInstances", ...pick(r, "block", "dependsOn"), attributes: r.attributes }
          : { kind: "deleteBlockRelation", ...pick(r, "block", "dependsOn") },
    ),
  deleteProductBlockLinks: (cs) =>
    cs.deleteProductBlockLinks.map((l) => ({
      kind: "deleteProductBlockLink",
      ...pick(l, "product", "block"),
    })),
  deleteProductBlocks: (cs) =>
    cs.deleteProductBlocks.map((d) => ({ kind: "deleteProductBlock", block: d.block })),
  deleteFixedInputs: (cs) =>
    cs.deleteFixedInputs.map((d) => ({ kind: "deleteFixedInput", ...pick(d, "product", "fixedInput") })),
  deleteProducts: (cs) => cs.deleteProducts.map((d) => ({ kind: "deleteProduct", product: d.product })),
  createProducts: (cs, answers) =>
    cs.createProducts.map((c) => {
      const a =
        own(answers.products, c.product) ?? missing(`the description and tag of new product '${c.product}'`);
      return {
        kind: "createProduct",
        product: c.product,
        productType: c.productType,
        ...a,
        status: NEW_ROW_STATUS,
      };
    }),
  createFixedInputs: (cs, answers) =>
    cs.createFixedInputs.map((c) => {
      const value =
        own(own(answers.fixedInputs, c.product), c.fixedInput) ??
        missing(`the value of fixed input '${c.fixedInput}' of product '${c.product}'`);
      return { kind: "createFixedInput", product: c.product, fixedInput: c.fixedInput, value };
    }),
  createProductBlocks: (cs, answers) =>
    cs.createProductBlocks.map((c) => {
      const a =
        own(answers.blocks, c.block) ?? missing(`the description and tag of new product block '${c.block}'`);
      return { kind: "createProductBlock", block: c.block, ...a, status: NEW_ROW_STATUS };
    }),
  createResourceTypes: (cs, answers) =>
    cs.createResourceTypes.map((c) => {
      const a =
        own(answers.resourceTypes, c.resourceType) ??
        missing(`the description of new resource type '${c.resourceType}'`);
      return { kind: "createResourceType", resourceType: c.resourceType, description: a.description };
    }),
  updateBlockResourceTypes: (cs) =>
    cs.updateBlockResourceTypes.map((u) => ({
      kind: "updateBlockResourceType",
      ...pick(u, "block", "from", "to"),
    })),
  deleteResourceTypes: (cs) =>
    cs.deleteResourceTypes.map((d) => ({ kind: "deleteResourceType", resourceType: d.resourceType })),
  createProductBlockLinks: (cs) =>
    cs.createProductBlockLinks.map((l) => ({
      kind: "createProductBlockLink",
      ...pick(l, "product", "block"),
    })),
  // A relation whose row exists already only gains attributes: the backfills create their instances.
  createBlockRelations: (cs) =>
    cs.createBlockRelations
      .filter((r) => !r.existing)
      .map((r) => ({ kind: "createBlockRelation", ...pick(r, "block", "dependsOn") })),
  createResourceTypeLinks: (cs) =>
    cs.createResourceTypeLinks.map((l) => ({
      kind: "createResourceTypeLink",
      ...pick(l, "block", "resourceType"),
    })),
  backfills: backfillStatements,
};

function missing(what: string): never {
  throw PlanError.missingAnswer(what);
}
