// Small helpers over a ChangeSet for front ends: "anything to do?" and "how much?".
import type { ChangeSet } from "./change-set.ts";

type ChangeKey = Exclude<keyof ChangeSet, "renameCandidates" | "ignoredUpdates">;

export const CHANGE_KEYS = [
  "createProducts",
  "deleteProducts",
  "renameProducts",
  "createFixedInputs",
  "deleteFixedInputs",
  "renameFixedInputs",
  "createProductBlockLinks",
  "deleteProductBlockLinks",
  "createResourceTypes",
  "deleteResourceTypes",
  "renameResourceTypes",
  "updateBlockResourceTypes",
  "createResourceTypeLinks",
  "deleteResourceTypeLinks",
  "createProductBlocks",
  "deleteProductBlocks",
  "renameProductBlocks",
  "createBlockRelations",
  "deleteBlockRelations",
  "moveProductBlocks",
] as const satisfies readonly ChangeKey[];

export function emptyChangeSet(): ChangeSet {
  const changeSet = Object.fromEntries(CHANGE_KEYS.map((key) => [key, []])) as unknown as ChangeSet;
  changeSet.renameCandidates = { resourceTypes: [], blockResourceTypes: [], fixedInputs: [] };
  changeSet.ignoredUpdates = [];
  return changeSet;
}

/** Number of entries that change the database (rename candidates and ignored updates are not changes). */
export function countChanges(changeSet: ChangeSet): number {
  return CHANGE_KEYS.reduce((total, key) => total + (changeSet[key]?.length ?? 0), 0);
}

export function isEmptyChangeSet(changeSet: ChangeSet): boolean {
  return countChanges(changeSet) === 0;
}
