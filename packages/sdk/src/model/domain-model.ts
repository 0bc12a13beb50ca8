// The registry, normalised to plain data. The DSL (define*.ts) produces it; the diff, the questions and
// the language server only ever read this shape, never the DSL objects themselves.

/** 1-based line and column of a name in a model source file, as editors and compilers print them. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** orchestrator-core's subscription lifecycles, in the order a subscription normally goes through. */
export const LIFECYCLES = [
  "initial",
  "provisioning",
  "active",
  "migrating",
  "disabled",
  "terminated",
] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export type ScalarKind = "string" | "int" | "float" | "bool" | "uuid" | "enum" | "ipv4" | "ipv6";

/** The type of a resource type or fixed input. Only names reach the database; kinds validate answers. */
export interface ScalarSpec {
  kind: ScalarKind;
  /** Allowed values of an enum, as stored (decimal text for an enum of numbers). */
  values?: readonly string[];
  /** An enum of numbers (`r.enum([10000, 100000])`): typed as numbers, stored as their decimal text. */
  numeric?: boolean;
  /** The name of a custom scalar kind (`defineScalarKind`): stored as text, so `kind` is "string". */
  custom?: string;
  /** A list field: one value row per element. */
  list: boolean;
}

export interface ModelResourceType {
  /** The field name, which is the resource type's name (global: one row per name, shared by every block). */
  name: string;
  spec: ScalarSpec;
  description?: string;
  /** First lifecycle from which the field is required; absent = optional in every lifecycle. */
  requiredFrom?: Lifecycle;
  renamedFrom?: string;
  /** `.default(value)` as stored text: for readers of the model; it changes no metadata. */
  default?: string;
  location: SourceLocation;
}

/** A field of a product type or product block that holds other blocks. */
export interface ModelBlockField {
  attribute: string;
  /** Names of the blocks it may hold: one, or several for a union. */
  blocks: string[];
  list: boolean;
  optional: boolean;
  min?: number;
  max?: number;
  requiredFrom?: Lifecycle;
  location: SourceLocation;
}

export interface ModelBlock {
  name: string;
  description?: string;
  tag?: string;
  renamedFrom?: string;
  resourceTypes: ModelResourceType[];
  blockFields: ModelBlockField[];
  /** Location of the block's name in its definition. */
  location: SourceLocation;
}

export interface ModelFixedInput {
  name: string;
  spec: ScalarSpec;
  renamedFrom?: string;
  location: SourceLocation;
}

export interface ModelProductType {
  /** The product_type column value (the reference uses the class name). */
  name: string;
  fixedInputs: ModelFixedInput[];
  blockFields: ModelBlockField[];
  location: SourceLocation;
}

/** One registry entry: a product row in the database. */
export interface ModelProduct {
  /** The registry key = products.name. */
  name: string;
  productType: string;
  description?: string;
  tag?: string;
  /** Fixed-input values given in the registry entry (answers the fixed-input questions). */
  fixedInputValues: Record<string, string>;
  renamedFrom?: string;
  /** Location of the registry key. */
  location: SourceLocation;
}

export interface DomainModel {
  /** Registry order. */
  products: ModelProduct[];
  /** By product type name. */
  productTypes: Record<string, ModelProductType>;
  /** Every block reachable from a registered product, in discovery order (registry order, depth first). */
  blocks: ModelBlock[];
  /** Location of the defineRegistry call, where things that only the database has are reported. */
  registryLocation: SourceLocation;
}
