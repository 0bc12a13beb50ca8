// orchestrator-core's workshop as plain data: its model, the change set diff() produces for it on
// a fresh database, and the seed's answers. Shared by the questions and plan tests.
import type { ChangeSet } from "../../diff/change-set.ts";
import type { Comparison } from "../../diff/comparison.ts";
import type { DomainModel, ScalarSpec, SourceLocation } from "../../model/domain-model.ts";

export const at = (line: number): SourceLocation => ({
  file: "products.ts",
  line,
  column: 1,
  endLine: line,
  endColumn: 10,
});
const str: ScalarSpec = { kind: "string", list: false };
const int: ScalarSpec = { kind: "int", list: false };

import { emptyChangeSet } from "../../diff/change-set-summary.ts";

export { emptyChangeSet };

export function workshopModel(): DomainModel {
  const blockField = (attribute: string, block: string) => ({
    attribute,
    blocks: [block],
    list: false,
    optional: false,
    location: at(1),
  });
  return {
    products: [
      { name: "User Group", productType: "UserGroup", fixedInputValues: {}, location: at(1) },
      { name: "User internal", productType: "User", fixedInputValues: {}, location: at(2) },
      { name: "User external", productType: "User", fixedInputValues: {}, location: at(3) },
    ],
    productTypes: {
      UserGroup: {
        name: "UserGroup",
        fixedInputs: [],
        blockFields: [blockField("settings", "UserGroupBlock")],
        location: at(10),
      },
      User: {
        name: "User",
        fixedInputs: [
          {
            name: "affiliation",
            spec: { kind: "enum", values: ["internal", "external"], list: false },
            location: at(11),
          },
        ],
        blockFields: [blockField("settings", "UserBlock")],
        location: at(11),
      },
    },
    blocks: [
      {
        name: "UserGroupBlock",
        resourceTypes: [
          { name: "group_name", spec: str, requiredFrom: "active", location: at(20) },
          { name: "group_id", spec: int, requiredFrom: "active", location: at(21) },
        ],
        blockFields: [],
        location: at(20),
      },
      {
        name: "UserBlock",
        resourceTypes: [
          { name: "username", spec: str, requiredFrom: "active", location: at(30) },
          { name: "age", spec: int, location: at(31) },
          { name: "user_id", spec: int, requiredFrom: "active", location: at(32) },
        ],
        blockFields: [blockField("group", "UserGroupBlock")],
        location: at(30),
      },
    ],
    registryLocation: at(1),
  };
}

export function workshopChangeSet(): ChangeSet {
  const rtLink = (block: string, resourceType: string) => ({
    block,
    resourceType,
    instances: 0,
    values: 0,
    location: at(20),
  });
  return {
    ...emptyChangeSet(),
    createProducts: [
      { product: "User Group", productType: "UserGroup", location: at(1) },
      { product: "User internal", productType: "User", location: at(2) },
      { product: "User external", productType: "User", location: at(3) },
    ],
    createFixedInputs: [
      { product: "User internal", fixedInput: "affiliation", location: at(2) },
      { product: "User external", fixedInput: "affiliation", location: at(3) },
    ],
    createProductBlocks: [
      { block: "UserGroupBlock", location: at(20) },
      { block: "UserBlock", location: at(30) },
    ],
    createProductBlockLinks: [
      {
        product: "User Group",
        block: "UserGroupBlock",
        attributes: ["settings"],
        subscriptions: 0,
        location: at(1),
      },
      {
        product: "User internal",
        block: "UserBlock",
        attributes: ["settings"],
        subscriptions: 0,
        location: at(2),
      },
      {
        product: "User external",
        block: "UserBlock",
        attributes: ["settings"],
        subscriptions: 0,
        location: at(3),
      },
    ],
    createBlockRelations: [
      {
        block: "UserBlock",
        dependsOn: "UserGroupBlock",
        attributes: ["group"],
        instances: 0,
        location: at(30),
      },
    ],
    createResourceTypes: ["group_name", "group_id", "username", "age", "user_id"].map((resourceType) => ({
      resourceType,
      location: at(20),
    })),
    createResourceTypeLinks: [
      rtLink("UserGroupBlock", "group_name"),
      rtLink("UserGroupBlock", "group_id"),
      rtLink("UserBlock", "username"),
      rtLink("UserBlock", "age"),
      rtLink("UserBlock", "user_id"),
    ],
  };
}

/** The seed's answers, as orchestrator-core's flat --inputs JSON (see docs/design.md, Questions). */
export const workshopInputs = {
  "User Group": { description: "user group administration", tag: "GROUP" },
  "User internal": {
    description: "user administration - internal",
    tag: "USER_INT",
    affiliation: "internal",
  },
  "User external": {
    description: "user administration - external",
    tag: "USER_EXT",
    affiliation: "external",
  },
  UserGroupBlock: { description: "user group block", tag: "UGB" },
  UserBlock: { description: "user block", tag: "UB" },
  group_name: { description: "name of the user group" },
  group_id: { description: "id of the user group" },
  username: { description: "name of the user" },
  age: { description: "age of the user" },
  user_id: { description: "id of the user" },
};

/** A change set (hand-built, or diffed against nothing) as the comparison with an empty database. */
export function onEmptyDatabase(changes: ChangeSet = workshopChangeSet()): Comparison {
  return { snapshot: { products: [], blocks: [], resourceTypes: [] }, changes };
}
