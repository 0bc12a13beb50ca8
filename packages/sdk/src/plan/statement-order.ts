// The order of a migration's statements, as data: one row per step, naming the change kind whose entries
// it turns into statements and orchestrator-core's step for the same work, so that the two orders can be
// compared at a glance. planMigration walks these rows; docs/design.md, "Statement order", shows the same
// tables (statement-order.test.ts checks that they agree).
import type { ChangeKind } from "../diff/change-kinds.ts";

/** An upgrade step: one per change kind, plus the backfills of existing subscriptions. */
export type UpgradeStep = ChangeKind | "backfills";

/**
 * A downgrade step: one per change kind, plus the parts of a deleted product or block that come back
 * after their own rows (its fixed inputs and block links; its relations and resource type links).
 */
export type DowngradeStep =
  | ChangeKind
  | "deleteProducts.fixedInputs"
  | "deleteProducts.blockLinks"
  | "deleteProductBlocks.relations"
  | "deleteProductBlocks.resourceTypeLinks";

export interface OrderRow<S extends string> {
  step: S;
  /** What the step writes, in statement kinds (plan/statement.ts). */
  statements: string;
  /** orchestrator-core's step number for the same work ("—" when it has none). */
  core: string;
}

export const UPGRADE_ORDER: readonly OrderRow<UpgradeStep>[] = [
  // Renames first: everything after refers to the new names.
  { step: "renameProducts", statements: "renameProduct", core: "—" },
  { step: "renameProductBlocks", statements: "renameProductBlock", core: "—" },
  { step: "renameResourceTypes", statements: "renameResourceType", core: "2" },
  { step: "renameFixedInputs", statements: "renameFixedInput", core: "1" },
  // Moves before the deletions: the instances they re-parent are then no longer under the lost holder.
  { step: "moveProductBlocks", statements: "moveBlockInstances", core: "—" },
  // Deletions from the leaves inwards.
  { step: "deleteResourceTypeLinks", statements: "deleteResourceTypeLink", core: "3" },
  { step: "deleteBlockRelations", statements: "deleteBlockRelation, deleteNestedInstances", core: "4" },
  { step: "deleteProductBlockLinks", statements: "deleteProductBlockLink", core: "5" },
  { step: "deleteProductBlocks", statements: "deleteProductBlock", core: "7" },
  { step: "deleteFixedInputs", statements: "deleteFixedInput", core: "8" },
  { step: "deleteProducts", statements: "deleteProduct", core: "9" },
  // Creations from the roots outwards.
  { step: "createProducts", statements: "createProduct", core: "10" },
  { step: "createFixedInputs", statements: "createFixedInput", core: "11" },
  { step: "createProductBlocks", statements: "createProductBlock", core: "12" },
  { step: "createResourceTypes", statements: "createResourceType", core: "13" },
  { step: "updateBlockResourceTypes", statements: "updateBlockResourceType", core: "14, 15" },
  // After the updates: the old type of a per-block update is often the one deleted, and deleting it
  // first would cascade away the very link and values the update moves.
  { step: "deleteResourceTypes", statements: "deleteResourceType", core: "6" },
  { step: "createProductBlockLinks", statements: "createProductBlockLink", core: "16" },
  { step: "createBlockRelations", statements: "createBlockRelation", core: "17" },
  { step: "createResourceTypeLinks", statements: "createResourceTypeLink", core: "18" },
  // Last, once every row and link exists: existing subscriptions get their instances and values.
  {
    step: "backfills",
    statements: "instantiateRootBlock, instantiateNestedBlock, fillListToMin, backfillResourceType",
    core: "19, 20, 21",
  },
];

export const DOWNGRADE_ORDER: readonly OrderRow<DowngradeStep>[] = [
  // Moved instances go back under their former holder before what the upgrade created (and would delete
  // with its instances) is removed.
  { step: "moveProductBlocks", statements: "moveBlockInstances", core: "—" },
  // What the upgrade created goes, from the leaves inwards.
  { step: "createResourceTypeLinks", statements: "deleteResourceTypeLink", core: "1" },
  // A deleted type comes back before the updates are reversed: they re-point links and values to it.
  { step: "deleteResourceTypes", statements: "createResourceType", core: "—" },
  { step: "updateBlockResourceTypes", statements: "updateBlockResourceType", core: "2, 3" },
  { step: "createResourceTypes", statements: "deleteResourceType", core: "4" },
  { step: "createProductBlockLinks", statements: "deleteProductBlockLink", core: "5" },
  { step: "createBlockRelations", statements: "deleteNestedInstances, deleteBlockRelation", core: "6" },
  { step: "createFixedInputs", statements: "deleteFixedInput", core: "7" },
  { step: "createProductBlocks", statements: "deleteProductBlock", core: "8" },
  { step: "createProducts", statements: "deleteProduct", core: "9" },
  // What the upgrade deleted comes back: rows first, then the links that refer to them.
  { step: "deleteProductBlocks", statements: "createProductBlock", core: "—" },
  { step: "deleteProducts", statements: "createProduct", core: "—" },
  { step: "deleteFixedInputs", statements: "createFixedInput", core: "10" },
  { step: "deleteProducts.fixedInputs", statements: "createFixedInput", core: "—" },
  { step: "deleteProductBlockLinks", statements: "createProductBlockLink", core: "—" },
  { step: "deleteProducts.blockLinks", statements: "createProductBlockLink", core: "—" },
  { step: "deleteBlockRelations", statements: "createBlockRelation", core: "—" },
  { step: "deleteProductBlocks.relations", statements: "createBlockRelation", core: "—" },
  { step: "deleteProductBlocks.resourceTypeLinks", statements: "createResourceTypeLink", core: "—" },
  { step: "deleteResourceTypeLinks", statements: "createResourceTypeLink", core: "—" },
  // Renames are reversed last, in the opposite order of the upgrade.
  { step: "renameFixedInputs", statements: "renameFixedInput", core: "12" },
  { step: "renameResourceTypes", statements: "renameResourceType", core: "11" },
  { step: "renameProductBlocks", statements: "renameProductBlock", core: "—" },
  { step: "renameProducts", statements: "renameProduct", core: "—" },
];
