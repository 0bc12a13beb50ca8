import type { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyAnswers } from "../questions/answers.ts";
import { resolveAnswers } from "../questions/resolve-answers.ts";
import { planMigration } from "./plan-migration.ts";
import { metadataFingerprint } from "./testing/fingerprint.ts";
import { NASTY_STRINGS } from "./testing/nasty-strings.ts";
import { createTestDatabase, rows, run } from "./testing/test-database.ts";
import { onEmptyDatabase, workshopChangeSet, workshopInputs, workshopModel } from "./testing/workshop.ts";

let db: PGlite;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
beforeEach(() => db.exec("BEGIN"));
afterEach(() => db.exec("ROLLBACK"));

const workshopPlan = async () => {
  const { changeSet, answers } = await resolveAnswers(onEmptyDatabase(), workshopModel(), {
    inputs: workshopInputs,
  });
  return planMigration(changeSet, answers);
};

describe("planMigration: the workshop (orchestrator-core's walk-through)", () => {
  it("creates the three products with their fixed inputs, blocks, relations, resource types and links", async () => {
    const plan = await workshopPlan();
    await run(db, plan.upgrade);
    expect(await metadataFingerprint(db)).toEqual(
      [
        "product User Group | UserGroup | GROUP | user group administration",
        "product User internal | User | USER_INT | user administration - internal",
        "product User external | User | USER_EXT | user administration - external",
        "fi User internal.affiliation = internal",
        "fi User external.affiliation = external",
        "block UserGroupBlock | UGB | user group block",
        "block UserBlock | UB | user block",
        "link User Group -> UserGroupBlock",
        "link User internal -> UserBlock",
        "link User external -> UserBlock",
        "relation UserBlock -> UserGroupBlock",
        "rt group_name | name of the user group",
        "rt group_id | id of the user group",
        "rt username | name of the user",
        "rt age | age of the user",
        "rt user_id | id of the user",
        "rt-link UserGroupBlock -> group_name",
        "rt-link UserGroupBlock -> group_id",
        "rt-link UserBlock -> username",
        "rt-link UserBlock -> age",
        "rt-link UserBlock -> user_id",
      ].sort(),
    );
    expect(
      await rows(
        db,
        "SELECT DISTINCT status FROM products UNION ALL SELECT DISTINCT status FROM product_blocks",
      ),
    ).toEqual([{ status: "active" }, { status: "active" }]);
  });

  it("has no backfill on a fresh database: every statement is metadata (19, as the reference)", async () => {
    const plan = await workshopPlan();
    expect(plan.statements.map((s) => s.kind)).not.toContain("instantiateNestedBlock");
    expect(plan.upgrade).toHaveLength(3 + 2 + 2 + 5 + 3 + 1 + 5);
    expect(plan.upgrade[0]).toBe(
      "INSERT INTO products (name, description, product_type, tag, status) VALUES ('User Group', 'user group administration', 'UserGroup', 'GROUP', 'active') ON CONFLICT (name) DO NOTHING",
    );
  });

  it("the downgrade leaves the metadata tables empty again", async () => {
    const plan = await workshopPlan();
    await run(db, plan.upgrade);
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual([]);
  });

  it("running the upgrade twice changes nothing the second time (ON CONFLICT DO NOTHING)", async () => {
    const plan = await workshopPlan();
    await run(db, plan.upgrade);
    const once = await metadataFingerprint(db);
    await run(db, plan.upgrade);
    expect(await metadataFingerprint(db)).toEqual(once);
  });

  it("stores nasty strings exactly, in every answer position and in names", async () => {
    const nasty = (i: number) => NASTY_STRINGS[i % NASTY_STRINGS.length]!;
    const cs = workshopChangeSet();
    const productName = `User ${nasty(8)}`;
    cs.createProducts[1]!.product = productName;
    cs.createFixedInputs[0]!.product = productName;
    cs.createProductBlockLinks[1]!.product = productName;
    const answers = emptyAnswers();
    cs.createProducts.forEach((c, i) => {
      answers.products[c.product] = { description: nasty(i), tag: nasty(i).slice(0, 20) };
    });
    cs.createFixedInputs.forEach((c, i) => {
      answers.fixedInputs[c.product] = { [c.fixedInput]: nasty(i + 3) };
    });
    cs.createProductBlocks.forEach((c, i) => {
      answers.blocks[c.block] = { description: nasty(i + 5), tag: nasty(i + 6).slice(0, 20) };
    });
    cs.createResourceTypes.forEach((c, i) => {
      answers.resourceTypes[c.resourceType] = { description: nasty(i + 7) };
    });
    const plan = planMigration(cs, answers);
    await run(db, plan.upgrade);
    const products = await rows<{ name: string; description: string; tag: string }>(
      db,
      "SELECT name, description, tag FROM products",
    );
    expect(products).toEqual(
      expect.arrayContaining(
        cs.createProducts.map((c) => ({ name: c.product, ...answers.products[c.product] })),
      ),
    );
    const fixed = await rows<{ value: string }>(db, "SELECT value FROM fixed_inputs ORDER BY value");
    expect(fixed.map((f) => f.value).sort()).toEqual([nasty(3), nasty(4)].sort());
    const blocks = await rows(db, "SELECT name, description, tag FROM product_blocks");
    expect(blocks).toEqual(
      expect.arrayContaining(
        cs.createProductBlocks.map((c) => ({ name: c.block, ...answers.blocks[c.block] })),
      ),
    );
    const rts = await rows(db, "SELECT resource_type, description FROM resource_types");
    expect(rts).toEqual(
      expect.arrayContaining(
        cs.createResourceTypes.map((c) => ({
          resource_type: c.resourceType,
          ...answers.resourceTypes[c.resourceType],
        })),
      ),
    );
    await run(db, plan.downgrade);
    expect(await metadataFingerprint(db)).toEqual([]);
  });

  it("refuses to plan without the answers it needs", () => {
    expect(() => planMigration(workshopChangeSet(), emptyAnswers())).toThrow(
      expect.objectContaining({ code: "ORCH_PLAN_MISSING_ANSWER" }),
    );
  });
});
