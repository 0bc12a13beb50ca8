// defineRegistry: product name → product type (optionally with metadata). Like orchestrator-core's
// SUBSCRIPTION_MODEL_REGISTRY, several names may share one product type. The whole model is
// validated and normalised here, so a broken model fails when its module is imported.

import type {
  AnyProductType,
  FixedInputFields,
  ProductTypeDefinition,
  Registry,
  RegistryEntries,
  RegistryEntry,
  RegistryProduct,
} from "./definitions.ts";
import { isProductType } from "./definitions.ts";
import type { DomainModel, SourceLocation } from "./domain-model.ts";
import { ModelError } from "./model-errors.ts";
import { buildDomainModel, keepUntilNormalized, normalizeRegistry } from "./normalize-registry.ts";
import type { ResourceTypeBuilder } from "./resource-type-builder.ts";
import { locateDefinitionCall } from "./source-index.ts";
import { validateMetadata } from "./validate-definition.ts";

type FixedInputValue<B> =
  B extends ResourceTypeBuilder<infer T, any> ? T | `${T & (string | number | boolean)}` : never;

/** Type-checks an entry's fixed-input values against its product type. */
type CheckedEntry<V> = V extends {
  type: ProductTypeDefinition<string, infer FI extends FixedInputFields, any>;
}
  ? Omit<V, "fixedInputs"> & { fixedInputs?: { [K in keyof FI]?: FixedInputValue<FI[K]> } }
  : V;

export function defineRegistry<const E extends RegistryEntries>(
  entries: E & { [K in keyof E]: CheckedEntry<E[K]> },
): Registry<E> {
  const source = locateDefinitionCall(defineRegistry, null);
  const keyLocations: Record<string, SourceLocation> = {};
  for (const { key, location } of source.keys([])) {
    const first = keyLocations[key];
    if (first) throw ModelError.duplicateRegistryKey(key, location, first);
    keyLocations[key] = location;
  }
  const products = Object.entries(entries as RegistryEntries).map(([name, value]): RegistryProduct => {
    const location = keyLocations[name] ?? source.call;
    const entry: RegistryEntry | undefined = isProductType(value) ? { type: value } : value;
    if (!entry || !isProductType(entry.type)) throw ModelError.notAProductType(name, location);
    validateMetadata(`product "${name}"`, entry, {
      description: source.valueLocation([name, "description"]),
      tag: source.valueLocation([name, "tag"]),
    });
    const fixedInputLocations = Object.fromEntries(
      source.keys([name, "fixedInputs"]).map(({ key, location: at }) => [key, at]),
    );
    return Object.freeze({
      name,
      type: entry.type as AnyProductType,
      ...(entry.description === undefined ? {} : { description: entry.description }),
      ...(entry.tag === undefined ? {} : { tag: entry.tag }),
      ...(entry.renamedFrom === undefined ? {} : { renamedFrom: entry.renamedFrom }),
      fixedInputs: Object.freeze({ ...(entry.fixedInputs ?? {}) }),
      location,
      fixedInputLocations,
    });
  });
  const frozenProducts = Object.freeze(products);
  // Validated here, so that a broken model fails at import; but not kept on the registry: a loader that
  // re-imports the registry module on every save would keep one whole model per (never freed) module.
  const model = buildDomainModel(frozenProducts, source.call);
  const registry: Registry<E> = Object.freeze({
    kind: "registry" as const,
    entries,
    products: frozenProducts,
    location: source.call,
    /** A new copy on every read. */
    get model(): DomainModel {
      return normalizeRegistry(registry);
    },
  });
  keepUntilNormalized(registry, model);
  return registry;
}
