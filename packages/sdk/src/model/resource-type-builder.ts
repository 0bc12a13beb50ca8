// Builders for resource types (block fields holding values) and fixed inputs (product fields). Immutable:
// every method returns a new builder, so one builder can be shared between fields without surprises.
// The value type and the requirement live only in the phantom "~types" property, for inference.
import type { Lifecycle, ScalarKind, ScalarSpec } from "./domain-model.ts";
import type { Requirement } from "./lifecycle.ts";

export interface ResourceTypeOptions {
  readonly description?: string;
  readonly requiredFrom?: Lifecycle;
  readonly renamedFrom?: string;
  /** `.default(value)` as the text the database would hold (formatted by a custom kind's `format`). */
  readonly defaultText?: string;
}

/** How a custom scalar kind turns stored text into its value and back (see define-scalar-kind.ts). */
export interface ScalarCodec<T> {
  parse(text: string): T;
  format(value: T): string;
}

export interface ResourceTypeBuilder<T, R extends Requirement = "never"> {
  readonly kind: "resourceType";
  readonly spec: ScalarSpec;
  readonly options: ResourceTypeOptions;
  readonly "~types"?: { readonly value: T; readonly requirement: R };
  describe(text: string): ResourceTypeBuilder<T, R>;
  /**
   * The field's previous name: the diff renames instead of deleting and creating (see docs/design.md,
   * How renames resolve).
   */
  renamedFrom(oldName: string): ResourceTypeBuilder<T, R>;
  /** Required from this lifecycle on (see lifecycle.ts for the order); optional before. */
  requiredFrom<L extends Lifecycle>(lifecycle: L): ResourceTypeBuilder<T, L>;
  /** Optional in every lifecycle (the default). */
  optional(): ResourceTypeBuilder<T, "never">;
  /**
   * The value a new subscription starts with, for readers of the model (and `models pull`). It changes no
   * metadata: the database has no column for it.
   */
  default(value: T): ResourceTypeBuilder<T, R>;
  /** A custom scalar kind's parse/format pair; absent for the built-in kinds. */
  readonly codec?: ScalarCodec<T>;
}

export type AnyResourceTypeBuilder = ResourceTypeBuilder<any, Requirement>;

export function resourceTypeBuilder<T>(
  spec: ScalarSpec,
  options: ResourceTypeOptions = {},
  codec?: ScalarCodec<T>,
): ResourceTypeBuilder<T> {
  return new ResourceType(spec, options, codec as ScalarCodec<unknown> | undefined) as ResourceTypeBuilder<T>;
}

/**
 * A class rather than an object of closures: a large model holds tens of thousands of builders, and
 * methods on the prototype cost nothing per builder.
 */
class ResourceType {
  readonly kind = "resourceType";
  readonly spec: ScalarSpec;
  readonly options: ResourceTypeOptions;
  readonly codec?: ScalarCodec<unknown>;

  constructor(spec: ScalarSpec, options: ResourceTypeOptions, codec?: ScalarCodec<unknown>) {
    this.spec = spec;
    this.options = Object.freeze(options);
    if (codec) this.codec = codec;
    Object.freeze(this);
  }

  #with(options: ResourceTypeOptions) {
    return new ResourceType(this.spec, options, this.codec);
  }

  describe(text: string) {
    return this.#with({ ...this.options, description: text });
  }

  renamedFrom(oldName: string) {
    return this.#with({ ...this.options, renamedFrom: oldName });
  }

  requiredFrom(lifecycle: Lifecycle) {
    return this.#with({ ...this.options, requiredFrom: lifecycle });
  }

  optional() {
    const { requiredFrom: _dropped, ...rest } = this.options;
    return this.#with(rest);
  }

  default(value: unknown) {
    const format = (element: unknown) => (this.codec ? this.codec.format(element) : String(element));
    // A list's default is one value row per element: written as the JSON array that answers take too.
    const text = this.spec.list && Array.isArray(value) ? JSON.stringify(value.map(format)) : format(value);
    return this.#with({ ...this.options, defaultText: text });
  }
}

/** One spec object per scalar kind, shared by every builder of that kind. */
const SCALAR_SPECS = new Map<ScalarKind, ScalarSpec>();

export function scalar<T>(kind: ScalarKind): ResourceTypeBuilder<T> {
  let spec = SCALAR_SPECS.get(kind);
  if (!spec) {
    spec = Object.freeze({ kind, list: false }) as ScalarSpec;
    SCALAR_SPECS.set(kind, spec);
  }
  return resourceTypeBuilder<T>(spec);
}

export function isResourceTypeBuilder(value: unknown): value is AnyResourceTypeBuilder {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "resourceType";
}
