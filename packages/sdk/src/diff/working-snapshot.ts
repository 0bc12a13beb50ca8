// A copy of the snapshot as it will look once the renames have run. Renames are applied to the copy
// first; the plain set comparisons that follow then see renamed rows under their new names, so a
// rename never also shows up as a delete plus a create.
import type { Snapshot, SnapshotBlock, SnapshotProduct, SnapshotResourceType } from "../snapshot/snapshot.ts";

export class WorkingSnapshot {
  readonly products = new Map<string, SnapshotProduct>();
  readonly blocks = new Map<string, SnapshotBlock>();
  readonly resourceTypes = new Map<string, SnapshotResourceType>();

  constructor(snapshot: Snapshot) {
    const copy = structuredClone(snapshot);
    for (const product of copy.products) this.products.set(product.name, product);
    for (const block of copy.blocks) this.blocks.set(block.name, block);
    for (const resourceType of copy.resourceTypes) this.resourceTypes.set(resourceType.name, resourceType);
  }

  renameProduct(from: string, to: string): void {
    const product = this.products.get(from)!;
    this.products.delete(from);
    product.name = to;
    this.products.set(to, product);
  }

  renameBlock(from: string, to: string): void {
    const block = this.blocks.get(from)!;
    this.blocks.delete(from);
    block.name = to;
    this.blocks.set(to, block);
    for (const other of this.blocks.values()) {
      for (const relation of other.dependsOn) if (relation.block === from) relation.block = to;
    }
    for (const product of this.products.values())
      product.blocks = product.blocks.map((b) => (b === from ? to : b));
  }

  /** Renames the resource_types row: every block linked to it follows. */
  renameResourceType(from: string, to: string): void {
    const resourceType = this.resourceTypes.get(from)!;
    this.resourceTypes.delete(from);
    resourceType.name = to;
    this.resourceTypes.set(to, resourceType);
    for (const block of this.blocks.values()) this.relinkBlock(block, from, to);
  }

  /** Re-points one block's link (and its values); the old resource type row stays. Returns values moved. */
  relinkBlockResourceType(blockName: string, from: string, to: string): number {
    const block = this.blocks.get(blockName)!;
    const moved = block.valueCounts[from] ?? 0;
    this.relinkBlock(block, from, to);
    const old = this.resourceTypes.get(from);
    if (old) old.valueCount = Math.max(0, old.valueCount - moved);
    return moved;
  }

  renameFixedInput(productName: string, from: string, to: string): void {
    for (const fixedInput of this.products.get(productName)!.fixedInputs)
      if (fixedInput.name === from) fixedInput.name = to;
  }

  private relinkBlock(block: SnapshotBlock, from: string, to: string): void {
    if (!block.resourceTypes.includes(from)) return;
    block.resourceTypes = block.resourceTypes.map((rt) => (rt === from ? to : rt));
    if (from in block.valueCounts) {
      block.valueCounts[to] = block.valueCounts[from]!;
      delete block.valueCounts[from];
    }
  }
}

export function byName<T>(items: Iterable<T>, name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareNames(name(a), name(b)));
}

/** Code-point order: the same on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
