// Type inference: the shape of a subscription (or block) in a given lifecycle. Fields whose requirement
// covers the lifecycle are required properties; the others are optional (`?:`, value | undefined).

import type { BlockFieldBuilder } from "./block-field-builder.ts";
import type { AnyProductBlock, AnyProductType, BlockFields } from "./definitions.ts";
import type { Lifecycle } from "./domain-model.ts";
import type { IsRequiredIn, Requirement } from "./lifecycle.ts";
import type { ResourceTypeBuilder } from "./resource-type-builder.ts";

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequirementOf<F> = F extends { readonly "~types"?: { readonly requirement: infer R } }
  ? R extends Requirement
    ? R
    : "never"
  : "never";

type FieldValue<F, L extends Lifecycle> =
  F extends ResourceTypeBuilder<infer T, any>
    ? T
    : F extends BlockFieldBuilder<infer B, infer List, any>
      ? List extends true
        ? BlockOf<B, L>[]
        : BlockOf<B, L>
      : never;

type RequiredKeys<F, L extends Lifecycle> = {
  [K in keyof F]: IsRequiredIn<RequirementOf<F[K]>, L> extends true ? K : never;
}[keyof F];

type Shape<F, L extends Lifecycle> = Simplify<
  { [K in RequiredKeys<F, L>]: FieldValue<F[K], L> } & {
    [K in Exclude<keyof F, RequiredKeys<F, L>>]?: FieldValue<F[K], L>;
  }
>;

/** The data of a product block in lifecycle L (a union of blocks gives a union of shapes). */
export type BlockOf<B extends AnyProductBlock, L extends Lifecycle = "active"> = B extends {
  readonly fields: infer F extends BlockFields;
}
  ? Shape<F, L>
  : never;

type FixedInputValues<FI> = { [K in keyof FI]: FI[K] extends ResourceTypeBuilder<infer T, any> ? T : never };

/** A subscription of a product type in lifecycle L: its fixed inputs and its root blocks. */
export type SubscriptionOf<P extends AnyProductType, L extends Lifecycle = "active"> = P extends {
  readonly fixedInputs: infer FI;
  readonly blocks: infer BF;
}
  ? Simplify<FixedInputValues<FI> & Shape<BF, L>>
  : never;
