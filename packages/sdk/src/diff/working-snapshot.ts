// The snapshot as it will look once the renames have run. Renames are applied here first; the plain set
// comparisons that follow then see renamed rows under their new names, so a rename never also shows up
// as a delete plus a create. Rows are copied only when a rename changes them (copy on write): most diffs
// have no renames, and cloning a large snapshot on every diff was a quarter of its time.
import type { Snapshot, SnapshotBlock, SnapshotProduct, SnapshotResourceType } from "../snapshot/snapshot.ts";
import { compareNames } from "../sort-names.ts";

export class WorkingSnapshot {
  readonly products: Map<string, SnapshotProduct>;
  readonly blocks: Map<string, SnapshotBlock>;
  readonly resourceTypes: Map<string, SnapshotResourceType>;
  /** Rows copied from the snapshot, which this object may change; the snapshot itself stays untouched. */
  readonly #owned = new Set<object>();

  constructor(snapshot: Snapshot) {
    const index = indexOf(snapshot);
    this.products = new Map(index.products);
    this.blocks = new Map(index.blocks);
    this.resourceTypes = new Map(index.resourceTypes);
  }

  renameProduct(from: string, to: string): void {
    const product = this.#own(this.products, from);
    this.products.delete(from);
    product.name = to;
    this.products.set(to, product);
  }

  renameBlock(from: string, to: string): void {
    const block = this.#own(this.blocks, from);
    this.blocks.delete(from);
    block.name = to;
    this.blocks.set(to, block);
    for (const [name, other] of this.blocks) {
      if (!other.dependsOn.some((relation) => relation.block === from)) continue;
      for (const relation of this.#own(this.blocks, name).dependsOn)
        if (relation.block === from) relation.block = to;
    }
    for (const [name, product] of this.products) {
      if (!product.blocks.includes(from)) continue;
      const owned = this.#own(this.products, name);
      owned.blocks = owned.blocks.map((b) => (b === from ? to : b));
    }
  }

  /** Renames the resource_types row: every block linked to it follows. */
  renameResourceType(from: string, to: string): void {
    const resourceType = this.#own(this.resourceTypes, from);
    this.resourceTypes.delete(from);
    resourceType.name = to;
    this.resourceTypes.set(to, resourceType);
    for (const [name, block] of this.blocks)
      if (block.resourceTypes.includes(from)) this.#relinkBlock(name, from, to);
  }

  /** Re-points one block's link (and its values); the old resource type row stays. Returns values moved. */
  relinkBlockResourceType(blockName: string, from: string, to: string): number {
    const moved = this.blocks.get(blockName)!.valueCounts[from] ?? 0;
    this.#relinkBlock(blockName, from, to);
    if (this.resourceTypes.has(from)) {
      const old = this.#own(this.resourceTypes, from);
      old.valueCount = Math.max(0, old.valueCount - moved);
    }
    return moved;
  }

  renameFixedInput(productName: string, from: string, to: string): void {
    for (const fixedInput of this.#own(this.products, productName).fixedInputs)
      if (fixedInput.name === from) fixedInput.name = to;
  }

  #relinkBlock(blockName: string, from: string, to: string): void {
    if (!this.blocks.get(blockName)!.resourceTypes.includes(from)) return;
    const block = this.#own(this.blocks, blockName);
    block.resourceTypes = block.resourceTypes.map((rt) => (rt === from ? to : rt));
    if (from in block.valueCounts) {
      block.valueCounts[to] = block.valueCounts[from]!;
      delete block.valueCounts[from];
    }
  }

  /** The row under `key`, copied on first change so the caller's snapshot is never modified. */
  #own<T extends object>(map: Map<string, T>, key: string): T {
    const current = map.get(key)!;
    if (this.#owned.has(current)) return current;
    const copy = structuredClone(current);
    this.#owned.add(copy);
    map.set(key, copy);
    return copy;
  }
}

interface SnapshotIndex {
  products: Map<string, SnapshotProduct>;
  blocks: Map<string, SnapshotBlock>;
  resourceTypes: Map<string, SnapshotResourceType>;
}

/**
 * The snapshot's rows by name, built once per snapshot: an editor diffs every save against the same
 * read, and copying a map is several times faster than filling one (tens of thousands of rows).
 */
const indexes = new WeakMap<Snapshot, SnapshotIndex>();

function indexOf(snapshot: Snapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = {
      products: new Map(snapshot.products.map((row) => [row.name, row])),
      blocks: new Map(snapshot.blocks.map((row) => [row.name, row])),
      resourceTypes: new Map(snapshot.resourceTypes.map((row) => [row.name, row])),
    };
    indexes.set(snapshot, index);
  }
  return index;
}

/** In name order (code points, as everywhere). Callers sort only the rows they report (deletions), not every row the database holds. */
export function byName<T>(items: Iterable<T>, name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareNames(name(a), name(b)));
}
