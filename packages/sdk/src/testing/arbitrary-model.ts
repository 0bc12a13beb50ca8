// Test helper: random domain models for property tests. A small "raw" description is generated and
// turned into a DomainModel the way normalizeRegistry would (registry order, depth-first discovery),
// so edits can be applied to the raw form and the model rebuilt.
import fc from "fast-check";
import type { DomainModel, ModelBlockField, SourceLocation } from "../model/domain-model.ts";

export interface RawField {
  attribute: string;
  targets: number[];
  list: boolean;
  optional: boolean;
}
export interface RawBlock {
  name: string;
  resourceTypes: string[];
  fields: RawField[];
}
export interface RawType {
  name: string;
  fixedInputs: string[];
  fields: RawField[];
}
export interface RawModel {
  blocks: RawBlock[];
  types: RawType[];
  products: { name: string; type: number }[];
}

export const RT_POOL = ["r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"];
export const FI_POOL = ["fi0", "fi1", "fi2", "fi3"];

const LOCATION: SourceLocation = { file: "model.ts", line: 1, column: 1, endLine: 1, endColumn: 1 };

function rawFields(blockCount: number, min: number, max: number): fc.Arbitrary<RawField[]> {
  const field = fc.record({
    targets: fc.uniqueArray(fc.integer({ min: 0, max: blockCount - 1 }), { minLength: 1, maxLength: 2 }),
    list: fc.boolean(),
    optional: fc.boolean(),
  });
  return fc
    .array(field, { minLength: min, maxLength: max })
    .map((fields) => fields.map((f, i) => ({ attribute: `f${i}`, ...f })));
}

export const arbitraryRawModel: fc.Arbitrary<RawModel> = fc.integer({ min: 1, max: 6 }).chain((blockCount) =>
  fc
    .record({
      blocks: fc.tuple(
        ...Array.from({ length: blockCount }, (_, i) =>
          fc.record({
            name: fc.constant(`B${i}`),
            resourceTypes: fc.uniqueArray(fc.constantFrom(...RT_POOL), { maxLength: 4 }),
            fields: rawFields(blockCount, 0, 3),
          }),
        ),
      ),
      types: fc
        .array(
          fc.record({
            fixedInputs: fc.uniqueArray(fc.constantFrom(...FI_POOL), { maxLength: 3 }),
            fields: rawFields(blockCount, 1, 2),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        )
        .map((types) => types.map((t, i) => ({ name: `T${i}`, ...t }))),
      products: fc
        .array(fc.nat(), { minLength: 1, maxLength: 4 })
        .map((types) => types.map((type, i) => ({ name: `P${i}`, type }))),
    })
    .map((raw) => ({
      ...raw,
      products: raw.products.map((p) => ({ ...p, type: p.type % raw.types.length })),
    })),
);

export function toModel(raw: RawModel): DomainModel {
  const field = (f: RawField): ModelBlockField => ({
    attribute: f.attribute,
    blocks: [...new Set(f.targets.map((t) => raw.blocks[t]!.name))],
    list: f.list,
    optional: f.optional,
    location: LOCATION,
  });
  const model: DomainModel = { products: [], productTypes: {}, blocks: [], registryLocation: LOCATION };
  const seen = new Set<number>();
  const visit = (index: number): void => {
    if (seen.has(index)) return;
    seen.add(index);
    const block = raw.blocks[index]!;
    model.blocks.push({
      name: block.name,
      resourceTypes: block.resourceTypes.map((name) => ({
        name,
        spec: { kind: "string", list: false },
        location: LOCATION,
      })),
      blockFields: block.fields.map(field),
      location: LOCATION,
    });
    for (const f of block.fields) f.targets.forEach(visit);
  };
  for (const product of raw.products) {
    const type = raw.types[product.type]!;
    if (!model.productTypes[type.name]) {
      model.productTypes[type.name] = {
        name: type.name,
        fixedInputs: type.fixedInputs.map((name) => ({
          name,
          spec: { kind: "string", list: false },
          location: LOCATION,
        })),
        blockFields: type.fields.map(field),
        location: LOCATION,
      };
      for (const f of type.fields) f.targets.forEach(visit);
    }
    model.products.push({
      name: product.name,
      productType: type.name,
      fixedInputValues: {},
      location: LOCATION,
    });
  }
  return model;
}
