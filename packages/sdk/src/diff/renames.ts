// The one place renames are applied: `renamedFrom` in the models and the `updates` argument (the
// --updates JSON plus `products` and `product_blocks`), to the working snapshot before the rest of the diff
// runs, in the reference's order: products, blocks, global resource type renames, per-block updates (which
// see the names after the global renames), fixed inputs. A rename applies when it still makes sense (the
// old name is in the database, the new one is not); otherwise a `renamedFrom` is a no-op (it already ran)
// and an `updates` entry is reported in ignoredUpdates rather than applied blindly. Several pairs per block
// are kept. See docs/design.md, "How renames resolve".
import type { DomainModel, ModelBlock, SourceLocation } from "../model/domain-model.ts";
import type {
  IgnoredUpdate,
  RenameFixedInput,
  RenameProduct,
  RenameProductBlock,
  RenameResourceType,
  UpdateBlockResourceType,
  Updates,
} from "./change-set.ts";
import type { WorkingSnapshot } from "./working-snapshot.ts";

export interface Renames {
  renameProducts: RenameProduct[];
  renameProductBlocks: RenameProductBlock[];
  renameResourceTypes: RenameResourceType[];
  updateBlockResourceTypes: UpdateBlockResourceType[];
  renameFixedInputs: RenameFixedInput[];
  ignoredUpdates: IgnoredUpdate[];
}

interface Declared {
  from: string;
  to: string;
  /** From the `updates` argument (reported when skipped) rather than `renamedFrom` (silently a no-op). */
  explicit: boolean;
  subject?: string;
}

export function applyRenames(model: DomainModel, db: WorkingSnapshot, updates: Updates = {}): Renames {
  const result: Renames = {
    renameProducts: [],
    renameProductBlocks: [],
    renameResourceTypes: [],
    updateBlockResourceTypes: [],
    renameFixedInputs: [],
    ignoredUpdates: [],
  };
  const skip = (kind: keyof Updates, rename: Declared, reason: string) => {
    if (!rename.explicit) return;
    const { from, to, subject } = rename;
    result.ignoredUpdates.push({ kind, ...(subject === undefined ? {} : { subject }), from, to, reason });
  };
  const pairs = (map: Record<string, string> | undefined, subject?: string): Declared[] =>
    Object.entries(map ?? {}).map(([from, to]) => ({
      from,
      to,
      explicit: true,
      ...(subject === undefined ? {} : { subject }),
    }));

  // Products.
  const products = new Map(model.products.map((p) => [p.name, p]));
  for (const rename of [...pairs(updates.products), ...declared(model.products)]) {
    const reason = renameProblem(rename, products.has(rename.to), products.has(rename.from), db.products);
    if (reason) {
      skip("products", rename, reason);
      continue;
    }
    const subscriptions = db.products.get(rename.from)!.subscriptionCount;
    db.renameProduct(rename.from, rename.to);
    result.renameProducts.push({
      ...fromTo(rename),
      subscriptions,
      location: products.get(rename.to)!.location,
    });
  }

  // Product blocks.
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));
  for (const rename of [...pairs(updates.product_blocks), ...declared(model.blocks)]) {
    const reason = renameProblem(rename, blocks.has(rename.to), blocks.has(rename.from), db.blocks);
    if (reason) {
      skip("product_blocks", rename, reason);
      continue;
    }
    const instances = db.blocks.get(rename.from)!.instanceCount;
    db.renameBlock(rename.from, rename.to);
    result.renameProductBlocks.push({
      ...fromTo(rename),
      instances,
      location: blocks.get(rename.to)!.location,
    });
  }

  // Resource types: a global rename when the old name left the whole model, else per block.
  const modelResourceTypes = new Map<string, SourceLocation>();
  for (const block of model.blocks) {
    for (const rt of block.resourceTypes)
      if (!modelResourceTypes.has(rt.name)) modelResourceTypes.set(rt.name, rt.location);
  }
  const perBlock: Declared[] = [];
  const fieldRenames = model.blocks.flatMap((block) =>
    block.resourceTypes.flatMap((rt) =>
      rt.renamedFrom ? [{ block, from: rt.renamedFrom, to: rt.name }] : [],
    ),
  );
  const globalRenames = [...pairs(updates.resource_types)];
  for (const rename of fieldRenames) {
    const agreed = fieldRenames.every((other) => other.from !== rename.from || other.to === rename.to);
    if (agreed && !globalRenames.some((g) => g.from === rename.from)) {
      globalRenames.push({ from: rename.from, to: rename.to, explicit: false });
    }
    perBlock.push({ from: rename.from, to: rename.to, explicit: false, subject: rename.block.name });
  }
  for (const rename of globalRenames) {
    const reason = !db.resourceTypes.has(rename.from)
      ? `resource type "${rename.from}" is not in the database`
      : db.resourceTypes.has(rename.to)
        ? `resource type "${rename.to}" already exists in the database`
        : modelResourceTypes.has(rename.from)
          ? `resource type "${rename.from}" is still used by the model`
          : !modelResourceTypes.has(rename.to)
            ? `no product block of the model has a resource type "${rename.to}"`
            : undefined;
    if (reason) {
      skip("resource_types", rename, reason);
      continue;
    }
    db.renameResourceType(rename.from, rename.to);
    result.renameResourceTypes.push({ ...fromTo(rename), location: modelResourceTypes.get(rename.to)! });
  }

  const explicitPerBlock = Object.entries(updates.block_resource_types ?? {}).flatMap(([block, map]) =>
    pairs(map, block),
  );
  for (const rename of [...explicitPerBlock, ...perBlock]) {
    const block = blocks.get(rename.subject!);
    const reason = blockResourceTypeProblem(rename, block, db);
    if (reason) {
      skip("block_resource_types", rename, reason);
      continue;
    }
    const values = db.relinkBlockResourceType(block!.name, rename.from, rename.to);
    const location = block!.resourceTypes.find((rt) => rt.name === rename.to)!.location;
    result.updateBlockResourceTypes.push({ block: block!.name, ...fromTo(rename), values, location });
  }

  // Fixed inputs, per product.
  const explicitFixedInputs = Object.entries(updates.fixed_inputs ?? {}).flatMap(([product, map]) =>
    pairs(map, product),
  );
  const declaredFixedInputs = model.products.flatMap((product) =>
    model.productTypes[product.productType]!.fixedInputs.flatMap((fi) =>
      fi.renamedFrom ? [{ from: fi.renamedFrom, to: fi.name, explicit: false, subject: product.name }] : [],
    ),
  );
  for (const rename of [...explicitFixedInputs, ...declaredFixedInputs]) {
    const product = products.get(rename.subject!);
    const fixedInputs = product ? model.productTypes[product.productType]!.fixedInputs : [];
    const inDb = db.products.get(rename.subject!)?.fixedInputs.map((fi) => fi.name);
    const reason = !product
      ? `product "${rename.subject}" is not in the model`
      : !inDb
        ? `product "${rename.subject}" is not in the database`
        : !inDb.includes(rename.from)
          ? `product "${rename.subject}" has no fixed input "${rename.from}" in the database`
          : inDb.includes(rename.to)
            ? `product "${rename.subject}" already has a fixed input "${rename.to}"`
            : !fixedInputs.some((fi) => fi.name === rename.to) ||
                fixedInputs.some((fi) => fi.name === rename.from)
              ? `the model's fixed inputs of "${rename.subject}" do not replace "${rename.from}" by "${rename.to}"`
              : undefined;
    if (reason) {
      skip("fixed_inputs", rename, reason);
      continue;
    }
    db.renameFixedInput(product!.name, rename.from, rename.to);
    const location = fixedInputs.find((fi) => fi.name === rename.to)!.location;
    result.renameFixedInputs.push({ product: product!.name, ...fromTo(rename), location });
  }
  return result;
}

function declared(items: readonly { name: string; renamedFrom?: string }[]): Declared[] {
  return items.flatMap((item) =>
    item.renamedFrom ? [{ from: item.renamedFrom, to: item.name, explicit: false }] : [],
  );
}

function fromTo(rename: Declared): { from: string; to: string } {
  return { from: rename.from, to: rename.to };
}

function renameProblem(
  rename: Declared,
  toInModel: boolean,
  fromInModel: boolean,
  rows: ReadonlyMap<string, unknown>,
): string | undefined {
  if (!toInModel) return `"${rename.to}" is not in the model`;
  if (fromInModel) return `"${rename.from}" is still in the model`;
  if (!rows.has(rename.from)) return `"${rename.from}" is not in the database`;
  if (rows.has(rename.to)) return `"${rename.to}" already exists in the database`;
  return undefined;
}

function blockResourceTypeProblem(
  rename: Declared,
  block: ModelBlock | undefined,
  db: WorkingSnapshot,
): string | undefined {
  const inDb = db.blocks.get(rename.subject!)?.resourceTypes;
  if (!block) return `product block "${rename.subject}" is not in the model`;
  if (!inDb) return `product block "${rename.subject}" is not in the database`;
  if (!inDb.includes(rename.from))
    return `"${rename.subject}" has no resource type "${rename.from}" in the database`;
  if (inDb.includes(rename.to)) return `"${rename.subject}" already has a resource type "${rename.to}"`;
  const names = block.resourceTypes.map((rt) => rt.name);
  if (!names.includes(rename.to) || names.includes(rename.from)) {
    return `the model's "${rename.subject}" does not replace "${rename.from}" by "${rename.to}"`;
  }
  return undefined;
}
