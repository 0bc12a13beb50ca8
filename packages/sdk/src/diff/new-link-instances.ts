// How many instances a block newly linked to a product creates in each existing subscription: its root
// instances, and the sub-blocks they need (the nested backfill). Each nested entry runs as one statement
// over every instance of its holder block reached from the new roots when it runs, those the entries
// before it created included. So a required field that leads back to a block already instantiated
// (B.f: B, or A → B → A) adds one more level of instances, not one instance.
import type { NestedInstance, ProductBlockLink } from "./change-set.ts";

/** New root instances per subscription (a link without the count: one per attribute, as before). */
export function rootInstancesPerSubscription(link: ProductBlockLink): number {
  if (link.moved) return 0;
  return link.instancesPerSubscription ?? Math.max(1, link.attributes.length);
}

/** Instances created per new root instance, by block. */
export function nestedInstancesPerRoot(root: string, nested: readonly NestedInstance[]): Map<string, number> {
  const reached = new Map<string, number>([[root, 1]]);
  const created = new Map<string, number>();
  for (const entry of nested) {
    const holders = reached.get(entry.block) ?? 0;
    reached.set(entry.dependsOn, (reached.get(entry.dependsOn) ?? 0) + holders);
    created.set(entry.dependsOn, (created.get(entry.dependsOn) ?? 0) + holders);
  }
  return created;
}

/** All instances created per new root instance, whatever their block. */
export function nestedInstanceTotal(root: string, nested: readonly NestedInstance[]): number {
  let total = 0;
  for (const n of nestedInstancesPerRoot(root, nested).values()) total += n;
  return total;
}
