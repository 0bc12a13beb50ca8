// diff(model, snapshot, updates): the change set (docs/design.md, "The pipeline" and "Change kinds").
import type { DomainModel } from "../model/domain-model.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { diffBlocks } from "./block-diff.ts";
import { inferBlockMoves } from "./block-moves.ts";
import type { ChangeSet, Updates } from "./change-set.ts";
import { emptyChangeSet } from "./change-set-summary.ts";
import { fillInstancesAtMigration } from "./instances-at-migration.ts";
import { diffProducts } from "./product-diff.ts";
import { renameCandidates } from "./rename-candidates.ts";
import { applyRenames } from "./renames.ts";
import { diffResourceTypes } from "./resource-type-diff.ts";
import { WorkingSnapshot } from "./working-snapshot.ts";

/**
 * What must change in the database for it to match the models. Pure and deterministic: registry order for
 * products, discovery order for blocks, then names.
 *
 * @param model - from `loadRegistry`.
 * @param snapshot - from `readSnapshot` / `compareWithDatabase`.
 * @param updates - rename decisions (the --updates shape, plus `products` and `product_blocks`), applied in
 * orchestrator-core's order before anything else is compared; entries that cannot apply are reported in
 * `ignoredUpdates`. See docs/design.md, "How renames resolve".
 * @example
 * const changes = diff(model, snapshot, { resource_types: { age: "years" } });
 * if (isEmptyChangeSet(changes)) console.log("the database matches the models");
 */
export function diff(model: DomainModel, snapshot: Snapshot, updates?: Updates): ChangeSet {
  const db = new WorkingSnapshot(snapshot);
  const out = emptyChangeSet();
  const renames = applyRenames(model, db, updates);
  out.renameProducts = renames.renameProducts;
  out.renameProductBlocks = renames.renameProductBlocks;
  out.renameResourceTypes = renames.renameResourceTypes;
  out.updateBlockResourceTypes = renames.updateBlockResourceTypes;
  out.renameFixedInputs = renames.renameFixedInputs;
  out.ignoredUpdates = renames.ignoredUpdates;

  diffProducts(model, db, out);
  diffBlocks(model, db, out);
  inferBlockMoves(model, db, out);
  diffResourceTypes(model, db, out);
  fillInstancesAtMigration(db, out);
  out.renameCandidates = renameCandidates(model, db, out);
  return out;
}
