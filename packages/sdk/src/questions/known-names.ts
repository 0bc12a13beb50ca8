// Every name an answers file may use, from the models and the database together. A file written for
// several databases (developer, test, production) names things that one of them does not need asked
// about; such entries are accepted and reported as unused. Only a name that neither side knows is refused.
import type { DomainModel } from "../model/domain-model.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";

export interface KnownNames {
  /** Product name → the names of its fixed inputs (models and database). */
  products: Map<string, Set<string>>;
  blocks: Set<string>;
  /** Resource type name → the blocks that hold it (models and database). */
  resourceTypes: Map<string, Set<string>>;
}

export function knownNames(model: DomainModel, snapshot: Snapshot): KnownNames {
  const products = new Map<string, Set<string>>();
  const blocks = new Set<string>();
  const resourceTypes = new Map<string, Set<string>>();
  const add = <T>(map: Map<string, Set<T>>, key: string, ...values: T[]) => {
    const set = map.get(key) ?? new Set<T>();
    for (const value of values) set.add(value);
    map.set(key, set);
  };
  for (const product of model.products) {
    const fixedInputs = model.productTypes[product.productType]?.fixedInputs ?? [];
    add(products, product.name, ...fixedInputs.map((fi) => fi.name));
  }
  for (const product of snapshot.products)
    add(products, product.name, ...product.fixedInputs.map((fi) => fi.name));
  for (const block of model.blocks) {
    blocks.add(block.name);
    for (const rt of block.resourceTypes) add(resourceTypes, rt.name, block.name);
  }
  for (const block of snapshot.blocks) {
    blocks.add(block.name);
    for (const rt of block.resourceTypes) add(resourceTypes, rt, block.name);
  }
  for (const rt of snapshot.resourceTypes) add(resourceTypes, rt.name);
  return { products, blocks, resourceTypes };
}
