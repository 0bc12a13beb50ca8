import { defineProductBlock, r } from "@orchestrator/sdk";
import { UserGroupBlock } from "./user_group.ts";

/** A user, member of a user group. */
export const UserBlock = defineProductBlock({
  name: "UserBlock",
  fields: {
    group: r.block(UserGroupBlock),
    username: r.string().requiredFrom("provisioning"),
    age: r.int(),
    user_id: r.int().requiredFrom("active"),
  },
});
