// A block that keeps its name but changes its holder keeps its instances, values and sub-relations,
// re-parented within each subscription; the downgrade puts them back. On PostgreSQL and PGlite, with
// subscriptions whose blocks are also used by another product's subscription.
import { describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { useMigratedDatabase } from "../db/testing/migrated-database.ts";
import { diff } from "../diff/diff.ts";
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";
import { countImpact } from "../plan/count-impact.ts";
import { planMigration } from "../plan/plan-migration.ts";
import { deletionConfirmation } from "../questions/build-questions.ts";
import { resolveAnswers } from "../questions/resolve-answers.ts";
import { DATABASE_KINDS } from "../testing/databases.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import { compareWithDatabase } from "./compare-with-database.ts";

/** An L2VPN whose virtual circuit is held by its ESI block (`nested`) or by the product itself (`root`). */
function l2vpnModel(shape: "nested" | "root", { other = false } = {}): DomainModel {
  const Sap = defineProductBlock({ name: "SapBlock", fields: { vlan: r.int() } });
  const VcWithSaps = defineProductBlock({
    name: "VcBlock",
    fields: { vc_id: r.int(), saps: r.list(r.block(Sap)) },
  });
  const Esi =
    shape === "nested"
      ? defineProductBlock({ name: "EsiBlock", fields: { esi_name: r.string(), vc: r.block(VcWithSaps) } })
      : defineProductBlock({ name: "EsiBlock", fields: { esi_name: r.string() } });
  const L2vpn = defineProductType({
    name: "L2vpn",
    blocks: shape === "nested" ? { esi: r.block(Esi) } : { esi: r.block(Esi), vc: r.block(VcWithSaps) },
  });
  const Port = defineProductType({ name: "Port", blocks: { sap: r.block(Sap) } });
  // Another product whose type holds the ESI block (and so, in the nested shape, the VC) but never the VC itself.
  const Other = defineProductType({ name: "Other", blocks: { esi: r.block(Esi) } });
  return normalizeRegistry(
    defineRegistry({
      L2VPN: { type: L2vpn, description: "l2vpn", tag: "L2VPN" },
      Port: { type: Port, description: "port", tag: "PORT" },
      ...(other ? { Other: { type: Other, description: "other", tag: "OTHER" } } : {}),
    }),
  );
}

const INPUTS = {
  EsiBlock: { description: "esi", tag: "ESI" },
  VcBlock: { description: "vc", tag: "VC" },
  SapBlock: { description: "sap", tag: "SAP" },
  esi_name: { description: "name" },
  vc_id: { description: "id" },
  vlan: { description: "vlan" },
};

/** The migration from the database to `model`, generated and run; `inputs` answer a first migration's questions. */
async function migrate(db: Database, model: DomainModel, inputs?: typeof INPUTS) {
  const resolved = await resolveAnswers(
    await compareWithDatabase(db, model),
    model,
    inputs ? { inputs } : {},
  );
  const plan = planMigration(resolved.changeSet, resolved.answers);
  await db.transaction(async (scope) => {
    for (const sql of plan.upgrade) await scope.query(sql);
  });
  return { changes: resolved.changeSet, answers: resolved.answers, plan };
}

async function runPlan(db: Database, sqls: readonly string[]): Promise<void> {
  await db.transaction(async (scope) => {
    for (const sql of sqls) await scope.query(sql);
  });
}

/** Every instance with its block, values and the attribute and block of what holds it, by instance id. */
async function instances(db: Database): Promise<string[]> {
  const rows = await db.query<{ line: string }>(`
    SELECT si.subscription_instance_id || ' ' || pb.name || ' [' ||
      coalesce((SELECT string_agg(t.resource_type || '=' || v.value, ',' ORDER BY t.resource_type, v.value)
        FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id)
        WHERE v.subscription_instance_id = si.subscription_instance_id), '') || '] under ' ||
      coalesce((SELECT string_agg(hb.name || '.' || coalesce(r.domain_model_attr, '?'), ',')
        FROM subscription_instance_relations r JOIN subscription_instances h ON h.subscription_instance_id = r.in_use_by_id
        JOIN product_blocks hb ON hb.product_block_id = h.product_block_id
        WHERE r.depends_on_id = si.subscription_instance_id), 'root') AS line
    FROM subscription_instances si JOIN product_blocks pb USING (product_block_id) ORDER BY 1`);
  return rows.map((row) => row.line);
}

async function insert(db: Database, sql: string, params: unknown[]): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql, params);
  return row!.id;
}

/** Two L2VPN subscriptions in the nested shape (ESI → VC → 2 SAPs each) and a Port whose SAP one of them uses. */
async function addSubscriptions(db: Database): Promise<void> {
  const subscription = (product: string) =>
    insert(
      db,
      "INSERT INTO subscriptions (description, status, product_id, customer_id, insync) SELECT ?, 'active', product_id, ?, true FROM products WHERE name = ? RETURNING subscription_id AS id",
      [product, `cust-${product}`, product],
    );
  const instance = (sub: string, block: string, values: Record<string, string>) =>
    insert(
      db,
      "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT ?::uuid, product_block_id FROM product_blocks WHERE name = ? RETURNING subscription_instance_id AS id",
      [sub, block],
    ).then(async (id) => {
      for (const [type, value] of Object.entries(values))
        await db.query(
          "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) SELECT ?::uuid, resource_type_id, ? FROM resource_types WHERE resource_type = ?",
          [id, value, type],
        );
      return id;
    });
  const relate = (holder: string, held: string, attribute: string, order = 0) =>
    db.query(
      "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) VALUES (?, ?, ?, ?)",
      [holder, held, order, attribute],
    );
  const port = await subscription("Port");
  const portSap = await instance(port, "SapBlock", { vlan: "7" });
  for (const [i, vcId] of ["1001", "1002"].entries()) {
    const sub = await subscription("L2VPN");
    const esi = await instance(sub, "EsiBlock", { esi_name: `esi-${i}` });
    const vc = await instance(sub, "VcBlock", { vc_id: vcId });
    await relate(esi, vc, "vc");
    await relate(vc, await instance(sub, "SapBlock", { vlan: `${100 + i}` }), "saps", 0);
    // The first VC also uses the Port subscription's SAP: a cross-subscription relation.
    if (i === 0) await relate(vc, portSap, "saps", 1);
  }
}

describe.each(DATABASE_KINDS)("moving a block on %s", (kind) => {
  const database = useMigratedDatabase(kind);

  it("nested → root → nested keeps every instance, value and sub-relation, and each downgrade restores the shape", async () => {
    const db = database();
    await migrate(db, l2vpnModel("nested"), INPUTS);
    await addSubscriptions(db);
    const nested = await instances(db);
    expect(
      nested.filter((line) => line.includes("VcBlock") && line.includes("under EsiBlock.vc")),
    ).toHaveLength(2);

    const toRoot = await migrate(db, l2vpnModel("root"));
    expect(toRoot.changes.moveProductBlocks).toEqual([
      expect.objectContaining({
        block: "VcBlock",
        from: { block: "EsiBlock", attribute: "vc" },
        to: { root: true },
        products: ["L2VPN"],
        instances: 2,
      }),
    ]);
    // Nothing is deleted, so nothing needs confirming; the impact shows the move, not a deletion.
    expect(deletionConfirmation(toRoot.changes)).toBeUndefined();
    const impact = countImpact(toRoot.changes, toRoot.answers);
    expect(impact.map((i) => i.change)).toEqual(["move VcBlock from EsiBlock to the product root"]);
    expect(impact[0]!.instances).toEqual({ created: 0, changed: 2, deleted: 0 });

    const atRoot = await instances(db);
    // The same instances (ids), values and SAPs; the VCs now hang at the subscriptions' root.
    expect(atRoot).toEqual(
      nested.map((line) => line.replace(/VcBlock (\[[^\]]*\]) under EsiBlock\.vc/, "VcBlock $1 under root")),
    );

    await runPlan(db, toRoot.plan.downgrade);
    expect(await instances(db)).toEqual(nested);
    const again = await compareWithDatabase(db, l2vpnModel("nested"));
    expect(diffIsEmpty(again.changes)).toBe(true);

    // And the other way: from the root back under the ESI block, as a migration of its own.
    await runPlan(db, toRoot.plan.upgrade);
    const backNested = await migrate(db, l2vpnModel("nested"));
    expect(backNested.changes.moveProductBlocks).toEqual([
      expect.objectContaining({
        block: "VcBlock",
        from: { root: true },
        to: { block: "EsiBlock", attribute: "vc" },
      }),
    ]);
    expect(deletionConfirmation(backNested.changes)).toBeUndefined();
    expect(await instances(db)).toEqual(nested);
    await runPlan(db, backNested.plan.downgrade);
    expect(await instances(db)).toEqual(atRoot);
  });

  it("stops, changing nothing, when a subscription has two instances the block could move under", async () => {
    const db = database();
    // The database is in the root shape (the previous test ended there); one L2VPN gets a second ESI.
    const [sub] = await db.query<{ id: string }>(
      "SELECT subscription_id AS id FROM subscriptions s JOIN products p USING (product_id) WHERE p.name = 'L2VPN' ORDER BY 1 LIMIT 1",
    );
    await db.query(
      "INSERT INTO subscription_instances (subscription_id, product_block_id) SELECT ?::uuid, product_block_id FROM product_blocks WHERE name = 'EsiBlock'",
      [sub!.id],
    );
    const before = await instances(db);
    const comparison = await compareWithDatabase(db, l2vpnModel("nested"));
    const resolved = await resolveAnswers(comparison, l2vpnModel("nested"));
    const error = await runPlan(db, planMigration(resolved.changeSet, resolved.answers).upgrade).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain(
      `Cannot move the instances of product block VcBlock under EsiBlock in subscription ${sub!.id}`,
    );
    expect(await instances(db)).toEqual(before);
  });
});

describe("moves the diff does not infer", () => {
  const counts = {
    subscriptions: { L2VPN: 1, Port: 1, Other: 1 },
    instances: { EsiBlock: 2, VcBlock: 2, SapBlock: 3 },
  };

  it("infers the move when every product holding the old holder gets the new one", () => {
    const changes = diff(l2vpnModel("root"), snapshotFromModel(l2vpnModel("nested"), counts));
    expect(changes.moveProductBlocks).toHaveLength(1);
    expect(changes.deleteBlockRelations).toEqual([
      expect.objectContaining({ block: "EsiBlock", moved: true }),
    ]);
  });

  it("keeps a delete + create (confirmed like any deletion) when another product's subscriptions would lose the block", () => {
    const changes = diff(
      l2vpnModel("root", { other: true }),
      snapshotFromModel(l2vpnModel("nested", { other: true }), counts),
    );
    expect(changes.moveProductBlocks).toEqual([]);
    expect(deletionConfirmation(changes)?.prompt).toContain(
      "the VcBlock instances held by 2 EsiBlock instances",
    );
  });
});

function diffIsEmpty(changes: Awaited<ReturnType<typeof compareWithDatabase>>["changes"]): boolean {
  return Object.entries(changes).every(
    ([key, value]) =>
      key === "renameCandidates" || key === "ignoredUpdates" || !Array.isArray(value) || value.length === 0,
  );
}
