// The catalogue's 11 products as they are, and the workshop's three on top.
import { defineRegistry } from "@orchestrator/sdk";
import { CATALOGUE_PRODUCTS } from "./catalogue.ts";
import { User } from "./product_types/user.ts";
import { UserGroup } from "./product_types/user_group.ts";

export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({
  ...CATALOGUE_PRODUCTS,
  "User Group": UserGroup,
  "User internal": User,
  "User external": User,
});
