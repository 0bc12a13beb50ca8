// The workshop model (reference appendix A). Positions in this file are asserted by tests: edit with care.
import { defineProductBlock, defineProductType, defineRegistry, r } from "../index.ts";

export const UserGroupBlock = defineProductBlock({
  name: "UserGroupBlock",
  description: "user group block",
  tag: "UGB",
  fields: {
    group_name: r.string().requiredFrom("provisioning").describe("name of the user group"),
    group_id: r.int().requiredFrom("active"),
  },
});

export const UserBlock = defineProductBlock({
  name: "UserBlock",
  fields: {
    group: r.block(UserGroupBlock),
    username: r.string().requiredFrom("provisioning"),
    age: r.int(),
    user_id: r.int().requiredFrom("active"),
  },
});

export const UserGroup = defineProductType({
  name: "UserGroup",
  blocks: { settings: r.block(UserGroupBlock) },
});

export const User = defineProductType({
  name: "User",
  fixedInputs: { affiliation: r.enum(["internal", "external"]) },
  blocks: { settings: r.block(UserBlock) },
});

export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({
  "User Group": UserGroup,
  "User internal": {
    type: User,
    description: "user administration - internal",
    tag: "USER_INT",
    fixedInputs: { affiliation: "internal" },
  },
  "User external": User,
});
