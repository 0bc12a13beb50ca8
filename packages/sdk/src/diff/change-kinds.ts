// The kinds of change a ChangeSet holds, as one union that every consumer is checked against. A consumer
// written as a ChangeVisitor (one entry per kind, as Kysely's operation-node visitors are) fails the type
// check when a new kind is added and it forgets it. See docs/design.md, "Change kinds".
import type { ChangeSet } from "./change-set.ts";

export type ChangeKind = Exclude<keyof ChangeSet, "renameCandidates" | "ignoredUpdates">;

/** One entry of a kind, e.g. ChangeOf<"createProducts"> is CreateProduct. */
export type ChangeOf<K extends ChangeKind> = ChangeSet[K][number];

/** A function per kind; the table's key order is the order visitChanges walks them in. */
export type ChangeVisitor<T> = { [K in ChangeKind]: (entry: ChangeOf<K>) => T };

// A Record, so that a kind missing here fails to compile; its key order is the change set's own order.
const KINDS = {
  createProducts: true,
  deleteProducts: true,
  renameProducts: true,
  createFixedInputs: true,
  deleteFixedInputs: true,
  renameFixedInputs: true,
  createProductBlockLinks: true,
  deleteProductBlockLinks: true,
  createResourceTypes: true,
  deleteResourceTypes: true,
  renameResourceTypes: true,
  updateBlockResourceTypes: true,
  createResourceTypeLinks: true,
  deleteResourceTypeLinks: true,
  createProductBlocks: true,
  deleteProductBlocks: true,
  renameProductBlocks: true,
  createBlockRelations: true,
  deleteBlockRelations: true,
  moveProductBlocks: true,
} as const satisfies Record<ChangeKind, true>;

export const CHANGE_KINDS = Object.keys(KINDS) as ChangeKind[];

/**
 * Every entry of the change set through the visitor, kind by kind in the visitor's key order (so a front
 * end orders its output by writing its table in that order), entries in change-set order.
 */
export function visitChanges<T>(changes: ChangeSet, visitor: ChangeVisitor<T>): T[] {
  const out: T[] = [];
  for (const kind of Object.keys(visitor) as ChangeKind[]) {
    const visit = visitor[kind] as (entry: ChangeOf<ChangeKind>) => T;
    for (const entry of (changes[kind] ?? []) as ChangeOf<ChangeKind>[]) out.push(visit(entry));
  }
  return out;
}
