// Product blocks against the database. Blocks are compared one by one in discovery order, so blocks that use
// each other cannot make the diff recurse, and a block reached only through a new product is compared too
// (see docs/design.md, How the diff compares).
import type { DomainModel, ModelBlock, SourceLocation } from "../model/domain-model.ts";
import { sortNames } from "../sort-names.ts";
import { heldBlocks, listBelowMin, mustHold } from "./attributes.ts";
import type { ChangeSet } from "./change-set.ts";
import { byName, type WorkingSnapshot } from "./working-snapshot.ts";

export function diffBlocks(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): void {
  for (const block of model.blocks) diffBlock(block, db, out);

  const inModel = new Set(model.blocks.map((b) => b.name));
  const lost = [...db.blocks.values()].filter((row) => !inModel.has(row.name));
  for (const row of byName(lost, (b) => b.name)) {
    out.deleteProductBlocks.push({
      block: row.name,
      instances: row.instanceCount,
      description: row.description,
      tag: row.tag,
      status: row.status,
      location: lostBlockAt(row.name, model, db),
    });
  }
}

function diffBlock(block: ModelBlock, db: WorkingSnapshot, out: ChangeSet): void {
  const row = db.blocks.get(block.name);
  if (!row) out.createProductBlocks.push({ block: block.name, location: block.location });
  const instances = row?.instanceCount ?? 0;

  const linked = new Set(row?.resourceTypes);
  for (const rt of block.resourceTypes) {
    if (linked.has(rt.name)) continue;
    // `instances` is filled in once all links are known (instances-at-migration.ts).
    out.createResourceTypeLinks.push({
      block: block.name,
      resourceType: rt.name,
      instances: 0,
      values: 0,
      location: rt.location,
    });
  }
  const declared = new Set(block.resourceTypes.map((rt) => rt.name));
  // Filtered before sorting: a block in step with the database has nothing left to sort.
  for (const rt of sortNames([...linked].filter((name) => !declared.has(name)))) {
    const values = row?.valueCounts[rt] ?? 0;
    out.deleteResourceTypeLinks.push({
      block: block.name,
      resourceType: rt,
      instances,
      values,
      location: block.location,
    });
  }

  const held = heldBlocks(block.blockFields);
  const fields = new Map(block.blockFields.map((f) => [f.attribute, f]));
  const seenThrough = (attribute: string) => {
    const holds = fields.get(attribute)?.blocks ?? [];
    return (row?.dependsOn ?? []).some((r) => holds.includes(r.block) && r.attributes.includes(attribute));
  };
  for (const [dependsOn, { attributes, location, locations }] of held) {
    const relation = row?.dependsOn.find((r) => r.block === dependsOn);
    // Only required single blocks are instantiated (mustHold). A list short of its minimum is filled
    // with its first block, so it is reported on that relation only.
    // A required union is instantiated with its first block, like a list below its minimum.
    const required = attributes.filter(
      (a) => mustHold(fields.get(a)!) && fields.get(a)!.blocks[0] === dependsOn,
    );
    const belowMin = attributes
      .map((a) => fields.get(a)!)
      .filter((f) => f.blocks[0] === dependsOn)
      .flatMap((f) => listBelowMin(f, instances, row?.attributeSizes[f.attribute]) ?? []);
    const short = belowMin.length > 0 ? { belowMin } : {};
    if (!relation) {
      out.createBlockRelations.push({
        block: block.name,
        dependsOn,
        // A union already held through another of its blocks needs no new instance.
        attributes: required.filter((a) => !seenThrough(a)),
        instances,
        ...short,
        location,
      });
      continue;
    }
    // The relation row exists. Attributes seen on instance relations tell which attributes already have
    // instances; none seen means we cannot tell, and the relation is taken to cover every attribute.
    // Seen through an attribute the models no longer have (one of two fields holding the block was
    // removed): the instances held through it go, the relation row stays for the others.
    const dropped = relation.attributes.filter((a) => !attributes.includes(a));
    if (dropped.length > 0 && instances > 0) {
      out.deleteBlockRelations.push({
        block: block.name,
        dependsOn,
        attributes: dropped,
        instances,
        existing: true,
        location: block.location,
      });
    }
    // A union attribute holds one of its blocks: seen holding any of them, it is not missing.
    const missing =
      relation.attributes.length === 0 || instances === 0 ? [] : required.filter((a) => !seenThrough(a));
    if (missing.length === 0 && belowMin.length === 0) continue;
    out.createBlockRelations.push({
      block: block.name,
      dependsOn,
      attributes: missing,
      instances,
      existing: true,
      ...short,
      location: locations[missing[0] ?? belowMin[0]!.attribute]!,
    });
  }
  for (const relation of byName(
    (row?.dependsOn ?? []).filter((r) => !held.has(r.block)),
    (r) => r.block,
  )) {
    out.deleteBlockRelations.push({
      block: block.name,
      dependsOn: relation.block,
      attributes: [...relation.attributes],
      instances,
      location: block.location,
    });
  }
}

/** A block gone from the model is reported at the first definition that used to hold it. */
function lostBlockAt(name: string, model: DomainModel, db: WorkingSnapshot): SourceLocation {
  const holder = model.blocks.find((b) => db.blocks.get(b.name)?.dependsOn.some((r) => r.block === name));
  if (holder) return holder.location;
  const product = model.products.find((p) => db.products.get(p.name)?.blocks.includes(name));
  if (product) return model.productTypes[product.productType]!.location;
  return model.registryLocation;
}
