// How many instances of a block will exist when the migration runs, which decides whether a new resource type
// link needs a default value. Existing instances, plus the root instances created for subscriptions of
// products newly linked to the block (and the sub-blocks of an existing block so linked), plus the instances
// created under in-use-by blocks of new relations (per attribute), plus the elements a fill of lists below
// their minimum would add. Unlike orchestrator-core (which stops at relations), sources add up (see
// docs/design.md, How the diff compares).
import { groupBy } from "../group-by.ts";
import type { ChangeSet } from "./change-set.ts";
import { nestedInstancesPerRoot, rootInstancesPerSubscription } from "./new-link-instances.ts";
import type { WorkingSnapshot } from "./working-snapshot.ts";

export function fillInstancesAtMigration(db: WorkingSnapshot, out: ChangeSet): void {
  // What each block gets from the new product block links, and the new relations by the block they
  // hold: gathered once, not searched again for every block (a first migration of a thousand products
  // spent half a second there).
  const fromLinks = new Map<string, number>();
  const add = (block: string, instances: number) =>
    fromLinks.set(block, (fromLinks.get(block) ?? 0) + instances);
  for (const link of out.createProductBlockLinks) {
    // A moved block's instances are there already, counted above: a move creates none. The
    // existing block's sub-blocks its new instances get: see new-link-instances.ts.
    const roots = link.subscriptions * rootInstancesPerSubscription(link);
    add(link.block, roots);
    for (const [nested, perRoot] of nestedInstancesPerRoot(link.block, link.nested ?? []))
      add(nested, roots * perRoot);
  }
  const relationsHolding = groupBy(
    out.createBlockRelations.filter((relation) => !relation.moved),
    (relation) => relation.dependsOn,
  );

  const memo = new Map<string, number>();
  const count = (block: string, visiting: Set<string>): number => {
    const known = memo.get(block);
    if (known !== undefined) return known;
    let total = db.blocks.get(block)?.instanceCount ?? 0;
    if (visiting.has(block)) return total; // a cycle of new relations: count one level only
    visiting.add(block);
    total += fromLinks.get(block) ?? 0;
    for (const relation of relationsHolding.get(block) ?? []) {
      total += count(relation.block, visiting) * relation.attributes.length;
      // Counted as if the fill were confirmed: the default-value question must be asked before it is.
      for (const list of relation.belowMin ?? []) total += list.elements;
    }
    visiting.delete(block);
    memo.set(block, total);
    return total;
  };
  for (const link of out.createResourceTypeLinks) link.instances = count(link.block, new Set());
  // What the impact multiplies: the relation's instances are created under new in-use-by instances too.
  for (const relation of out.createBlockRelations)
    if (relation.attributes.length > 0) relation.instancesAtMigration = count(relation.block, new Set());
}
