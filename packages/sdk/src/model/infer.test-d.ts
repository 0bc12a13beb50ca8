// Type-level tests. Checked by `tsc -p tsconfig.json --noEmit` and by infer-types.test.ts (a vitest test
// that compiles this file and fails on any diagnostic).
import { expectTypeOf } from "vitest";
import type { User, UserBlock, UserGroup } from "./__fixtures__/user-model.ts";
import { defineProductBlock } from "./define-product-block.ts";
import { defineProductType } from "./define-product-type.ts";
import { defineRegistry } from "./define-registry.ts";
import type { BlockOf, SubscriptionOf } from "./infer.ts";
import { r } from "./r.ts";

type ActiveUser = SubscriptionOf<typeof User, "active">;
type InitialUser = SubscriptionOf<typeof User, "initial">;

expectTypeOf<ActiveUser["affiliation"]>().toEqualTypeOf<"internal" | "external">();
expectTypeOf<ActiveUser["settings"]["user_id"]>().toEqualTypeOf<number>();
expectTypeOf<ActiveUser["settings"]["username"]>().toEqualTypeOf<string>();
expectTypeOf<ActiveUser["settings"]["group"]["group_id"]>().toEqualTypeOf<number>();
expectTypeOf<InitialUser["settings"]["user_id"]>().toEqualTypeOf<number | undefined>();
expectTypeOf<InitialUser["settings"]>().toEqualTypeOf<{
  group: { group_name?: string; group_id?: number };
  username?: string;
  age?: number;
  user_id?: number;
}>();
expectTypeOf<BlockOf<typeof UserBlock, "provisioning">>().toEqualTypeOf<{
  group: { group_name: string; group_id?: number };
  username: string;
  age?: number;
  user_id?: number;
}>();
// migrating, disabled and terminated rank like active.
expectTypeOf<SubscriptionOf<typeof User, "terminated">["settings"]["user_id"]>().toEqualTypeOf<number>();
expectTypeOf<SubscriptionOf<typeof UserGroup, "active">>().toEqualTypeOf<{
  settings: { group_name: string; group_id: number };
}>();

const A = defineProductBlock({
  name: "A",
  fields: { a: r.bool(), ips: r.list(r.ipv4()), id: r.uuid().requiredFrom("initial") },
});
const B = defineProductBlock({
  name: "B",
  fields: { b: r.float().optional(), kind: r.enum(["x", "y"]).requiredFrom("active") },
});
const Holder = defineProductBlock({
  name: "Holder",
  fields: {
    one: r.union(A, B),
    many: r.list(r.block(A)).min(1),
    maybe: r.block(B).optional(),
    later: r.list(r.union(A, B)).requiredFrom("active"),
  },
});
type ActiveHolder = BlockOf<typeof Holder, "active">;
expectTypeOf<ActiveHolder["one"]>().toEqualTypeOf<
  { a?: boolean; ips?: string[]; id: string } | { b?: number; kind: "x" | "y" }
>();
expectTypeOf<ActiveHolder["many"]>().toEqualTypeOf<{ a?: boolean; ips?: string[]; id: string }[]>();
expectTypeOf<ActiveHolder["maybe"]>().toEqualTypeOf<{ b?: number; kind: "x" | "y" } | undefined>();
expectTypeOf<BlockOf<typeof Holder, "initial">["later"]>().toEqualTypeOf<
  ({ a?: boolean; ips?: string[]; id: string } | { b?: number; kind?: "x" | "y" })[] | undefined
>();

// Registry entries: fixed-input values are checked against the product type.
const T = defineProductType({
  name: "T",
  fixedInputs: { tier: r.enum(["gold", "silver"]), speed: r.int() },
  blocks: { a: r.block(A) },
});
defineRegistry({ ok: { type: T, fixedInputs: { tier: "gold", speed: 10 } }, plain: T });
// @ts-expect-error "bronze" is not a tier
defineRegistry({ bad: { type: T, fixedInputs: { tier: "bronze" } } });
// @ts-expect-error min() only exists on list fields
r.block(A).min(1);
// @ts-expect-error an enum needs at least one value
r.enum([]);

// Enums of numbers, defaults and custom scalar kinds.
const speedBlock = defineProductBlock({
  name: "SpeedBlock",
  fields: { speed: r.enum([10000, 100000]), enabled: r.bool().default(true) },
});
expectTypeOf<BlockOf<typeof speedBlock>["speed"]>().toEqualTypeOf<10000 | 100000 | undefined>();
expectTypeOf<BlockOf<typeof speedBlock>["enabled"]>().toEqualTypeOf<boolean | undefined>();
// @ts-expect-error a default must have the field's type
r.int().default("1500");
