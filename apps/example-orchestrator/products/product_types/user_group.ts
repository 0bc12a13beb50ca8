import { defineProductType, r } from "@orchestrator/sdk";
import { UserGroupBlock } from "../product_blocks/user_group.ts";

export const UserGroup = defineProductType({
  name: "UserGroup",
  blocks: { settings: r.block(UserGroupBlock) },
});
