import type { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { metadataFingerprint } from "../../plan/testing/fingerprint.ts";
import { NASTY_STRINGS } from "../../plan/testing/nasty-strings.ts";
import {
  addInstance,
  addSubscription,
  createTestDatabase,
  rows,
  run,
} from "../../plan/testing/test-database.ts";
import { migrationHelpers as h } from "./index.ts";

let db: PGlite;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
beforeEach(() => db.exec("BEGIN"));
afterEach(() => db.exec("ROLLBACK"));

async function workshop(): Promise<void> {
  await run(db, [
    ...h.createProductBlock({
      name: "UserGroupBlock",
      description: "user group block",
      tag: "UGB",
      resourceTypes: { group_name: "name of the user group" },
    }),
    ...h.createProductBlock({
      name: "UserBlock",
      description: "user block",
      tag: "UB",
      resourceTypes: { username: "name of the user", group_name: "ignored: exists" },
      dependsOn: ["UserGroupBlock"],
    }),
    ...h.createProduct({
      name: "User Group",
      description: "user group administration",
      productType: "UserGroup",
      tag: "GROUP",
      blocks: ["UserGroupBlock"],
    }),
    ...h.createProduct({
      name: "User internal",
      description: "internal",
      productType: "User",
      tag: "USER_INT",
      fixedInputs: { affiliation: "internal" },
      blocks: ["UserBlock"],
    }),
  ]);
}

describe("migrationHelpers", () => {
  it("create products, blocks, resource types and fixed inputs, re-runnably", async () => {
    await workshop();
    const once = await metadataFingerprint(db);
    expect(once).toEqual(
      [
        "block UserBlock | UB | user block",
        "block UserGroupBlock | UGB | user group block",
        "fi User internal.affiliation = internal",
        "link User Group -> UserGroupBlock",
        "link User internal -> UserBlock",
        "product User Group | UserGroup | GROUP | user group administration",
        "product User internal | User | USER_INT | internal",
        "relation UserBlock -> UserGroupBlock",
        "rt group_name | name of the user group",
        "rt username | name of the user",
        "rt-link UserBlock -> group_name",
        "rt-link UserBlock -> username",
        "rt-link UserGroupBlock -> group_name",
      ].sort(),
    );
    await workshop();
    expect(await metadataFingerprint(db)).toEqual(once);
  });

  it("store nasty values exactly", async () => {
    for (const [i, value] of NASTY_STRINGS.entries()) {
      await run(db, [
        ...h.createResourceType(`rt${i}`, value),
        ...h.createProduct({
          name: value,
          description: value,
          productType: value,
          tag: `T${i}`,
          fixedInputs: { [value]: value },
        }),
      ]);
    }
    const stored = await rows<{ description: string }>(
      db,
      "SELECT description FROM resource_types ORDER BY resource_type",
    );
    expect(stored.map((r) => r.description).sort()).toEqual([...NASTY_STRINGS].sort());
    const fixed = await rows<{ name: string; value: string; product: string }>(
      db,
      "SELECT f.name, f.value, p.name AS product FROM fixed_inputs f JOIN products p USING (product_id)",
    );
    expect(fixed.every((f) => f.name === f.value && f.value === f.product)).toBe(true);
    expect(fixed).toHaveLength(NASTY_STRINGS.length);
  });

  it("backfill a resource type on every instance that lacks it", async () => {
    await workshop();
    const sub = await addSubscription(db, "User internal");
    await addInstance(db, sub, "UserBlock");
    await addInstance(db, sub, "UserBlock");
    await run(
      db,
      h.backfillResourceType({ block: "UserBlock", resourceType: "username", value: ["a", "b"] }),
    );
    await run(db, h.backfillResourceType({ block: "UserBlock", resourceType: "username", value: "c" }));
    expect(
      await rows(
        db,
        "SELECT value, count(*)::int AS n FROM subscription_instance_values GROUP BY 1 ORDER BY 1",
      ),
    ).toEqual([
      { value: "a", n: 2 },
      { value: "b", n: 2 },
    ]);
  });

  it("manage workflows and their product links", async () => {
    await workshop();
    await run(db, [
      ...h.createWorkflow({ name: "modify_note", target: "MODIFY", description: "Modify note" }),
      ...h.createWorkflow({
        name: "create_user",
        target: "CREATE",
        description: "Create user",
        productType: "User",
        productTag: "USER_INT",
      }),
      ...h.createWorkflow({ name: "validate", target: "VALIDATE", description: "Validate", isTask: true }),
      ...h.ensureDefaultWorkflows(),
      ...h.addProductsToWorkflowByProductTag({ workflow: "validate", productTag: "GROUP" }),
    ]);
    const links = () =>
      rows(
        db,
        "SELECT p.name AS product, w.name AS workflow FROM products_workflows JOIN products p USING (product_id) JOIN workflows w USING (workflow_id) ORDER BY 1, 2",
      );
    expect(await links()).toEqual([
      { product: "User Group", workflow: "modify_note" },
      { product: "User Group", workflow: "validate" },
      { product: "User internal", workflow: "create_user" },
      { product: "User internal", workflow: "modify_note" },
    ]);
    await run(db, [
      ...h.removeProductsFromWorkflowByProductTag({ workflow: "validate", productTag: "GROUP" }),
      ...h.deleteWorkflow("create_user"),
    ]);
    expect(await links()).toEqual([
      { product: "User Group", workflow: "modify_note" },
      { product: "User internal", workflow: "modify_note" },
    ]);
    expect(() => h.createWorkflow({ name: "x", target: "NOPE" as "CREATE", description: "d" })).toThrow(
      /target/,
    );
  });

  it("deletions refuse to lose data unless asked to", async () => {
    await workshop();
    const sub = await addSubscription(db, "User internal");
    await addInstance(db, sub, "UserBlock");
    await db.exec("SAVEPOINT s");
    await expect(run(db, h.deleteProduct("User internal"))).rejects.toThrow(/foreign key/);
    await db.exec("ROLLBACK TO SAVEPOINT s");
    await run(db, h.deleteProduct("User internal", { withSubscriptions: true }));
    await run(db, [...h.deleteProductBlock("UserBlock"), ...h.deleteResourceType("username")]);
    expect(await metadataFingerprint(db)).toEqual(
      [
        "block UserGroupBlock | UGB | user group block",
        "link User Group -> UserGroupBlock",
        "product User Group | UserGroup | GROUP | user group administration",
        "rt group_name | name of the user group",
        "rt-link UserGroupBlock -> group_name",
      ].sort(),
    );
  });
});
