// The benchmark's domain models, as the plain DomainModel the DSL normalises to: N products, each of its
// own product type with two blocks of its own (a root block holding a detail block) and the CommonBlock
// every product shares, so each product has 3 blocks of 10 resource types. Resource type names come from
// a global pool, as in real registries where names like `vlan` are reused by many blocks. The same names
// are produced in SQL by large-database.ts, which must stay in step with this file.
import type {
  DomainModel,
  ModelBlock,
  ModelBlockField,
  ModelResourceType,
  SourceLocation,
} from "@orchestrator/sdk";

export interface Scale {
  products: number;
  subscriptionsPerProduct: number;
  resourceTypesPerBlock: number;
  /** Distinct resource type names shared by all blocks. */
  resourceTypePool: number;
}

export const FULL_SCALE: Scale = {
  products: 1000,
  subscriptionsPerProduct: 100,
  resourceTypesPerBlock: 10,
  resourceTypePool: 3000,
};

export const COMMON_BLOCK = "CommonBlock";
export const FIXED_INPUTS = { speed: "1000", region: "eu" } as const;

const pad = (i: number): string => String(i).padStart(4, "0");
export const productName = (i: number): string => `Product ${pad(i)}`;
export const productTypeName = (i: number): string => `ProductType${pad(i)}`;
export const rootBlockName = (i: number): string => `P${pad(i)}RootBlock`;
export const detailBlockName = (i: number): string => `P${pad(i)}DetailBlock`;

/** Blocks are numbered 2i (root of product i), 2i+1 (its detail block) and 2N (CommonBlock). */
export function blockName(scale: Scale, index: number): string {
  if (index === 2 * scale.products) return COMMON_BLOCK;
  return index % 2 === 0 ? rootBlockName(index / 2) : detailBlockName((index - 1) / 2);
}

/** The k-th resource type of block number `index`. */
export function resourceTypeName(scale: Scale, index: number, k: number): string {
  return `rt_${pad((index * scale.resourceTypesPerBlock + k) % scale.resourceTypePool)}`;
}

const at = (line: number): SourceLocation => ({
  file: "bench/registry.ts",
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
});

const field = (attribute: string, block: string, line: number): ModelBlockField => ({
  attribute,
  blocks: [block],
  list: false,
  optional: false,
  location: at(line),
});

function block(scale: Scale, index: number, blockFields: ModelBlockField[]): ModelBlock {
  const resourceTypes: ModelResourceType[] = [];
  for (let k = 0; k < scale.resourceTypesPerBlock; k++) {
    resourceTypes.push({
      name: resourceTypeName(scale, index, k),
      spec: { kind: "string", list: false },
      location: at(index),
    });
  }
  return { name: blockName(scale, index), resourceTypes, blockFields, location: at(index) };
}

export function largeModel(scale: Scale): DomainModel {
  const model: DomainModel = { products: [], productTypes: {}, blocks: [], registryLocation: at(1) };
  model.blocks.push(block(scale, 2 * scale.products, []));
  for (let i = 0; i < scale.products; i++) {
    const type = productTypeName(i);
    model.productTypes[type] = {
      name: type,
      fixedInputs: Object.keys(FIXED_INPUTS).map((name) => ({
        name,
        spec: { kind: "string", list: false },
        location: at(i),
      })),
      blockFields: [field("root", rootBlockName(i), i), field("common", COMMON_BLOCK, i)],
      location: at(i),
    };
    model.products.push({
      name: productName(i),
      productType: type,
      description: `Product ${i}`,
      tag: `P${i}`,
      fixedInputValues: { ...FIXED_INPUTS },
      location: at(i),
    });
    model.blocks.push(block(scale, 2 * i, [field("detail", detailBlockName(i), i)]));
    model.blocks.push(block(scale, 2 * i + 1, []));
  }
  return model;
}

/** The model with one more (optional, string) resource type on one block. */
export function withNewResourceType(
  model: DomainModel,
  blockName: string,
  resourceType: string,
): DomainModel {
  return {
    ...model,
    blocks: model.blocks.map((b) =>
      b.name !== blockName
        ? b
        : {
            ...b,
            resourceTypes: [
              ...b.resourceTypes,
              {
                name: resourceType,
                description: "Added by the benchmark",
                spec: { kind: "string", list: false },
                location: b.location,
              },
            ],
          },
    ),
  };
}
