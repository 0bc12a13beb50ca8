// The exact deletion counts (`deleted`, counted in the database by project/count-deletions.ts) of one
// change set, copied to another diff of the same snapshot. Re-diffing with rename decisions keeps the
// deletions that are not renamed away, and deletes the same rows, so their counts still hold.
import type { ChangeSet, DeletedRows } from "./change-set.ts";

export function carryDeletedCounts(from: ChangeSet, to: ChangeSet): void {
  const carry = <T extends { deleted?: DeletedRows }>(
    source: readonly T[],
    target: readonly T[],
    key: (entry: T) => string,
  ) => {
    const counted = new Map(source.flatMap((e) => (e.deleted ? [[key(e), e.deleted] as const] : [])));
    for (const entry of target) {
      const deleted = counted.get(key(entry));
      if (deleted) entry.deleted = { ...deleted };
    }
  };
  carry(from.deleteBlockRelations, to.deleteBlockRelations, (r) =>
    JSON.stringify([r.block, r.dependsOn, r.existing ?? false, r.attributes ?? []]),
  );
  carry(from.deleteProductBlockLinks, to.deleteProductBlockLinks, (l) =>
    JSON.stringify([l.product, l.block]),
  );
  carry(from.deleteProductBlocks, to.deleteProductBlocks, (d) => d.block);
}
