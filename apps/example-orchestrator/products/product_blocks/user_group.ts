import { defineProductBlock, r } from "@orchestrator/sdk";

/** A group of users: what the workshop's UserGroupBlock holds. */
export const UserGroupBlock = defineProductBlock({
  name: "UserGroupBlock",
  fields: {
    group_name: r.string().requiredFrom("provisioning"),
    group_id: r.int().requiredFrom("active"),
  },
});
