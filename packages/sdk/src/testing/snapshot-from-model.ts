// Test helper: the snapshot a database built from `model` would have (what running its migration gives).
// `answers` adds existing data: subscriptions per product and instances per block, so counts can be
// asserted; instance relations then carry every model attribute (as the migration would create them).
import type { DomainModel } from "../model/domain-model.ts";
import type { Snapshot, SnapshotBlock, SnapshotProduct, SnapshotResourceType } from "../snapshot/snapshot.ts";
import { compareNames, sortNames } from "../sort-names.ts";

export interface SnapshotAnswers {
  subscriptions?: Record<string, number>;
  instances?: Record<string, number>;
  /** Values per block and resource type; default: one per instance. */
  values?: Record<string, Record<string, number>>;
}

const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => compareNames(a.name, b.name));

export function snapshotFromModel(model: DomainModel, answers: SnapshotAnswers = {}): Snapshot {
  const products: SnapshotProduct[] = model.products.map((product, index) => {
    const type = model.productTypes[product.productType]!;
    return {
      id: `p-${index}`,
      name: product.name,
      description: product.description ?? product.name,
      productType: type.name,
      tag: product.tag ?? "TAG",
      status: "active",
      fixedInputs: byName(
        type.fixedInputs.map((fi) => ({ name: fi.name, value: product.fixedInputValues[fi.name] ?? "x" })),
      ),
      blocks: sortNames(new Set(type.blockFields.flatMap((f) => f.blocks))),
      subscriptionCount: answers.subscriptions?.[product.name] ?? 0,
      instanceCount: 0,
      valueCount: 0,
    };
  });
  const blocks: SnapshotBlock[] = model.blocks.map((block, index) => {
    const instanceCount = answers.instances?.[block.name] ?? 0;
    const dependsOn = new Map<string, string[]>();
    for (const field of block.blockFields) {
      for (const dep of field.blocks) dependsOn.set(dep, [...(dependsOn.get(dep) ?? []), field.attribute]);
    }
    return {
      id: `b-${index}`,
      name: block.name,
      description: block.description ?? block.name,
      tag: block.tag ?? null,
      status: "active",
      resourceTypes: sortNames(block.resourceTypes.map((rt) => rt.name)),
      dependsOn: [...dependsOn]
        .map(([name, attributes]) => ({
          block: name,
          attributes: instanceCount > 0 ? sortNames(attributes) : [],
        }))
        .sort((a, b) => compareNames(a.block, b.block)),
      instanceCount,
      valueCounts: Object.fromEntries(
        block.resourceTypes.map((rt) => [rt.name, answers.values?.[block.name]?.[rt.name] ?? instanceCount]),
      ),
      // Every attribute filled: one instance each, as many as a list's minimum asks.
      attributeSizes: Object.fromEntries(
        instanceCount === 0
          ? []
          : block.blockFields.map((f) => [
              f.attribute,
              [{ size: Math.max(1, f.min ?? 0), instances: instanceCount }],
            ]),
      ),
    };
  });
  const valueCount = new Map<string, number>();
  for (const block of blocks) {
    for (const [rt, count] of Object.entries(block.valueCounts))
      valueCount.set(rt, (valueCount.get(rt) ?? 0) + count);
  }
  const resourceTypes: SnapshotResourceType[] = [...valueCount].map(([name, count], index) => ({
    id: `rt-${index}`,
    name,
    description: null,
    valueCount: count,
  }));
  return { products: byName(products), blocks: byName(blocks), resourceTypes: byName(resourceTypes) };
}
