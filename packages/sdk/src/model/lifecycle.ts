// When a field becomes required. orchestrator-core has one class per lifecycle: a loose base class for
// `initial`, a provisioning variant and a strict active variant. We describe that with one definition and
// `requiredFrom(lifecycle)`, which needs the lifecycles ordered. `migrating`, `disabled` and `terminated`
// rank like `active`: a subscription only reaches them after being active and keeps all its data there,
// so `requiredFrom("terminated")` means the same as `requiredFrom("active")`.
import { LIFECYCLES, type Lifecycle } from "./domain-model.ts";

export const LIFECYCLE_RANK = {
  initial: 0,
  provisioning: 1,
  active: 2,
  migrating: 2,
  disabled: 2,
  terminated: 2,
} as const satisfies Record<Lifecycle, number>;

type Rank = typeof LIFECYCLE_RANK;
type RanksUpTo = { 0: 0; 1: 0 | 1; 2: 0 | 1 | 2 };

/** "never" = optional in every lifecycle. */
export type Requirement = Lifecycle | "never";

/** Type-level: is a field with requirement `R` required in lifecycle `L`? */
export type IsRequiredIn<R extends Requirement, L extends Lifecycle> = R extends Lifecycle
  ? Rank[R] extends RanksUpTo[Rank[L]]
    ? true
    : false
  : false;

export function isRequiredIn(requiredFrom: Lifecycle | undefined, lifecycle: Lifecycle): boolean {
  return requiredFrom !== undefined && LIFECYCLE_RANK[requiredFrom] <= LIFECYCLE_RANK[lifecycle];
}

export function isLifecycle(value: unknown): value is Lifecycle {
  return typeof value === "string" && (LIFECYCLES as readonly string[]).includes(value);
}
