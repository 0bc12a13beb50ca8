import { defineProductType, r } from "@orchestrator/sdk";
import { UserBlock } from "../product_blocks/user.ts";

export const User = defineProductType({
  name: "User",
  fixedInputs: { affiliation: r.enum(["internal", "external"]) },
  blocks: { settings: r.block(UserBlock) },
});
