// defineScalarKind: a named kind of value that the database stores as text but the model types by its
// parser, such as a VLAN range ("100-199,300"). The name reaches readers of the model (`spec.custom`);
// the parse/format pair stays on the builder, because the normalised model is plain data.
import type { ScalarSpec } from "./domain-model.ts";
import { ModelError } from "./model-errors.ts";
import { type ResourceTypeBuilder, resourceTypeBuilder, type ScalarCodec } from "./resource-type-builder.ts";

export interface ScalarKindInput<T> extends ScalarCodec<T> {
  /** Shown to readers of the model; letters, digits and underscores. */
  name: string;
}

/** A field builder for the kind: `const vlanRange = defineScalarKind({...}); fields: { vlans: vlanRange() }`. */
export function defineScalarKind<T>(input: ScalarKindInput<T>): () => ResourceTypeBuilder<T> {
  if (typeof input?.name !== "string" || !/^[A-Za-z][A-Za-z0-9_]*$/.test(input.name)) {
    throw ModelError.invalidScalarKind(input?.name, "its name must be letters, digits and underscores");
  }
  if (typeof input.parse !== "function" || typeof input.format !== "function") {
    throw ModelError.invalidScalarKind(input.name, "it needs both parse(text) and format(value) functions");
  }
  const spec: ScalarSpec = Object.freeze({ kind: "string", custom: input.name, list: false });
  const codec: ScalarCodec<T> = Object.freeze({ parse: input.parse, format: input.format });
  return () => resourceTypeBuilder<T>(spec, {}, codec);
}
