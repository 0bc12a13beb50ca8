import type { PGlite } from "@electric-sql/pglite";
import { beforeEach, describe, expect, it } from "vitest";
import { emptyAnswers } from "../questions/answers.ts";
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

const count = async (sql: string) =>
  (await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM (${sql}) x`))[0]!.n;

async function addValue(instance: string, resourceType: string, value: string): Promise<void> {
  await db.query(
    "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT $1, resource_type_id, $2 FROM resource_types WHERE resource_type = $3",
    [instance, value, resourceType],
  );
}

async function addProcess(subscriptions: string[]): Promise<string> {
  const {
    rows: [workflow],
  } = await db.query<{ workflow_id: string }>(
    "INSERT INTO workflows (name, target, description) VALUES ('wf-' || gen_random_uuid(), 'MODIFY', 'd') RETURNING workflow_id",
  );
  const {
    rows: [process],
  } = await db.query<{ pid: string }>(
    "INSERT INTO processes (workflow_id, last_status) VALUES ($1, 'completed') RETURNING pid",
    [workflow!.workflow_id],
  );
  for (const s of subscriptions)
    await db.query("INSERT INTO processes_subscriptions (pid, subscription_id) VALUES ($1, $2)", [
      process!.pid,
      s,
    ]);
  return process!.pid;
}

describe("deletions", () => {
  it("removing a resource type from a block deletes its values on that block only", async () => {
    const cs = emptyChangeSet();
    cs.createResourceTypeLinks = [
      { block: "UserGroupBlock", resourceType: "age", instances: 0, values: 0, location: at(1) },
    ];
    await run(db, planMigration(cs, emptyAnswers()).upgrade);
    const sub = await addSubscription(db, "User internal");
    const user = await addInstance(db, sub, "UserBlock");
    const group = await addInstance(db, sub, "UserGroupBlock");
    await addValue(user, "age", "42");
    await addValue(user, "username", "ann");
    await addValue(group, "age", "7");

    const removal = emptyChangeSet();
    removal.deleteResourceTypeLinks = [
      { block: "UserBlock", resourceType: "age", instances: 1, values: 1, location: at(1) },
    ];
    const plan = planMigration(removal, emptyAnswers());
    await run(db, plan.upgrade);
    const left = await rows(
      db,
      "SELECT t.resource_type, v.value FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id) ORDER BY 1",
    );
    expect(left).toEqual([
      { resource_type: "age", value: "7" },
      { resource_type: "username", value: "ann" },
    ]);
    expect(await metadataFingerprint(db)).not.toContain("rt-link UserBlock -> age");
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toContain("rt-link UserBlock -> age");
  });

  it("deleting a product deletes its subscriptions and only the processes that touched nothing else", async () => {
    const doomed = await addSubscription(db, "User external");
    await addInstance(db, doomed, "UserBlock");
    const kept = await addSubscription(db, "User internal");
    const onlyDoomed = await addProcess([doomed]);
    const shared = await addProcess([doomed, kept]);
    const cs = emptyChangeSet();
    cs.deleteProducts = [
      { product: "User external", subscriptions: 1, instances: 0, values: 0, location: at(3) },
    ];
    await run(db, planMigration(cs, emptyAnswers()).upgrade);

    expect(await rows(db, "SELECT name FROM products ORDER BY name")).toEqual([
      { name: "User Group" },
      { name: "User internal" },
    ]);
    expect(await rows(db, "SELECT subscription_id FROM subscriptions")).toEqual([{ subscription_id: kept }]);
    expect(await rows(db, "SELECT pid FROM processes")).toEqual([{ pid: shared }]);
    expect(await rows(db, "SELECT pid, subscription_id FROM processes_subscriptions")).toEqual([
      { pid: shared, subscription_id: kept },
    ]);
    expect(await count(`SELECT 1 FROM processes WHERE pid = '${onlyDoomed}'`)).toBe(0);
    expect(await count("SELECT 1 FROM fixed_inputs")).toBe(1);
  });

  it("the downgrade brings a deleted product back with its fixed inputs and block links, not its subscriptions", async () => {
    const before = await metadataFingerprint(db);
    await addSubscription(db, "User external");
    const [row] = await rows<{ description: string; product_type: string; tag: string; status: string }>(
      db,
      "SELECT description, product_type, tag, status FROM products WHERE name = 'User external'",
    );
    const cs = emptyChangeSet();
    cs.deleteProducts = [
      {
        product: "User external",
        subscriptions: 1,
        instances: 0,
        values: 0,
        restore: {
          productType: row!.product_type,
          description: row!.description,
          tag: row!.tag,
          status: row!.status,
          fixedInputs: [{ name: "affiliation", value: "external" }],
          blocks: ["UserBlock"],
        },
        location: at(3),
      },
    ];
    const plan = planMigration(cs, emptyAnswers());
    await run(db, plan.upgrade);
    expect(await count("SELECT 1 FROM products WHERE name = 'User external'")).toBe(0);
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual(before);
    expect(await count("SELECT 1 FROM subscriptions")).toBe(0);
  });

  it("removing a block from a product deletes its root instances and their nested ones", async () => {
    const sub = await addSubscription(db, "User internal");
    const user = await addInstance(db, sub, "UserBlock");
    const group = await addInstance(db, sub, "UserGroupBlock");
    await relate(db, user, group, "group");
    // Another subscription's instance uses this group: it must survive.
    const other = await addSubscription(db, "User Group");
    const otherGroup = await addInstance(db, other, "UserGroupBlock");
    const otherUserSub = await addSubscription(db, "User internal");
    const otherUser = await addInstance(db, otherUserSub, "UserBlock");
    await relate(db, otherUser, otherGroup, "group");
    const cs = emptyChangeSet();
    cs.deleteProductBlockLinks = [
      { product: "User Group", block: "UserGroupBlock", attributes: [], subscriptions: 1, location: at(1) },
    ];
    cs.deleteBlockRelations = [];
    const plan = planMigration(cs, emptyAnswers());
    await run(db, plan.upgrade);
    // The User Group subscription's root UserGroupBlock is used by another subscription: only a root
    // (unused) instance is deleted, so it stays.
    expect(
      await count(`SELECT 1 FROM subscription_instances WHERE subscription_instance_id = '${otherGroup}'`),
    ).toBe(1);

    const removal = emptyChangeSet();
    removal.deleteProductBlockLinks = [
      { product: "User internal", block: "UserBlock", attributes: [], subscriptions: 2, location: at(2) },
    ];
    await run(db, planMigration(removal, emptyAnswers()).upgrade);
    expect(
      await count(
        "SELECT 1 FROM subscription_instances WHERE product_block_id = (SELECT product_block_id FROM product_blocks WHERE name = 'UserBlock')",
      ),
    ).toBe(0);
    // The group nested in the same subscription went with its user; the other subscription's stayed.
    expect(await rows(db, "SELECT subscription_instance_id FROM subscription_instances")).toEqual([
      { subscription_instance_id: otherGroup },
    ]);
  });

  it("removing a block from a block deletes the instances held only through it", async () => {
    const sub = await addSubscription(db, "User internal");
    const user = await addInstance(db, sub, "UserBlock");
    const group = await addInstance(db, sub, "UserGroupBlock");
    await relate(db, user, group, "group");
    const cs = emptyChangeSet();
    cs.deleteBlockRelations = [
      { block: "UserBlock", dependsOn: "UserGroupBlock", attributes: [], instances: 1, location: at(30) },
    ];
    const plan = planMigration(cs, emptyAnswers());
    await run(db, plan.upgrade);
    expect(await rows(db, "SELECT subscription_instance_id FROM subscription_instances")).toEqual([
      { subscription_instance_id: user },
    ]);
    expect(await metadataFingerprint(db)).not.toContain("relation UserBlock -> UserGroupBlock");
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toContain("relation UserBlock -> UserGroupBlock");
  });

  it("the downgrade restores deleted fixed inputs, links, resource types and blocks", async () => {
    const before = await metadataFingerprint(db);
    const cs = emptyChangeSet();
    cs.deleteFixedInputs = [
      { product: "User internal", fixedInput: "affiliation", value: "internal", location: at(2) },
      { product: "User external", fixedInput: "affiliation", value: "external", location: at(3) },
    ];
    cs.deleteProductBlockLinks = [
      { product: "User Group", block: "UserGroupBlock", attributes: [], subscriptions: 0, location: at(1) },
      { product: "User internal", block: "UserBlock", attributes: [], subscriptions: 0, location: at(2) },
      { product: "User external", block: "UserBlock", attributes: [], subscriptions: 0, location: at(3) },
    ];
    cs.deleteBlockRelations = [
      { block: "UserBlock", dependsOn: "UserGroupBlock", attributes: [], instances: 0, location: at(30) },
    ];
    const links: [string, string][] = [
      ["UserGroupBlock", "group_name"],
      ["UserGroupBlock", "group_id"],
      ["UserBlock", "username"],
      ["UserBlock", "age"],
      ["UserBlock", "user_id"],
    ];
    cs.deleteResourceTypeLinks = links.map(([block, resourceType]) => ({
      block,
      resourceType,
      instances: 0,
      values: 0,
      location: at(20),
    }));
    const descriptions: Record<string, string> = {
      group_name: "name of the user group",
      group_id: "id of the user group",
      username: "name of the user",
      age: "age of the user",
      user_id: "id of the user",
    };
    cs.deleteResourceTypes = Object.entries(descriptions).map(([resourceType, description]) => ({
      resourceType,
      values: 0,
      description,
      location: at(20),
    }));
    cs.deleteProductBlocks = [
      {
        block: "UserGroupBlock",
        instances: 0,
        description: "user group block",
        tag: "UGB",
        location: at(20),
      },
      { block: "UserBlock", instances: 0, description: "user block", tag: "UB", location: at(30) },
    ];
    const plan = planMigration(cs, emptyAnswers());
    await run(db, plan.upgrade);
    expect((await metadataFingerprint(db)).every((line) => line.startsWith("product "))).toBe(true);
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual(before);
  });
});

describe("renames keep ids and data", () => {
  it("renames products, blocks, resource types and fixed inputs, and the downgrade renames back", async () => {
    const sub = await addSubscription(db, "User internal");
    const user = await addInstance(db, sub, "UserBlock");
    await addValue(user, "age", "42");
    const ids = async () =>
      rows(
        db,
        "SELECT (SELECT product_id FROM products WHERE product_type = 'User' AND tag = 'USER_INT') p, (SELECT product_block_id FROM product_blocks WHERE tag = 'UB') b, (SELECT resource_type_id FROM resource_types WHERE description = 'age of the user') t",
      );
    const before = await ids();
    const fingerprint = await metadataFingerprint(db);
    const cs = emptyChangeSet();
    cs.renameProducts = [{ from: "User internal", to: "User intern", subscriptions: 1, location: at(2) }];
    cs.renameProductBlocks = [{ from: "UserBlock", to: "PersonBlock", instances: 1, location: at(30) }];
    cs.renameResourceTypes = [{ from: "age", to: "years", location: at(31) }];
    cs.renameFixedInputs = [{ product: "User intern", from: "affiliation", to: "kind", location: at(2) }];
    const plan = planMigration(cs, emptyAnswers());
    await run(db, plan.upgrade);
    expect(await ids()).toEqual(before);
    expect(await metadataFingerprint(db)).toEqual(
      expect.arrayContaining([
        "fi User intern.kind = internal",
        "link User intern -> PersonBlock",
        "rt-link PersonBlock -> years",
      ]),
    );
    expect(
      await rows(
        db,
        "SELECT s.subscription_id, p.name FROM subscriptions s JOIN products p USING (product_id)",
      ),
    ).toEqual([{ subscription_id: sub, name: "User intern" }]);
    expect(await count("SELECT 1 FROM subscription_instance_values")).toBe(1);
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual(fingerprint);
  });

  it("re-points a block from one resource type to another, values included", async () => {
    const sub = await addSubscription(db, "User internal");
    const user = await addInstance(db, sub, "UserBlock");
    await addValue(user, "age", "42");
    const cs = emptyChangeSet();
    cs.createResourceTypes = [{ resourceType: "years", location: at(31) }];
    cs.updateBlockResourceTypes = [
      { block: "UserBlock", from: "age", to: "years", values: 1, location: at(31) },
    ];
    const answers = emptyAnswers();
    answers.resourceTypes.years = { description: "years" };
    const plan = planMigration(cs, answers);
    await run(db, plan.upgrade);
    expect(
      await rows(
        db,
        "SELECT t.resource_type, v.value FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id)",
      ),
    ).toEqual([{ resource_type: "years", value: "42" }]);
    await run(db, plan.downgrade);
    expect(
      await rows(
        db,
        "SELECT t.resource_type, v.value FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id)",
      ),
    ).toEqual([{ resource_type: "age", value: "42" }]);
  });
});
