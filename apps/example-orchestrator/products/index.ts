// The workshop's registry: product name → product type. The two User products share one type and
// differ only by the value of their `affiliation` fixed input.
import { defineRegistry } from "@orchestrator/sdk";
import { User } from "./product_types/user.ts";
import { UserGroup } from "./product_types/user_group.ts";

export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({
  "User Group": UserGroup,
  "User internal": User,
  "User external": User,
});
