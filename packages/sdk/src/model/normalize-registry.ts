// Registry (DSL objects) → DomainModel (plain data). Walks products in registry order and their blocks
// depth first (the first definition found for a name is the one kept), so the model lists blocks in
// discovery order. Unlike orchestrator-core, a second *different* definition with the same block name is
// an error rather than silently ignored (see docs/design.md, Domain models).

import { checkRequiredCycles } from "./block-cycles.ts";
import { type AnyBlockFieldBuilder, isBlockFieldBuilder, resolveBlockRef } from "./block-field-builder.ts";
import {
  type AnyProductBlock,
  type AnyProductType,
  isProductBlock,
  type Registry,
  type RegistryProduct,
} from "./definitions.ts";
import type {
  DomainModel,
  ModelBlock,
  ModelBlockField,
  ModelFixedInput,
  ModelProduct,
  ModelProductType,
  ModelResourceType,
  ScalarSpec,
  SourceLocation,
} from "./domain-model.ts";
import { fixedInputText } from "./fixed-input-values.ts";
import { ModelError } from "./model-errors.ts";
import { type AnyResourceTypeBuilder, isResourceTypeBuilder } from "./resource-type-builder.ts";

/**
 * The model defineRegistry built while validating, until its first reader takes it: one model at most
 * is held, whatever the number of registries defined.
 */
let built: { registry: Registry; model: DomainModel } | undefined;

/**
 * The model objects built for each definition, when reuse is switched on (the long-lived loader's
 * thread): a definition whose file did not change is the same object after a save, and so is its
 * part of the model, which is then neither built nor encoded again. Off by default, since callers
 * of normalizeRegistry may change the model they get.
 */
let reused:
  | {
      blocks: WeakMap<AnyProductBlock, { block: ModelBlock; children: AnyProductBlock[] }>;
      types: WeakMap<AnyProductType, { type: ModelProductType; children: AnyProductBlock[] }>;
    }
  | undefined;

export function reuseModelObjects(): void {
  reused ??= { blocks: new WeakMap(), types: new WeakMap() };
}

export function keepUntilNormalized(registry: Registry, model: DomainModel): void {
  built = { registry, model };
}

/** The registry's model as plain data (a new one on every call: callers may change it freely). */
export function normalizeRegistry(registry: Registry): DomainModel {
  if (built?.registry === registry) {
    const { model } = built;
    built = undefined;
    return model;
  }
  return buildDomainModel(registry.products, registry.location);
}

export function buildDomainModel(
  products: readonly RegistryProduct[],
  registryLocation: SourceLocation,
): DomainModel {
  const builder = new ModelBuilder();
  const modelProducts = products.map((product) => builder.addProduct(product));
  checkRequiredCycles(builder.blocks);
  return {
    products: modelProducts,
    productTypes: builder.productTypes,
    blocks: builder.blocks,
    registryLocation,
  };
}

class ModelBuilder {
  readonly productTypes: Record<string, ModelProductType> = {};
  readonly blocks: ModelBlock[] = [];
  private readonly typeDefinitions = new Map<string, AnyProductType>();
  private readonly blockDefinitions = new Map<string, AnyProductBlock>();

  addProduct(product: RegistryProduct): ModelProduct {
    const type = this.addProductType(product.type);
    const fixedInputValues: Record<string, string> = {};
    for (const [name, value] of Object.entries(product.fixedInputs)) {
      const location = product.fixedInputLocations[name] ?? product.location;
      const fixedInput = type.fixedInputs.find((f) => f.name === name);
      if (!fixedInput) {
        throw ModelError.unknownFixedInput(
          product.name,
          name,
          type.fixedInputs.map((f) => f.name),
          location,
        );
      }
      // A custom scalar kind's value is stored as its format() text; the built-in kinds convert themselves.
      const codec = (product.type.fixedInputs[name] as AnyResourceTypeBuilder | undefined)?.codec;
      const stored = codec && typeof value === "object" && value !== null ? codec.format(value) : value;
      const { text, expected } = fixedInputText(fixedInput.spec, stored);
      if (text === undefined)
        throw ModelError.invalidFixedInputValue(product.name, name, value, expected, location);
      fixedInputValues[name] = text;
    }
    return {
      name: product.name,
      productType: type.name,
      ...optional("description", product.description),
      ...optional("tag", product.tag),
      fixedInputValues,
      ...optional("renamedFrom", product.renamedFrom),
      location: product.location,
    };
  }

  private addProductType(definition: AnyProductType): ModelProductType {
    const first = this.typeDefinitions.get(definition.name);
    if (first && first !== definition) {
      throw ModelError.duplicateProductTypeName(definition.name, definition.location, first.location);
    }
    if (first) return this.productTypes[definition.name]!;
    this.typeDefinitions.set(definition.name, definition);
    const earlier = reused?.types.get(definition);
    if (earlier) {
      this.productTypes[definition.name] = earlier.type;
      for (const block of earlier.children) this.addBlock(block);
      return earlier.type;
    }
    const locationOf = (field: string) => definition.fieldLocations[field] ?? definition.location;
    const fixedInputs: ModelFixedInput[] = Object.entries(
      definition.fixedInputs as Record<string, AnyResourceTypeBuilder>,
    ).map(([name, builder]) => ({
      name,
      spec: copySpec(builder.spec),
      ...optional("renamedFrom", builder.options.renamedFrom),
      location: locationOf(name),
    }));
    const owner = `product type "${definition.name}"`;
    const fields = Object.entries(definition.blocks as Record<string, AnyBlockFieldBuilder>).map(
      ([attribute, builder]) => this.resolveBlockField(owner, attribute, builder, locationOf(attribute)),
    );
    const type: ModelProductType = {
      name: definition.name,
      fixedInputs,
      blockFields: fields.map((f) => f.field),
      location: definition.location,
    };
    this.productTypes[definition.name] = type;
    const children = fields.flatMap((f) => f.definitions);
    reused?.types.set(definition, { type, children });
    for (const block of children) this.addBlock(block);
    return type;
  }

  private addBlock(definition: AnyProductBlock): void {
    const first = this.blockDefinitions.get(definition.name);
    if (first && first !== definition) {
      throw ModelError.duplicateBlockName(definition.name, definition.location, first.location);
    }
    if (first) return;
    this.blockDefinitions.set(definition.name, definition);
    const earlier = reused?.blocks.get(definition);
    if (earlier) {
      this.blocks.push(earlier.block);
      for (const block of earlier.children) this.addBlock(block);
      return;
    }
    const owner = `product block "${definition.name}"`;
    const resourceTypes: ModelResourceType[] = [];
    const fields: { field: ModelBlockField; definitions: AnyProductBlock[] }[] = [];
    for (const [name, builder] of Object.entries(definition.fields)) {
      const location = definition.fieldLocations[name] ?? definition.location;
      if (isResourceTypeBuilder(builder)) resourceTypes.push(resourceType(name, builder, location));
      else if (isBlockFieldBuilder(builder))
        fields.push(this.resolveBlockField(owner, name, builder, location));
    }
    const block: ModelBlock = {
      name: definition.name,
      ...optional("description", definition.description),
      ...optional("tag", definition.tag),
      ...optional("renamedFrom", definition.renamedFrom),
      resourceTypes,
      blockFields: fields.map((f) => f.field),
      location: definition.location,
    };
    this.blocks.push(block);
    const children = fields.flatMap((f) => f.definitions);
    reused?.blocks.set(definition, { block, children });
    for (const child of children) this.addBlock(child);
  }

  private resolveBlockField(
    owner: string,
    attribute: string,
    builder: AnyBlockFieldBuilder,
    location: SourceLocation,
  ) {
    const definitions = builder.refs.map((ref) => {
      let block: unknown;
      try {
        block = resolveBlockRef(ref);
      } catch {
        block = undefined;
      }
      if (!isProductBlock(block)) throw ModelError.unresolvedBlock(owner, attribute, location);
      return block;
    });
    const { optional: isOptional, requiredFrom, min, max } = builder.options;
    const field: ModelBlockField = {
      attribute,
      blocks: [...new Set(definitions.map((block) => block.name))],
      list: builder.list,
      optional: isOptional,
      ...optional("min", min),
      ...optional("max", max),
      ...optional("requiredFrom", requiredFrom),
      location,
    };
    return { field, definitions };
  }
}

function resourceType(
  name: string,
  builder: AnyResourceTypeBuilder,
  location: SourceLocation,
): ModelResourceType {
  const { description, requiredFrom, renamedFrom, defaultText } = builder.options;
  return {
    name,
    spec: copySpec(builder.spec),
    ...optional("description", description),
    ...optional("requiredFrom", requiredFrom),
    ...optional("renamedFrom", renamedFrom),
    ...optional("default", defaultText),
    location,
  };
}

function copySpec(spec: ScalarSpec): ScalarSpec {
  return {
    kind: spec.kind,
    ...(spec.values ? { values: [...spec.values] } : {}),
    ...optional("numeric", spec.numeric),
    ...optional("custom", spec.custom),
    list: spec.list,
  };
}

/** Leaves absent properties out, so models compare and serialise cleanly. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
