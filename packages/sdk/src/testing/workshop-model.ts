// Test helper: the workshop model (reference appendix A), with switches for the variations diff tests need.
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";

export interface WorkshopOptions {
  /** Extra resource types on UserBlock. */
  userBlockExtra?: Record<string, ReturnType<typeof r.string>>;
  /** Leave `age` out of UserBlock. */
  withoutAge?: boolean;
  /** A second attribute of UserBlock holding UserGroupBlock: required, or optional. */
  secondGroup?: true | "optional";
  /** Leave the fixed input out of User. */
  withoutAffiliation?: boolean;
  /** Leave "User external" out of the registry. */
  withoutExternal?: boolean;
}

export function workshopModel(options: WorkshopOptions = {}): DomainModel {
  const UserGroupBlock = defineProductBlock({
    name: "UserGroupBlock",
    fields: { group_name: r.string().requiredFrom("provisioning"), group_id: r.int().requiredFrom("active") },
  });
  const UserBlock = defineProductBlock({
    name: "UserBlock",
    fields: {
      group: r.block(UserGroupBlock),
      ...(options.secondGroup === true ? { other_group: r.block(UserGroupBlock) } : {}),
      ...(options.secondGroup === "optional" ? { other_group: r.block(UserGroupBlock).optional() } : {}),
      username: r.string().requiredFrom("provisioning"),
      ...(options.withoutAge ? {} : { age: r.int() }),
      user_id: r.int().requiredFrom("active"),
      ...options.userBlockExtra,
    },
  });
  const UserGroup = defineProductType({ name: "UserGroup", blocks: { settings: r.block(UserGroupBlock) } });
  const User = defineProductType({
    name: "User",
    fixedInputs: options.withoutAffiliation ? {} : { affiliation: r.enum(["internal", "external"]) },
    blocks: { settings: r.block(UserBlock) },
  });
  const registry = defineRegistry({
    "User Group": UserGroup,
    "User internal": {
      type: User,
      ...(options.withoutAffiliation ? {} : { fixedInputs: { affiliation: "internal" } }),
    },
    ...(options.withoutExternal ? {} : { "User external": User }),
  });
  return normalizeRegistry(registry);
}
