// What comparing the models with a database gives: the snapshot it read and the change set. Renames are
// resolved by diffing the same snapshot again with the chosen renames, so both travel together.
import type { Snapshot } from "../snapshot/snapshot.ts";
import type { ChangeSet } from "./change-set.ts";

export interface Comparison {
  snapshot: Snapshot;
  changes: ChangeSet;
}
