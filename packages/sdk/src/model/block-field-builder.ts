// Builders for fields that hold product blocks: one block, a union of blocks, or a list of either.
// A block field is required in every lifecycle unless made optional or required from a later lifecycle,
// matching orchestrator-core, where sub-block instances are created with the subscription.
// Blocks are referenced directly or through a function (`r.block(() => B)`) so a block can refer to
// itself or to a block defined further down the file; the function is called when the registry is built.

import type { AnyProductBlock } from "./definitions.ts";
import type { Lifecycle } from "./domain-model.ts";
import type { Requirement } from "./lifecycle.ts";

export type BlockRef<B extends AnyProductBlock = AnyProductBlock> = B | (() => B);

export interface BlockFieldOptions {
  readonly description?: string;
  /** Absent with optional false: required in every lifecycle. */
  readonly requiredFrom?: Lifecycle;
  readonly optional: boolean;
  readonly min?: number;
  readonly max?: number;
}

export interface BlockFieldBuilder<B extends AnyProductBlock, List extends boolean, R extends Requirement> {
  readonly kind: "blockField";
  readonly refs: readonly BlockRef[];
  readonly list: List;
  readonly options: BlockFieldOptions;
  readonly "~types"?: { readonly block: B; readonly requirement: R };
  describe(text: string): BlockFieldBuilder<B, List, R>;
  requiredFrom<L extends Lifecycle>(lifecycle: L): BlockFieldBuilder<B, List, L>;
  optional(): BlockFieldBuilder<B, List, "never">;
  /** Minimum number of elements of a list field. */
  min(this: BlockFieldBuilder<B, true, R>, count: number): BlockFieldBuilder<B, true, R>;
  max(this: BlockFieldBuilder<B, true, R>, count: number): BlockFieldBuilder<B, true, R>;
}

export type AnyBlockFieldBuilder = BlockFieldBuilder<any, boolean, Requirement>;

export function blockFieldBuilder<B extends AnyProductBlock, List extends boolean>(
  refs: readonly BlockRef[],
  list: List,
  options: BlockFieldOptions = { optional: false },
): BlockFieldBuilder<B, List, "initial"> {
  return new BlockField(Object.freeze([...refs]), list, options) as unknown as BlockFieldBuilder<
    B,
    List,
    "initial"
  >;
}

/** A class, so that the methods live once on the prototype (see resource-type-builder.ts). */
class BlockField {
  readonly kind = "blockField";
  readonly refs: readonly BlockRef[];
  readonly list: boolean;
  readonly options: BlockFieldOptions;

  constructor(refs: readonly BlockRef[], list: boolean, options: BlockFieldOptions) {
    this.refs = refs;
    this.list = list;
    this.options = Object.freeze(options);
    Object.freeze(this);
  }

  #with(changes: Partial<BlockFieldOptions>): BlockField {
    return new BlockField(this.refs, this.list, { ...this.options, ...changes });
  }

  describe(text: string) {
    return this.#with({ description: text });
  }

  requiredFrom(lifecycle: Lifecycle) {
    return this.#with({ requiredFrom: lifecycle, optional: false });
  }

  optional() {
    const { requiredFrom: _dropped, ...rest } = this.options;
    return new BlockField(this.refs, this.list, { ...rest, optional: true });
  }

  min(count: number) {
    return this.#with({ min: count });
  }

  max(count: number) {
    return this.#with({ max: count });
  }
}

export function isBlockFieldBuilder(value: unknown): value is AnyBlockFieldBuilder {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "blockField";
}

export function resolveBlockRef(ref: BlockRef): AnyProductBlock {
  return typeof ref === "function" ? ref() : ref;
}
