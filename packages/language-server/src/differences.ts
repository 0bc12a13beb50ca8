// The change set as a list of differences, each with the place in the model source it is about, a
// sentence saying what differs and what the migration would do, and the definitions it belongs to.
// Pure: diagnostics, code lenses and hovers are all views of this one list.
import {
  type ChangeSet,
  type DomainModel,
  plural,
  type SourceLocation,
  visitChanges,
} from "@orchestrator/sdk";
import { DIAGNOSTIC_CODES } from "./protocol.ts";

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];

export interface Difference {
  code: DiagnosticCode;
  message: string;
  location: SourceLocation;
  /** The product block the difference is about (for the block's code lens and hover). */
  block?: string;
  /** The product type it is about (a product's type, in the models). */
  productType?: string;
  /** The product (registry key) it is about. */
  product?: string;
  resourceType?: string;
}

const C = DIAGNOSTIC_CODES;

/** The halves of a move are shown as the move. */
const notMoved = (change: { moved?: boolean }) => change.moved !== true;

export function listDifferences(model: DomainModel, changes: ChangeSet): Difference[] {
  const typeOf = new Map(model.products.map((p) => [p.name, p.productType]));
  const productsUsing = productsUsingBlocks(model);
  const productCount = (block: string) => productsUsing.get(block)?.size ?? 0;
  const out: Difference[] = [];
  const add = (difference: Difference) => out.push(difference);
  const ofProduct = (product: string) => {
    const productType = typeOf.get(product);
    return productType === undefined ? { product } : { product, productType };
  };

  const linkedNew = new Set(changes.createResourceTypeLinks.map((c) => c.resourceType));
  const deletedTypes = new Map(changes.deleteResourceTypes.map((c) => [c.resourceType, c]));
  const unlinked = new Set(changes.deleteResourceTypeLinks.map((c) => c.resourceType));
  // One entry per change kind: the compiler checks that none is missing.
  visitChanges<void>(changes, {
    createProducts: (c) => {
      add({
        code: C.productMissingInDb,
        location: c.location,
        ...ofProduct(c.product),
        productType: c.productType,
        message: `Product '${c.product}' (product type '${c.productType}') is not in the database (the migration creates it)`,
      });
    },
    deleteProducts: (c) => {
      add({
        code: C.productMissingInModel,
        location: c.location,
        product: c.product,
        message: `Product '${c.product}' is in the database but not in the registry (the migration deletes it${c.subscriptions ? ` and its ${plural(c.subscriptions, "subscription")}` : ""})`,
      });
    },
    renameProducts: (c) => {
      add({
        code: C.productRenamed,
        location: c.location,
        ...ofProduct(c.to),
        message: `Product '${c.from}' in the database is renamed to '${c.to}' in the models (the migration renames it; ${plural(c.subscriptions, "subscription")} keep it)`,
      });
    },
    createFixedInputs: (c) => {
      add({
        code: C.fixedInputMissingInDb,
        location: c.location,
        ...ofProduct(c.product),
        message: `Fixed input '${c.fixedInput}' of product '${c.product}' is not in the database (the migration adds it)`,
      });
    },
    deleteFixedInputs: (c) => {
      add({
        code: C.fixedInputMissingInModel,
        location: c.location,
        ...ofProduct(c.product),
        message: `Fixed input '${c.fixedInput}' (value '${c.value}') of product '${c.product}' is in the database but not in the models (the migration deletes it)`,
      });
    },
    renameFixedInputs: (c) => {
      add({
        code: C.fixedInputRenamed,
        location: c.location,
        ...ofProduct(c.product),
        message: `Fixed input '${c.from}' of product '${c.product}' in the database is '${c.to}' in the models (the migration renames it)`,
      });
    },
    createProductBlockLinks: (c) => {
      if (!notMoved(c)) return;
      add({
        code: C.blockLinkMissingInDb,
        location: c.location,
        ...ofProduct(c.product),
        block: c.block,
        message: `Product block '${c.block}' of product '${c.product}' is not linked in the database (${c.subscriptions ? `${plural(c.subscriptions, "subscription")} would get a new '${c.block}' instance` : "the migration links it"})`,
      });
    },
    deleteProductBlockLinks: (c) => {
      if (!notMoved(c)) return;
      add({
        code: C.blockLinkMissingInModel,
        location: c.location,
        ...ofProduct(c.product),
        block: c.block,
        message: `Product '${c.product}' is linked to product block '${c.block}' in the database but not in the models (the migration unlinks it${c.subscriptions ? `; ${plural(c.subscriptions, "subscription")} lose their '${c.block}' instance` : ""})`,
      });
    },
    createResourceTypes: (c) => {
      // A new resource type is reported where a block gains it; only an unlinked one gets its own.
      if (linkedNew.has(c.resourceType)) return;
      add({
        code: C.resourceTypeMissingInDb,
        location: c.location,
        resourceType: c.resourceType,
        message: `Resource type '${c.resourceType}' is not in the database (the migration creates it)`,
      });
    },
    deleteResourceTypes: (c) => {
      if (unlinked.has(c.resourceType)) return;
      add({
        code: C.resourceTypeMissingInModel,
        location: c.location,
        resourceType: c.resourceType,
        message: `Resource type '${c.resourceType}' is in the database but no product block uses it in the models (the migration deletes it${c.values ? ` and its ${plural(c.values, "value")}` : ""})`,
      });
    },
    renameResourceTypes: (c) => {
      add({
        code: C.resourceTypeRenamed,
        location: c.location,
        resourceType: c.to,
        message: `Resource type '${c.from}' in the database is '${c.to}' in the models (the migration renames it)`,
      });
    },
    updateBlockResourceTypes: (c) => {
      add({
        code: C.resourceTypeRenamed,
        location: c.location,
        block: c.block,
        resourceType: c.to,
        message: `Product block '${c.block}' uses resource type '${c.from}' in the database and '${c.to}' in the models (the migration moves ${plural(c.values, "value")} to '${c.to}')`,
      });
    },
    createResourceTypeLinks: (c) => {
      const products = productCount(c.block);
      const impact = c.instances
        ? `${plural(products, "product")}, ${plural(c.instances, "instance")} would get no value`
        : `${plural(products, "product")}, no instances yet`;
      add({
        code: C.resourceTypeMissingInDb,
        location: c.location,
        block: c.block,
        resourceType: c.resourceType,
        message: `Resource type '${c.resourceType}' of product block '${c.block}' is not in the database (${impact})`,
      });
    },
    deleteResourceTypeLinks: (c) => {
      const candidates = changes.renameCandidates.blockResourceTypes.find(
        (r) => r.block === c.block && r.from === c.resourceType,
      );
      const alsoType = deletedTypes.has(c.resourceType)
        ? "; no other block uses it, so the resource type is deleted too"
        : "";
      const rename = candidates?.candidates.length
        ? `; it may be a rename to ${candidates.candidates.map((n) => `'${n}'`).join(" or ")}, which generating asks`
        : "";
      add({
        code: C.resourceTypeMissingInModel,
        location: c.location,
        block: c.block,
        resourceType: c.resourceType,
        message: `Resource type '${c.resourceType}' of product block '${c.block}' is in the database but not in the models (the migration removes it${c.values ? ` and deletes ${plural(c.values, "value")}` : ""}${alsoType}${rename})`,
      });
    },
    createProductBlocks: (c) => {
      add({
        code: C.blockMissingInDb,
        location: c.location,
        block: c.block,
        message: `Product block '${c.block}' is not in the database (the migration creates it, used by ${plural(productCount(c.block), "product")})`,
      });
    },
    deleteProductBlocks: (c) => {
      add({
        code: C.blockMissingInModel,
        location: c.location,
        block: c.block,
        message: `Product block '${c.block}' is in the database but not in the models (the migration deletes it${c.instances ? ` and its ${plural(c.instances, "instance")}` : ""})`,
      });
    },
    renameProductBlocks: (c) => {
      add({
        code: C.blockRenamed,
        location: c.location,
        block: c.to,
        message: `Product block '${c.from}' in the database is '${c.to}' in the models (the migration renames it; ${plural(c.instances, "instance")} keep their data)`,
      });
    },
    createBlockRelations: (c) => {
      if (!notMoved(c)) return;
      for (const l of c.belowMin ?? [])
        add({
          code: C.blockLinkMissingInDb,
          location: c.location,
          block: c.block,
          message: `${plural(l.instances, "instance")} of '${c.block}' hold fewer than ${l.min} '${c.dependsOn}' in '${l.attribute}' (the migration fills them up to the minimum only when confirmed: ${plural(l.elements, "new instance")})`,
        });
      if (c.existing && c.attributes.length === 0) return;
      const attributes = c.attributes.length ? ` (${c.attributes.join(", ")})` : "";
      const what = c.existing
        ? `holds '${c.dependsOn}' in new fields${attributes}`
        : `holds '${c.dependsOn}'${attributes}, which the database does not have`;
      add({
        code: C.blockLinkMissingInDb,
        location: c.location,
        block: c.block,
        message: `Product block '${c.block}' ${what} (${c.instances && c.attributes.length ? `${plural(c.instances, "instance")} of '${c.block}' would get a new '${c.dependsOn}' instance` : "the migration adds the relation"})`,
      });
    },
    deleteBlockRelations: (c) => {
      if (!notMoved(c)) return;
      add({
        code: C.blockLinkMissingInModel,
        location: c.location,
        block: c.block,
        message: c.existing
          ? `Product block '${c.block}' holds '${c.dependsOn}' through ${c.attributes.map((a) => `'${a}'`).join(", ")} in the database but not in the models (the migration deletes the '${c.dependsOn}' instances held that way)`
          : `Product block '${c.block}' holds '${c.dependsOn}' in the database but not in the models (the migration removes the relation${c.instances ? ` from ${plural(c.instances, "instance")}` : ""})`,
      });
    },
    moveProductBlocks: (c) => {
      const where = (h: (typeof c)["from"]) =>
        "root" in h ? "at the product root" : `in '${h.block}.${h.attribute}'`;
      add({
        code: C.blockMoved,
        location: c.location,
        block: c.block,
        message: `Product block '${c.block}' is ${where(c.from)} in the database and ${where(c.to)} in the models (the migration moves ${c.instances ? `up to ${plural(c.instances, "instance")}` : "its instances"} with their data, in ${c.products.map((p) => `'${p}'`).join(", ")})`,
      });
    },
  });
  return out;
}

/** Block name → registry keys of the products whose type holds it, directly or through other blocks. */
export function productsUsingBlocks(model: DomainModel): Map<string, Set<string>> {
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));
  const result = new Map<string, Set<string>>();
  for (const product of model.products) {
    const type = model.productTypes[product.productType];
    const pending = (type?.blockFields ?? []).flatMap((field) => field.blocks);
    const seen = new Set<string>();
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      if (!result.has(name)) result.set(name, new Set());
      result.get(name)!.add(product.name);
      pending.push(...(blocks.get(name)?.blockFields.flatMap((field) => field.blocks) ?? []));
    }
  }
  return result;
}
