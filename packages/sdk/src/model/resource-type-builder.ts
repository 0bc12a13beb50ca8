// Builders for resource types (block fields holding values) and fixed inputs (product fields). Immutable:
// every method returns a new builder, so one builder can be shared between fields without surprises.
// The value type and the requirement live only in the phantom "~types" property, for inference.
import type { Lifecycle, ScalarKind, ScalarSpec } from "./domain-model.ts";
import type { Requirement } from "./lifecycle.ts";

export interface ResourceTypeOptions {
  readonly description?: string;
  readonly requiredFrom?: Lifecycle;
  readonly renamedFrom?: string;
}

export interface ResourceTypeBuilder<T, R extends Requirement = "never"> {
  readonly kind: "resourceType";
  readonly spec: ScalarSpec;
  readonly options: ResourceTypeOptions;
  readonly "~types"?: { readonly value: T; readonly requirement: R };
  describe(text: string): ResourceTypeBuilder<T, R>;
  /** The field's previous name: the diff renames instead of deleting and creating (c.5). */
  renamedFrom(oldName: string): ResourceTypeBuilder<T, R>;
  /** Required from this lifecycle on (see lifecycle.ts for the order); optional before. */
  requiredFrom<L extends Lifecycle>(lifecycle: L): ResourceTypeBuilder<T, L>;
  /** Optional in every lifecycle (the default). */
  optional(): ResourceTypeBuilder<T, "never">;
}

export type AnyResourceTypeBuilder = ResourceTypeBuilder<any, Requirement>;

export function resourceTypeBuilder<T>(
  spec: ScalarSpec,
  options: ResourceTypeOptions = {},
): ResourceTypeBuilder<T> {
  const next = (changes: ResourceTypeOptions) =>
    resourceTypeBuilder<T>(spec, { ...options, ...changes }) as any;
  return Object.freeze({
    kind: "resourceType" as const,
    spec,
    options: Object.freeze(options),
    describe: (text: string) => next({ description: text }),
    renamedFrom: (oldName: string) => next({ renamedFrom: oldName }),
    requiredFrom: (lifecycle: Lifecycle) => next({ requiredFrom: lifecycle }),
    optional: () => {
      const { requiredFrom: _dropped, ...rest } = options;
      return resourceTypeBuilder<T>(spec, rest) as any;
    },
  });
}

export function scalar<T>(kind: ScalarKind): ResourceTypeBuilder<T> {
  return resourceTypeBuilder<T>(Object.freeze({ kind, list: false }));
}

export function isResourceTypeBuilder(value: unknown): value is AnyResourceTypeBuilder {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "resourceType";
}
