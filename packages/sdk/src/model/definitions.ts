// The objects define* return. They are plain frozen data tagged with `kind` (not classes), so a registry
// built with one copy of the SDK (the user's node_modules) is understood by another (the CLI's).

import type { AnyBlockFieldBuilder } from "./block-field-builder.ts";
import type { DomainModel, SourceLocation } from "./domain-model.ts";
import type { AnyResourceTypeBuilder } from "./resource-type-builder.ts";

export type BlockFields = Readonly<Record<string, AnyResourceTypeBuilder | AnyBlockFieldBuilder>>;
export type FixedInputFields = Readonly<Record<string, AnyResourceTypeBuilder>>;
export type ProductBlockFields = Readonly<Record<string, AnyBlockFieldBuilder>>;

interface Described {
  readonly description?: string;
  readonly tag?: string;
  readonly renamedFrom?: string;
}

export interface ProductBlockDefinition<Name extends string = string, F extends BlockFields = BlockFields>
  extends Described {
  readonly kind: "productBlock";
  readonly name: Name;
  readonly fields: F;
  /** Where the `name:` value is written. */
  readonly location: SourceLocation;
  /** Where each field's key is written. */
  readonly fieldLocations: Readonly<Record<string, SourceLocation>>;
}

export interface ProductTypeDefinition<
  Name extends string = string,
  FI extends FixedInputFields = FixedInputFields,
  BF extends ProductBlockFields = ProductBlockFields,
> {
  readonly kind: "productType";
  readonly name: Name;
  readonly fixedInputs: FI;
  readonly blocks: BF;
  readonly location: SourceLocation;
  readonly fieldLocations: Readonly<Record<string, SourceLocation>>;
}

export type AnyProductBlock = ProductBlockDefinition<string, any>;
export type AnyProductType = ProductTypeDefinition<string, any, any>;

/** A registry value with metadata: answers the product's migration questions (description, tag, values). */
export interface RegistryEntry<P extends AnyProductType = AnyProductType> extends Described {
  readonly type: P;
  /** Values by fixed input: text, numbers and booleans, or a custom scalar kind's value (stored formatted). */
  readonly fixedInputs?: Readonly<Record<string, unknown>>;
}

export type RegistryEntries = Readonly<Record<string, AnyProductType | RegistryEntry>>;

/** A registry entry resolved by defineRegistry, with the positions of its key and fixed-input values. */
export interface RegistryProduct extends Described {
  readonly name: string;
  readonly type: AnyProductType;
  readonly fixedInputs: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
  readonly fixedInputLocations: Readonly<Record<string, SourceLocation>>;
}

export interface Registry<E extends RegistryEntries = RegistryEntries> {
  readonly kind: "registry";
  readonly entries: E;
  /** The entries in registry order, resolved. */
  readonly products: readonly RegistryProduct[];
  /** Where defineRegistry is called: products only the database has are reported here. */
  readonly location: SourceLocation;
  /** The validated, normalised model: a new copy on each read (modules that define registries are re-run on reload, so none is kept). */
  readonly model: DomainModel;
}

export function isProductBlock(value: unknown): value is AnyProductBlock {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "productBlock";
}

export function isProductType(value: unknown): value is AnyProductType {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "productType";
}

export function isRegistry(value: unknown): value is Registry {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "registry";
}
