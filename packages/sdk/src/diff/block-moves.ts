// Moves: a block that keeps its name but changes its holder. Taken apart, a move is a lost holder (a
// block relation or product links deleted) and a gained one (created); run as such, the instances under
// the old holder are deleted with their values and sub-blocks, and empty ones are created under the new
// holder. A move re-parents them instead, within each subscription.
// A move is inferred only when it is unambiguous and complete: one holder lost and one gained (a block,
// or the root of one or more products), each through a single attribute, and every product whose
// subscriptions can hold the block through the old holder gets the new one. Anything else stays a delete
// plus a create, which deletes data only after the user confirmed it. Whether each subscription has
// exactly one instance to re-parent to is decided when the migration runs: it stops rather than guess.
import type { DomainModel } from "../model/domain-model.ts";
import { sortNames } from "../sort-names.ts";
import type {
  BlockHolder,
  BlockRelation,
  ChangeSet,
  MoveProductBlock,
  ProductBlockLink,
} from "./change-set.ts";
import { rootInstancesPerSubscription } from "./new-link-instances.ts";
import type { WorkingSnapshot } from "./working-snapshot.ts";

export function inferBlockMoves(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): void {
  const createdProducts = new Set(out.createProducts.map((c) => c.product));
  for (const block of model.blocks) {
    const row = db.blocks.get(block.name);
    if (!row || row.instanceCount === 0) continue;
    const lostRelations = out.deleteBlockRelations.filter((r) => r.dependsOn === block.name && !r.existing);
    const lostLinks = out.deleteProductBlockLinks.filter((l) => l.block === block.name);
    const gainedRelations = out.createBlockRelations.filter((r) => r.dependsOn === block.name && !r.existing);
    const gainedLinks = out.createProductBlockLinks.filter(
      (l) => l.block === block.name && !createdProducts.has(l.product),
    );
    const move = moveOf(model, db, { lostRelations, lostLinks, gainedRelations, gainedLinks });
    if (!move) continue;
    for (const entry of [...lostRelations, ...lostLinks, ...gainedRelations, ...gainedLinks])
      entry.moved = true;
    out.moveProductBlocks.push({ block: block.name, ...move, instances: row.instanceCount });
    leaveFieldToMovedInstances(model, out, block.name, gainedRelations, gainedLinks);
  }
}

/**
 * The field a block moves into holds the moved instances: the other blocks of its union get no new
 * instances through it. A subscription without an instance to move stays without, as for the move.
 */
function leaveFieldToMovedInstances(
  model: DomainModel,
  out: ChangeSet,
  moved: string,
  gainedRelations: readonly BlockRelation[],
  gainedLinks: readonly ProductBlockLink[],
): void {
  for (const gained of gainedRelations) {
    const field = model.blocks
      .find((b) => b.name === gained.block)
      ?.blockFields.find((f) => f.blocks.includes(moved));
    if (!field) continue;
    for (const sibling of out.createBlockRelations) {
      if (sibling.block !== gained.block || sibling.dependsOn === moved || sibling.moved) continue;
      sibling.attributes = sibling.attributes.filter((a) => a !== field.attribute);
      if (sibling.belowMin) {
        const belowMin = sibling.belowMin.filter((l) => l.attribute !== field.attribute);
        if (belowMin.length > 0) sibling.belowMin = belowMin;
        else delete sibling.belowMin;
      }
    }
  }
  for (const gained of gainedLinks) {
    const entry = model.products.find((p) => p.name === gained.product);
    const field = entry
      ? model.productTypes[entry.productType]?.blockFields.find((f) => f.blocks.includes(moved))
      : undefined;
    const first = field?.blocks[0];
    if (!field || first === moved) continue;
    const sibling = out.createProductBlockLinks.find(
      (l) => l.product === gained.product && l.block === first && !l.moved,
    );
    if (sibling) sibling.instancesPerSubscription = Math.max(0, rootInstancesPerSubscription(sibling) - 1);
  }
}

interface Halves {
  lostRelations: BlockRelation[];
  lostLinks: ProductBlockLink[];
  gainedRelations: BlockRelation[];
  gainedLinks: ProductBlockLink[];
}

function moveOf(
  model: DomainModel,
  db: WorkingSnapshot,
  { lostRelations, lostLinks, gainedRelations, gainedLinks }: Halves,
): Omit<MoveProductBlock, "block" | "instances"> | undefined {
  if (lostRelations.length + Math.min(lostLinks.length, 1) !== 1) return undefined;
  if (gainedRelations.length + Math.min(gainedLinks.length, 1) !== 1) return undefined;
  if (gainedLinks.some((l) => l.attributes.length !== 1)) return undefined;

  let from: BlockHolder;
  let products: string[];
  const [lost] = lostRelations;
  if (lost) {
    // The attribute the old holder held the block through: the downgrade puts the instances back under it.
    const attributes = db.blocks
      .get(lost.block)
      ?.dependsOn.find((r) => r.block === lost.dependsOn)?.attributes;
    if (lost.instances === 0 || attributes?.length !== 1) return undefined;
    from = { block: lost.block, attribute: attributes[0]! };
    // Products the models no longer register lose their subscriptions anyway.
    const registered = new Set(model.products.map((p) => p.name));
    products = productsHoldingInDb(db, lost.block).filter((product) => registered.has(product));
  } else {
    products = lostLinks.filter((l) => l.subscriptions > 0).map((l) => l.product);
    if (products.length === 0) return undefined;
    from = { root: true };
  }

  const [gained] = gainedRelations;
  let to: BlockHolder = { root: true };
  if (gained) {
    // The model's field (the relation entry lists only the attributes that get new instances).
    const fields = model.blocks
      .find((b) => b.name === gained.block)
      ?.blockFields.filter((field) => field.blocks.includes(gained.dependsOn));
    if (fields?.length !== 1) return undefined;
    to = { block: gained.block, attribute: fields[0]!.attribute };
  }
  const complete = gained
    ? products.every((product) => productHoldsInModel(model, product, gained.block)) &&
      db.blocks.has(gained.block)
    : products.every((product) => gainedLinks.some((l) => l.product === product));
  if (!complete || products.length === 0) return undefined;
  return { from, to, products: sortNames(products), location: (gained ?? gainedLinks[0]!).location };
}

/** Products whose subscriptions can hold instances of `block`: their linked blocks reach it in the database. */
function productsHoldingInDb(db: WorkingSnapshot, block: string): string[] {
  const reaching = new Map<string, boolean>();
  const reaches = (name: string, visiting: Set<string>): boolean => {
    if (name === block) return true;
    const known = reaching.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return false;
    visiting.add(name);
    const result = (db.blocks.get(name)?.dependsOn ?? []).some((r) => reaches(r.block, visiting));
    visiting.delete(name);
    reaching.set(name, result);
    return result;
  };
  return [...db.products.values()]
    .filter((product) => product.subscriptionCount > 0 && product.blocks.some((b) => reaches(b, new Set())))
    .map((product) => product.name);
}

/** Whether the product's type holds `block` (at any depth) in the models. */
function productHoldsInModel(model: DomainModel, product: string, block: string): boolean {
  const entry = model.products.find((p) => p.name === product);
  const type = entry && model.productTypes[entry.productType];
  if (!type) return false;
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));
  const seen = new Set<string>();
  const pending = type.blockFields.flatMap((field) => field.blocks);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === block) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...(blocks.get(name)?.blockFields.flatMap((field) => field.blocks) ?? []));
  }
  return false;
}
