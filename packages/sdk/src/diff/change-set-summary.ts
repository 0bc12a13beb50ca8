// Small helpers over a ChangeSet for front ends: "anything to do?" and "how much?".
import { CHANGE_KINDS } from "./change-kinds.ts";
import type { ChangeSet } from "./change-set.ts";

export function emptyChangeSet(): ChangeSet {
  const changeSet = Object.fromEntries(CHANGE_KINDS.map((key) => [key, []])) as unknown as ChangeSet;
  changeSet.renameCandidates = { resourceTypes: [], blockResourceTypes: [], fixedInputs: [] };
  changeSet.ignoredUpdates = [];
  return changeSet;
}

/** Number of entries that change the database (rename candidates and ignored updates are not changes). */
export function countChanges(changeSet: ChangeSet): number {
  return CHANGE_KINDS.reduce((total, key) => total + (changeSet[key]?.length ?? 0), 0);
}

export function isEmptyChangeSet(changeSet: ChangeSet): boolean {
  return countChanges(changeSet) === 0;
}
