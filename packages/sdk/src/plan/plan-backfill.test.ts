import type { PGlite } from "@electric-sql/pglite";
import { beforeEach, describe, expect, it } from "vitest";
import type { ChangeSet } from "../diff/change-set.ts";
import { emptyAnswers } from "../questions/answers.ts";
import { countImpact } from "./count-impact.ts";
import { planMigration } from "./plan-migration.ts";
import { metadataFingerprint } from "./testing/fingerprint.ts";
import {
  addInstance,
  addSubscription,
  relate,
  rows,
  run,
  useWorkshopDatabase,
} from "./testing/test-database.ts";
import { at, emptyChangeSet } from "./testing/workshop.ts";

const database = useWorkshopDatabase();
let db: PGlite;
beforeEach(() => {
  db = database();
});

/** A User subscription: a UserBlock instance per element of `users`, each holding a UserGroupBlock. */
async function userSubscription(
  product: string,
  users = 1,
): Promise<{ subscription: string; userBlocks: string[] }> {
  const subscription = await addSubscription(db, product);
  const userBlocks: string[] = [];
  for (let i = 0; i < users; i++) {
    const user = await addInstance(db, subscription, "UserBlock");
    await relate(db, user, await addInstance(db, subscription, "UserGroupBlock"), "group");
    userBlocks.push(user);
  }
  return { subscription, userBlocks };
}

/**
 * New block AddressBlock on product User internal (attribute address), holding a new GeoBlock twice
 * (geo, geo_backup); new block PrefBlock in the existing UserBlock; new resource types street (on
 * AddressBlock), lat (a list, on GeoBlock) and email (on the existing UserBlock).
 */
function growingChangeSet(instances: { userBlocks: number; subscriptions: number }): ChangeSet {
  const cs = emptyChangeSet();
  cs.createProductBlocks = ["AddressBlock", "GeoBlock", "PrefBlock"].map((block) => ({
    block,
    location: at(40),
  }));
  cs.createProductBlockLinks = [
    {
      product: "User internal",
      block: "AddressBlock",
      attributes: ["address"],
      subscriptions: instances.subscriptions,
      location: at(2),
    },
  ];
  cs.createBlockRelations = [
    // Listed child first: the plan must order parents first.
    {
      block: "AddressBlock",
      dependsOn: "GeoBlock",
      attributes: ["geo", "geo_backup"],
      instances: 0,
      location: at(40),
    },
    {
      block: "UserBlock",
      dependsOn: "PrefBlock",
      attributes: ["prefs"],
      instances: instances.userBlocks,
      location: at(30),
    },
  ];
  cs.createResourceTypes = ["street", "lat", "email"].map((resourceType) => ({
    resourceType,
    location: at(41),
  }));
  cs.createResourceTypeLinks = [
    {
      block: "AddressBlock",
      resourceType: "street",
      instances: instances.subscriptions,
      values: 0,
      location: at(41),
    },
    {
      block: "GeoBlock",
      resourceType: "lat",
      instances: 2 * instances.subscriptions,
      values: 0,
      location: at(41),
    },
    {
      block: "UserBlock",
      resourceType: "email",
      instances: instances.userBlocks,
      values: 0,
      location: at(41),
    },
  ];
  return cs;
}

function growingAnswers() {
  const answers = emptyAnswers();
  for (const block of ["AddressBlock", "GeoBlock", "PrefBlock"])
    answers.blocks[block] = { description: block, tag: null };
  for (const rt of ["street", "lat", "email"]) answers.resourceTypes[rt] = { description: rt };
  answers.defaultValues = {
    AddressBlock: { street: ["Main St"] },
    GeoBlock: { lat: ["1.5", "2.5"] },
    UserBlock: { email: ["it's@example.org"] },
  };
  return answers;
}

const count = async (sql: string) =>
  (await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM (${sql}) x`))[0]!.n;
const instancesOf = (block: string) =>
  `SELECT si.* FROM subscription_instances si JOIN product_blocks b USING (product_block_id) WHERE b.name = '${block}'`;

describe("backfills run against the data present when the migration runs", () => {
  it("instantiates new blocks on existing subscriptions, nested ones too, and fills default values", async () => {
    const first = await userSubscription("User internal");
    const second = await userSubscription("User internal");
    const group = await addSubscription(db, "User Group");
    await addInstance(db, group, "UserGroupBlock");
    const plan = planMigration(growingChangeSet({ userBlocks: 2, subscriptions: 2 }), growingAnswers());
    // Created after the migration was generated: still backfilled. Two users in one subscription (a list).
    const late = await userSubscription("User internal", 2);
    const before = await metadataFingerprint(db);
    const instancesBefore = await count("SELECT * FROM subscription_instances");

    await run(db, plan.upgrade);

    // One root AddressBlock per User internal subscription, none elsewhere.
    const addresses = await rows<{ subscription_id: string; subscription_instance_id: string }>(
      db,
      instancesOf("AddressBlock"),
    );
    expect(addresses.map((a) => a.subscription_id).sort()).toEqual(
      [first.subscription, second.subscription, late.subscription].sort(),
    );
    expect(
      await count(
        `SELECT 1 FROM subscription_instance_relations r WHERE r.depends_on_id IN (SELECT subscription_instance_id FROM (${instancesOf("AddressBlock")}) a)`,
      ),
    ).toBe(0);

    // Two GeoBlocks per AddressBlock, one per attribute, in the same subscription.
    const geo = await rows<{ attr: string; same: boolean }>(
      db,
      "SELECT r.domain_model_attr AS attr, u.subscription_id = d.subscription_id AS same FROM subscription_instance_relations r " +
        "JOIN subscription_instances u ON u.subscription_instance_id = r.in_use_by_id JOIN subscription_instances d ON d.subscription_instance_id = r.depends_on_id " +
        "JOIN product_blocks db ON db.product_block_id = d.product_block_id WHERE db.name = 'GeoBlock' ORDER BY 1",
    );
    expect(geo).toEqual([
      ...Array(3).fill({ attr: "geo", same: true }),
      ...Array(3).fill({ attr: "geo_backup", same: true }),
    ]);

    // Each UserBlock instance, including both of the list, gets its own PrefBlock.
    const prefs = await rows<{ in_use_by_id: string; n: number }>(
      db,
      "SELECT r.in_use_by_id, count(*)::int AS n FROM subscription_instance_relations r WHERE r.domain_model_attr = 'prefs' GROUP BY 1",
    );
    expect(prefs.map((p) => p.in_use_by_id).sort()).toEqual(
      [...first.userBlocks, ...second.userBlocks, ...late.userBlocks].sort(),
    );
    expect(prefs.every((p) => p.n === 1)).toBe(true);

    // Default values: one row per element, on every instance of the block, including new ones.
    const values = await rows<{ rt: string; value: string; n: number }>(
      db,
      "SELECT t.resource_type AS rt, v.value, count(*)::int AS n FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id) GROUP BY 1, 2 ORDER BY 1, 2",
    );
    expect(values).toEqual([
      { rt: "email", value: "it's@example.org", n: 4 },
      { rt: "lat", value: "1.5", n: 6 },
      { rt: "lat", value: "2.5", n: 6 },
      { rt: "street", value: "Main St", n: 3 },
    ]);

    // The downgrade removes exactly what the upgrade created.
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual(before);
    expect(await count("SELECT * FROM subscription_instances")).toBe(instancesBefore);
    expect(await count("SELECT * FROM subscription_instance_values")).toBe(0);
    expect(
      await count("SELECT * FROM subscription_instance_relations WHERE domain_model_attr = 'group'"),
    ).toBe(4);
  });

  it("an existing relation with a new attribute gets instances but no second relation row", async () => {
    const sub = await userSubscription("User internal");
    const cs = emptyChangeSet();
    cs.createBlockRelations = [
      {
        block: "UserBlock",
        dependsOn: "UserGroupBlock",
        attributes: ["backup_group"],
        instances: 1,
        existing: true,
        location: at(30),
      },
    ];
    const plan = planMigration(cs, emptyAnswers());
    expect(plan.statements.map((s) => s.kind)).toEqual(["instantiateNestedBlock"]);
    await run(db, plan.upgrade);
    const attrs = await rows<{ domain_model_attr: string }>(
      db,
      `SELECT domain_model_attr FROM subscription_instance_relations WHERE in_use_by_id = '${sub.userBlocks[0]}' ORDER BY 1`,
    );
    expect(attrs.map((a) => a.domain_model_attr)).toEqual(["backup_group", "group"]);
    await run(db, plan.downgrade);
    expect(await count(instancesOf("UserGroupBlock"))).toBe(1);
    expect(await count("SELECT * FROM product_block_relations")).toBe(1);
  });

  it("an existing block newly linked to a product gets its sub-blocks, on that product's subscriptions only", async () => {
    await userSubscription("User internal");
    const groupSubscription = await addSubscription(db, "User Group");
    // A UserBlock the subscription already has, held by its group, without a group of its own: the
    // migration only completes what it creates, it leaves existing instances as they are.
    const existingUser = await addInstance(db, groupSubscription, "UserBlock");
    await relate(db, await addInstance(db, groupSubscription, "UserGroupBlock"), existingUser, "owner");
    const cs = emptyChangeSet();
    cs.createProductBlockLinks = [
      {
        product: "User Group",
        block: "UserBlock",
        attributes: ["member"],
        subscriptions: 1,
        nested: [{ block: "UserBlock", dependsOn: "UserGroupBlock", attribute: "group" }],
        location: at(2),
      },
    ];
    const plan = planMigration(cs, emptyAnswers());
    expect(plan.statements.map((s) => s.kind).slice(-2)).toEqual([
      "instantiateRootBlock",
      "instantiateNestedBlock",
    ]);
    await run(db, plan.upgrade);
    const held = await rows<{ product: string; member: string; group_block: string }>(
      db,
      "SELECT p.name AS product, u.subscription_id AS member, g.subscription_id AS group_block " +
        "FROM subscription_instances u JOIN product_blocks ub ON ub.product_block_id = u.product_block_id " +
        "JOIN subscriptions s ON s.subscription_id = u.subscription_id JOIN products p ON p.product_id = s.product_id " +
        "JOIN subscription_instance_relations r ON r.in_use_by_id = u.subscription_instance_id AND r.domain_model_attr = 'group' " +
        "JOIN subscription_instances g ON g.subscription_instance_id = r.depends_on_id WHERE ub.name = 'UserBlock' ORDER BY 1",
    );
    // The new UserBlock holds a group of its own subscription; the User internal one still holds exactly
    // one, and the existing UserBlock of the group subscription still none.
    expect(held.map((h) => h.product)).toEqual(["User Group", "User internal"]);
    expect(held[0]).toMatchObject({ member: groupSubscription, group_block: groupSubscription });
    expect(await count(instancesOf("UserGroupBlock"))).toBe(3);
    expect(
      await count(`SELECT 1 FROM subscription_instance_relations WHERE in_use_by_id = '${existingUser}'`),
    ).toBe(0);
    expect(countImpact(cs, emptyAnswers())).toMatchObject([{ instances: { created: 2 } }]);

    await run(db, plan.downgrade);
    expect(await count(instancesOf("UserBlock"))).toBe(2);
    expect(await count(instancesOf("UserGroupBlock"))).toBe(2);
  });

  it("a removed second attribute deletes the instances held through it; the relation row stays", async () => {
    const sub = await userSubscription("User internal");
    const kept = await addInstance(db, sub.subscription, "UserGroupBlock");
    await relate(db, sub.userBlocks[0]!, kept, "other_group");
    const cs = emptyChangeSet();
    cs.deleteBlockRelations = [
      {
        block: "UserBlock",
        dependsOn: "UserGroupBlock",
        attributes: ["other_group"],
        instances: 1,
        existing: true,
        location: at(30),
      },
    ];
    const plan = planMigration(cs, emptyAnswers());
    expect(plan.statements.map((s) => s.kind)).toEqual(["deleteNestedInstances"]);
    expect(plan.downgradeStatements).toEqual([]);
    await run(db, plan.upgrade);
    const attrs = await rows<{ domain_model_attr: string }>(
      db,
      `SELECT domain_model_attr FROM subscription_instance_relations WHERE in_use_by_id = '${sub.userBlocks[0]}'`,
    );
    expect(attrs.map((a) => a.domain_model_attr)).toEqual(["group"]);
    expect(await count(instancesOf("UserGroupBlock"))).toBe(1);
    expect(await count("SELECT * FROM product_block_relations")).toBe(1);
  });

  it("running the backfills twice does not duplicate nested instances or values", async () => {
    await userSubscription("User internal");
    const cs = growingChangeSet({ userBlocks: 1, subscriptions: 1 });
    cs.createProductBlockLinks = [];
    const plan = planMigration(cs, growingAnswers());
    await run(db, plan.upgrade);
    await run(db, plan.upgrade);
    expect(await count(instancesOf("PrefBlock"))).toBe(1);
    expect(await count("SELECT * FROM subscription_instance_values")).toBe(1);
  });

  it("countImpact reports the instances and values each change creates", () => {
    const impact = countImpact(growingChangeSet({ userBlocks: 2, subscriptions: 2 }), growingAnswers());
    expect(impact.map((i) => [i.change, i.instances.created, i.values.created])).toEqual([
      ["add AddressBlock to product User internal", 2, 0],
      ["add PrefBlock to UserBlock", 2, 0],
      ["add resource type street to AddressBlock", 0, 2],
      ["add resource type lat to GeoBlock", 0, 8],
      ["add resource type email to UserBlock", 0, 2],
    ]);
  });
});
