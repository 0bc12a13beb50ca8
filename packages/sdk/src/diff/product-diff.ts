// Products against the database: every registered product, new ones included (orchestrator-core diffs
// existing products only; see docs/design.md, How the diff compares).
import type { DomainModel, ModelBlock } from "../model/domain-model.ts";
import { sortNames } from "../sort-names.ts";
import { heldBlocks } from "./attributes.ts";
import type { ChangeSet, NestedInstance } from "./change-set.ts";
import { byName, type WorkingSnapshot } from "./working-snapshot.ts";

export function diffProducts(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): void {
  // Blocks by name, built only if a newly linked existing block needs its sub-blocks followed.
  let blocksByName: Map<string, ModelBlock> | undefined;
  const modelBlocks = () => {
    blocksByName ??= new Map(model.blocks.map((block) => [block.name, block]));
    return blocksByName;
  };
  for (const product of model.products) {
    const type = model.productTypes[product.productType]!;
    const row = db.products.get(product.name);
    if (!row)
      out.createProducts.push({ product: product.name, productType: type.name, location: product.location });

    const fixedInputsInDb = new Set(row?.fixedInputs.map((fi) => fi.name));
    for (const fixedInput of type.fixedInputs) {
      if (!fixedInputsInDb.has(fixedInput.name)) {
        out.createFixedInputs.push({
          product: product.name,
          fixedInput: fixedInput.name,
          location: fixedInput.location,
        });
      }
    }
    const fixedInputsInModel = new Set(type.fixedInputs.map((fi) => fi.name));
    // Filtered before sorting: a product in step with the database has nothing left to sort.
    const removedFixedInputs = (row?.fixedInputs ?? []).filter((fi) => !fixedInputsInModel.has(fi.name));
    for (const fixedInput of byName(removedFixedInputs, (fi) => fi.name)) {
      out.deleteFixedInputs.push({
        product: product.name,
        fixedInput: fixedInput.name,
        value: fixedInput.value,
        location: type.location,
      });
    }

    const subscriptions = row?.subscriptionCount ?? 0;
    const held = heldBlocks(type.blockFields);
    const blocksInDb = new Set(row?.blocks);
    for (const [block, { attributes, location }] of held) {
      if (!blocksInDb.has(block)) {
        const nested =
          subscriptions > 0 && db.blocks.has(block) ? nestedInstances(modelBlocks(), db, block) : [];

        // A union gets its first block, and only where no block of it was linked before.
        const instancesPerSubscription = type.blockFields.filter(
          (field) => field.blocks[0] === block && !field.blocks.some((b) => b !== block && blocksInDb.has(b)),
        ).length;
        out.createProductBlockLinks.push({
          product: product.name,
          block,
          attributes,
          subscriptions,
          instancesPerSubscription,
          ...(nested.length > 0 ? { nested } : {}),
          location,
        });
      }
    }
    for (const block of sortNames([...blocksInDb].filter((name) => !held.has(name)))) {
      out.deleteProductBlockLinks.push({
        product: product.name,
        block,
        attributes: [],
        subscriptions,
        location: type.location,
      });
    }
  }

  const registered = new Set(model.products.map((p) => p.name));
  const unregistered = [...db.products.values()].filter((row) => !registered.has(row.name));
  for (const row of byName(unregistered, (p) => p.name)) {
    out.deleteProducts.push({
      product: row.name,
      subscriptions: row.subscriptionCount,
      instances: row.instanceCount,
      values: row.valueCount,
      ...(row.inUseBy ? { inUseBy: row.inUseBy } : {}),
      restore: {
        productType: row.productType,
        description: row.description,
        tag: row.tag,
        status: row.status,
        fixedInputs: row.fixedInputs.map(({ name, value }) => ({ name, value })),
        blocks: [...row.blocks],
      },
      location: model.registryLocation,
    });
  }
}

/**
 * The sub-blocks new root instances of an existing block need, through relations the database already
 * has: required single-block fields, depth first (parents first), each block's fields followed once.
 */
function nestedInstances(
  blocks: ReadonlyMap<string, ModelBlock>,
  db: WorkingSnapshot,
  root: string,
): NestedInstance[] {
  const out: NestedInstance[] = [];
  const followed = new Set<string>();
  const follow = (name: string) => {
    if (followed.has(name)) return;
    followed.add(name);
    const block = blocks.get(name);
    const related = new Set(db.blocks.get(name)?.dependsOn.map((relation) => relation.block));
    for (const field of block?.blockFields ?? []) {
      // A required union gets its first block, as everywhere else.
      const [dependsOn] = field.blocks;
      if (field.optional || field.list || !related.has(dependsOn!)) continue;
      out.push({ block: name, dependsOn: dependsOn!, attribute: field.attribute });
      follow(dependsOn!);
    }
  };
  follow(root);
  return out;
}
