// The DSL alone, without the database layer: what model files need. Importing it is cheap, which keeps
// loadRegistry({ fresh: true }) fast (the package root also loads the ORM).

export { defineProductBlock } from "./define-product-block.ts";
export { defineProductType } from "./define-product-type.ts";
export { defineRegistry } from "./define-registry.ts";
export { defineScalarKind, type ScalarKindInput } from "./define-scalar-kind.ts";
export type {
  AnyProductBlock,
  AnyProductType,
  ProductBlockDefinition,
  ProductTypeDefinition,
  Registry,
  RegistryEntry,
} from "./definitions.ts";
export type { BlockOf, SubscriptionOf } from "./infer.ts";
export { ModelError } from "./model-errors.ts";
export { normalizeRegistry } from "./normalize-registry.ts";
export { r } from "./r.ts";
