// What each downgrade step writes, one entry per step of DOWNGRADE_ORDER (statement-order.ts): what the
// upgrade created is removed, what it deleted is restored as far as the change set and the restore rows
// know it, and renames are reversed. A Record over the steps, so that a change kind without a downgrade
// fails the type check.
import type { ChangeSet } from "../diff/change-set.ts";
import { own } from "../questions/answers.ts";
import { pairKey, type RestoreRows } from "../snapshot/read-restore-rows.ts";
import { parentsFirst } from "./backfill-steps.ts";
import { pick } from "./pick.ts";
import type { RestoredIdentity, Statement } from "./statement.ts";
import type { DowngradeStep } from "./statement-order.ts";
import { NEW_ROW_STATUS } from "./upgrade-steps.ts";

export type DowngradeBuilder = (cs: ChangeSet, rows: RestoreRows) => Statement[];

const reversed = <T>(items: readonly T[]): T[] => [...items].reverse();

export const DOWNGRADE_STEPS: Record<DowngradeStep, DowngradeBuilder> = {
  moveProductBlocks: (cs) =>
    reversed(cs.moveProductBlocks ?? []).map((m) => ({
      kind: "moveBlockInstances",
      block: m.block,
      from: m.to,
      to: m.from,
      products: m.products,
      holderMissing: "leave",
    })),
  createResourceTypeLinks: (cs) =>
    cs.createResourceTypeLinks.map((l) => ({
      kind: "deleteResourceTypeLink",
      ...pick(l, "block", "resourceType"),
    })),
  deleteResourceTypes: (cs, rows) =>
    cs.deleteResourceTypes.map((d) => {
      const row = own(rows.resourceTypes, d.resourceType);
      return {
        kind: "createResourceType",
        resourceType: d.resourceType,
        description: d.description ?? null,
        ...(row ? { restoredId: row.id } : {}),
      };
    }),
  updateBlockResourceTypes: (cs) =>
    cs.updateBlockResourceTypes.map((u) => ({
      kind: "updateBlockResourceType",
      block: u.block,
      from: u.to,
      to: u.from,
    })),
  createResourceTypes: (cs) =>
    cs.createResourceTypes.map((c) => ({ kind: "deleteResourceType", resourceType: c.resourceType })),
  createProductBlockLinks: (cs) =>
    cs.createProductBlockLinks.map((l) => ({
      kind: "deleteProductBlockLink",
      ...pick(l, "product", "block"),
    })),
  // Children before parents: the nested instances a relation's backfill created go with it.
  createBlockRelations: (cs) =>
    reversed(parentsFirst(cs.createBlockRelations)).flatMap((r): Statement[] => [
      { kind: "deleteNestedInstances", ...pick(r, "block", "dependsOn"), attributes: r.attributes },
      ...(r.existing ? [] : [{ kind: "deleteBlockRelation", ...pick(r, "block", "dependsOn") } as const]),
    ]),
  createFixedInputs: (cs) =>
    cs.createFixedInputs.map((c) => ({ kind: "deleteFixedInput", ...pick(c, "product", "fixedInput") })),
  createProductBlocks: (cs) =>
    cs.createProductBlocks.map((c) => ({ kind: "deleteProductBlock", block: c.block })),
  createProducts: (cs) => cs.createProducts.map((c) => ({ kind: "deleteProduct", product: c.product })),

  deleteProductBlocks: (cs, rows) =>
    cs.deleteProductBlocks.map((d) => ({
      kind: "createProductBlock",
      block: d.block,
      description: d.description ?? "",
      tag: d.tag ?? null,
      status: d.status ?? NEW_ROW_STATUS,
      ...restoredIdentity(own(rows.blocks, d.block)),
    })),
  // A deleted product comes back with its fixed inputs and block links, but its subscriptions (deleted
  // with it) cannot; links to rows that did not come back are skipped by the `restore` form.
  deleteProducts: (cs, rows) =>
    cs.deleteProducts.flatMap(({ product, restore }): Statement[] => {
      if (!restore) return [];
      const row = own(rows.products, product);
      return [
        {
          kind: "createProduct",
          product,
          ...pick(restore, "productType", "description", "tag", "status"),
          ...(row
            ? { restored: { ...pick(row, "id", "createdAt", "endDate"), workflows: row.workflows } }
            : {}),
        },
      ];
    }),
  deleteFixedInputs: (cs, rows) =>
    cs.deleteFixedInputs.map((d) => ({
      kind: "createFixedInput",
      ...pick(d, "product", "fixedInput", "value"),
      restore: true,
      ...restoredFixedInput(rows, d.product, d.fixedInput),
    })),
  "deleteProducts.fixedInputs": (cs, rows) =>
    cs.deleteProducts.flatMap(({ product, restore }) =>
      (restore?.fixedInputs ?? []).map(
        (fi): Statement => ({
          kind: "createFixedInput",
          product,
          fixedInput: fi.name,
          value: fi.value,
          restore: true,
          ...restoredFixedInput(rows, product, fi.name),
        }),
      ),
    ),
  deleteProductBlockLinks: (cs) =>
    cs.deleteProductBlockLinks.map((l) => ({
      kind: "createProductBlockLink",
      ...pick(l, "product", "block"),
      restore: true,
    })),
  "deleteProducts.blockLinks": (cs) =>
    cs.deleteProducts.flatMap(({ product, restore }) =>
      (restore?.blocks ?? []).map(
        (block): Statement => ({ kind: "createProductBlockLink", product, block, restore: true }),
      ),
    ),
  deleteBlockRelations: (cs, rows) =>
    cs.deleteBlockRelations
      .filter((r) => !r.existing)
      .map((r) => {
        const bounds = own(rows.relations, pairKey(r.block, r.dependsOn));
        return {
          kind: "createBlockRelation",
          ...pick(r, "block", "dependsOn"),
          restore: true,
          ...(bounds ? { bounds } : {}),
        };
      }),
  // A deleted block's own relations and resource type links went with it (ON DELETE CASCADE).
  "deleteProductBlocks.relations": (cs, rows) =>
    cs.deleteProductBlocks.flatMap(({ block }) =>
      (own(rows.blocks, block)?.dependsOn ?? []).map(
        (relation): Statement => ({
          kind: "createBlockRelation",
          block,
          dependsOn: relation.dependsOn,
          restore: true,
          bounds: { min: relation.min, max: relation.max },
        }),
      ),
    ),
  "deleteProductBlocks.resourceTypeLinks": (cs, rows) =>
    cs.deleteProductBlocks.flatMap(({ block }) =>
      (own(rows.blocks, block)?.resourceTypes ?? []).map(
        (resourceType): Statement => ({ kind: "createResourceTypeLink", block, resourceType, restore: true }),
      ),
    ),
  deleteResourceTypeLinks: (cs) =>
    cs.deleteResourceTypeLinks.map((l) => ({
      kind: "createResourceTypeLink",
      ...pick(l, "block", "resourceType"),
      restore: true,
    })),

  renameFixedInputs: (cs) =>
    reversed(cs.renameFixedInputs).map((r) => ({
      kind: "renameFixedInput",
      product: r.product,
      from: r.to,
      to: r.from,
    })),
  renameResourceTypes: (cs) =>
    reversed(cs.renameResourceTypes).map((r) => ({ kind: "renameResourceType", from: r.to, to: r.from })),
  renameProductBlocks: (cs) =>
    reversed(cs.renameProductBlocks).map((r) => ({ kind: "renameProductBlock", from: r.to, to: r.from })),
  renameProducts: (cs) =>
    reversed(cs.renameProducts).map((r) => ({ kind: "renameProduct", from: r.to, to: r.from })),
};

function restoredIdentity(row: RestoreRows["blocks"][string] | undefined): { restored?: RestoredIdentity } {
  return row ? { restored: pick(row, "id", "createdAt", "endDate") } : {};
}

function restoredFixedInput(
  rows: RestoreRows,
  product: string,
  fixedInput: string,
): { restored?: { id: string; createdAt: string } } {
  const row = own(rows.fixedInputs, pairKey(product, fixedInput));
  return row ? { restored: row } : {};
}
