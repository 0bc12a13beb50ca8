// `r`: the field builders of the DSL (resource types, fixed inputs and block fields).

import {
  type BlockFieldBuilder,
  type BlockRef,
  blockFieldBuilder,
  isBlockFieldBuilder,
} from "./block-field-builder.ts";
import type { AnyProductBlock } from "./definitions.ts";
import type { ScalarSpec } from "./domain-model.ts";
import type { Requirement } from "./lifecycle.ts";
import { ModelError } from "./model-errors.ts";
import {
  isResourceTypeBuilder,
  type ResourceTypeBuilder,
  resourceTypeBuilder,
  scalar,
} from "./resource-type-builder.ts";

function list<T, R extends Requirement>(item: ResourceTypeBuilder<T, R>): ResourceTypeBuilder<T[], R>;
function list<B extends AnyProductBlock, R extends Requirement>(
  item: BlockFieldBuilder<B, false, R>,
): BlockFieldBuilder<B, true, R>;
function list(item: unknown): unknown {
  if (isResourceTypeBuilder(item) && !item.spec.list) {
    return resourceTypeBuilder(Object.freeze({ ...item.spec, list: true }), item.options, item.codec);
  }
  if (isBlockFieldBuilder(item) && !item.list) return blockFieldBuilder(item.refs, true, item.options);
  throw new ModelError(
    "ORCH_INVALID_FIELD",
    "r.list() takes one scalar builder (r.string(), r.int(), …) or one block field (r.block(B), r.union(…)); " +
      "lists of lists are not supported because the database stores one value row per element.",
  );
}

function enumSpec(values: readonly (string | number)[]): ScalarSpec {
  const numeric = values.length > 0 && values.every((value) => typeof value === "number");
  return Object.freeze({
    kind: "enum",
    values: Object.freeze(values.map(String)),
    ...(numeric ? { numeric: true } : {}),
    list: false,
  });
}

export const r = {
  string: () => scalar<string>("string"),
  int: () => scalar<number>("int"),
  float: () => scalar<number>("float"),
  bool: () => scalar<boolean>("bool"),
  uuid: () => scalar<string>("uuid"),
  ipv4: () => scalar<string>("ipv4"),
  ipv6: () => scalar<string>("ipv6"),
  /**
   * An enum: the value is one of `values` (inferred as a union of literals). Strings, or numbers such as
   * speeds (`r.enum([10000, 100000])`), which are typed as numbers and stored as their decimal text.
   */
  enum: <const V extends readonly [string, ...string[]] | readonly [number, ...number[]]>(
    values: V,
  ): ResourceTypeBuilder<V[number]> => resourceTypeBuilder<V[number]>(enumSpec(values)),
  /** A field holding one product block (depends-on relation). */
  block: <B extends AnyProductBlock>(block: BlockRef<B>) => blockFieldBuilder<B, false>([block], false),
  /** A field holding one of several product blocks. */
  union: <const Bs extends readonly AnyProductBlock[]>(...blocks: { [K in keyof Bs]: BlockRef<Bs[K]> }) =>
    blockFieldBuilder<Bs[number], false>(blocks as readonly BlockRef[], false),
  /** A list: of values (one value row per element) or of blocks. */
  list,
};
