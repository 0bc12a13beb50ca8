// Regression (issue 16): a migration must not add instances to optional block fields or to lists that
// satisfy their bounds. An empty list with no `.min()` is a valid state; only a required single block a
// subscription lacks gets an instance, and a list below its `.min()` is filled only when confirmed.
// End to end on both databases: compare → answers → plan → SQL, counting instances before and after.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../db/database.ts";
import { useMigratedDatabase } from "../db/testing/migrated-database.ts";
import { isEmptyChangeSet } from "../diff/change-set-summary.ts";
import { diff } from "../diff/diff.ts";
import { defineProductBlock } from "../model/define-product-block.ts";
import { defineProductType } from "../model/define-product-type.ts";
import { defineRegistry } from "../model/define-registry.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { normalizeRegistry } from "../model/normalize-registry.ts";
import { r } from "../model/r.ts";
import { countImpact } from "../plan/count-impact.ts";
import { planMigration } from "../plan/plan-migration.ts";
import { sqlLiteral } from "../plan/sql-literal.ts";
import { type AnswerSources, resolveAnswers } from "../questions/resolve-answers.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { DATABASE_KINDS } from "../testing/databases.ts";
import { fixedAnswerResolver } from "../testing/round-trip/answer-resolver.ts";
import { resetDatabase } from "../testing/round-trip/database-state.ts";
import { compareWithDatabase } from "./compare-with-database.ts";

const NOTHING: Snapshot = { products: [], blocks: [], resourceTypes: [] };

interface Variant {
  newIntField?: boolean;
  renameStr?: boolean;
  /** A new resource type on SubBlock: its existing instances get the default value. */
  newSubField?: boolean;
  /** A new block on the product, holding SubBlock once and through an optional list. */
  newHolder?: boolean;
  listMin?: number;
}

/** Product "P one" whose block PB holds SubBlock through a list (no minimum by default) and a single field. */
function model(variant: Variant = {}): DomainModel {
  const SubBlock = defineProductBlock({
    name: "SubBlock",
    fields: { sub_text: r.string(), ...(variant.newSubField ? { sub_int: r.int() } : {}) },
  });
  const Holder = defineProductBlock({
    name: "Holder",
    fields: { one: r.block(SubBlock), many: r.list(r.block(SubBlock)), maybe: r.block(SubBlock).optional() },
  });
  const list = r.list(r.block(SubBlock));
  const PB = defineProductBlock({
    name: "PB",
    fields: {
      int_field: r.int(),
      ...(variant.renameStr
        ? { text_field: r.string().renamedFrom("str_field") }
        : { str_field: r.string() }),
      ...(variant.newIntField ? { new_int_field: r.int() } : {}),
      sub_block_list: variant.listMin === undefined ? list : list.min(variant.listMin),
      sub_block: r.block(SubBlock),
    },
  });
  const P = defineProductType({
    name: "P",
    blocks: { pb: r.block(PB), ...(variant.newHolder ? { holder: r.block(Holder) } : {}) },
  });
  return normalizeRegistry(defineRegistry({ "P one": P }));
}

const accept = fixedAnswerResolver({ acceptRenames: true });

async function run(db: Database, statements: readonly string[]): Promise<void> {
  await db.transaction(async (scope) => {
    for (const sql of statements) await scope.query(sql);
  });
}

/** Creates model A's metadata, and one subscription per entry of `listSizes`: a PB instance holding one
 * SubBlock through `sub_block` and that many through `sub_block_list`. */
async function seed(db: Database, listSizes: number[]): Promise<void> {
  await resetDatabase(db);
  const a = model();
  const initial = await resolveAnswers({ snapshot: NOTHING, changes: diff(a, NOTHING) }, a, {}, accept);
  await run(db, planMigration(initial.changeSet, initial.answers).upgrade);
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
  const sql: string[] = [];
  const instance = (subscription: string, block: string) => {
    const instanceId = id();
    sql.push(
      "INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id) " +
        `SELECT ${sqlLiteral(instanceId)}, ${sqlLiteral(subscription)}, product_block_id FROM product_blocks WHERE name = ${sqlLiteral(block)}`,
    );
    return instanceId;
  };
  const relate = (parent: string, child: string, attribute: string, order: number) =>
    sql.push(
      "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) " +
        `VALUES (${sqlLiteral(parent)}, ${sqlLiteral(child)}, ${order}, ${sqlLiteral(attribute)})`,
    );
  for (const size of listSizes) {
    const subscription = id();
    sql.push(
      "INSERT INTO subscriptions (subscription_id, description, status, product_id, customer_id, insync) " +
        `SELECT ${sqlLiteral(subscription)}, 'sub', 'active', product_id, 'c', true FROM products WHERE name = 'P one'`,
    );
    const pb = instance(subscription, "PB");
    relate(pb, instance(subscription, "SubBlock"), "sub_block", 0);
    for (let i = 0; i < size; i++) relate(pb, instance(subscription, "SubBlock"), "sub_block_list", i);
  }
  await run(db, sql);
}

async function count(db: Database, sql: string): Promise<number> {
  const [row] = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM (${sql}) AS x`);
  return Number(row!.n);
}

const subBlocks =
  "SELECT 1 FROM subscription_instances si JOIN product_blocks b USING (product_block_id) WHERE b.name = 'SubBlock'";
const heldThroughList =
  "SELECT 1 FROM subscription_instance_relations WHERE domain_model_attr = 'sub_block_list'";

/** compare → answers → plan → upgrade, as `migrate-domain-models` and `upgrade heads` do. */
async function migrate(db: Database, to: DomainModel, sources: AnswerSources = {}) {
  const comparison = await compareWithDatabase(db, to);
  const resolved = await resolveAnswers(comparison, to, sources, accept);
  const plan = planMigration(resolved.changeSet, resolved.answers);
  await run(db, plan.upgrade);
  return { ...resolved, plan, impact: countImpact(resolved.changeSet, resolved.answers) };
}

const createdInstances = (impact: ReturnType<typeof countImpact>) =>
  impact.reduce((sum, i) => sum + i.instances.created, 0);

describe.each(DATABASE_KINDS)("optional block fields and lists on %s", (kind) => {
  const database = useMigratedDatabase(kind);
  let db: Database;
  beforeAll(() => {
    db = database();
  });

  describe("an empty list without a minimum stays empty", () => {
    beforeEach(async () => {
      await seed(db, [0]);
    });

    it("the database built from the model is in step with it", async () => {
      expect(isEmptyChangeSet((await compareWithDatabase(db, model())).changes)).toBe(true);
    });

    it("across an unrelated new resource type", async () => {
      const migrated = await migrate(db, model({ newIntField: true }));
      expect(migrated.changeSet.createBlockRelations).toEqual([]);
      expect(await count(db, subBlocks)).toBe(1);
      expect(await count(db, heldThroughList)).toBe(0);
      expect(createdInstances(migrated.impact)).toBe(0);
    });

    it("across a rename", async () => {
      const migrated = await migrate(db, model({ renameStr: true }));
      expect(migrated.changeSet.renameResourceTypes).toMatchObject([{ from: "str_field", to: "text_field" }]);
      expect(migrated.changeSet.createBlockRelations).toEqual([]);
      expect(await count(db, subBlocks)).toBe(1);
      expect(await count(db, heldThroughList)).toBe(0);
    });

    it("across a value backfill", async () => {
      const migrated = await migrate(db, model({ newSubField: true }));
      expect(migrated.changeSet.createBlockRelations).toEqual([]);
      expect(await count(db, subBlocks)).toBe(1);
      expect(await count(db, heldThroughList)).toBe(0);
      expect(await count(db, "SELECT 1 FROM subscription_instance_values")).toBe(1);
    });

    it("across a new block: its required sub-block only, not its list or optional field", async () => {
      const migrated = await migrate(db, model({ newHolder: true }));
      expect(migrated.changeSet.createBlockRelations).toMatchObject([
        { block: "Holder", dependsOn: "SubBlock", attributes: ["one"] },
      ]);
      // The new Holder root and one SubBlock through `one`, as the impact says.
      expect(createdInstances(migrated.impact)).toBe(2);
      expect(await count(db, subBlocks)).toBe(2);
      expect(await count(db, heldThroughList)).toBe(0);
      expect(
        await count(
          db,
          "SELECT 1 FROM subscription_instance_relations WHERE domain_model_attr IN ('many', 'maybe')",
        ),
      ).toBe(0);
      expect(isEmptyChangeSet((await compareWithDatabase(db, model({ newHolder: true }))).changes)).toBe(
        true,
      );
    });
  });

  describe("a list below its minimum", () => {
    beforeEach(async () => {
      // One subscription with an empty list, one with one element, one with three.
      await seed(db, [0, 1, 3]);
    });

    it("is reported with the instances below the minimum and the elements missing", async () => {
      const { changes } = await compareWithDatabase(db, model({ listMin: 2 }));
      expect(changes.createBlockRelations).toMatchObject([
        {
          block: "PB",
          dependsOn: "SubBlock",
          attributes: [],
          existing: true,
          belowMin: [{ attribute: "sub_block_list", min: 2, instances: 2, elements: 3 }],
        },
      ]);
    });

    it("is left as it is when the fill is declined", async () => {
      const migrated = await migrate(db, model({ listMin: 2 }), { fillListsToMin: false });
      expect(migrated.questions.find((q) => q.kind === "confirm-list-fill")?.answer).toBe("false");
      expect(await count(db, heldThroughList)).toBe(4);
      expect(createdInstances(migrated.impact)).toBe(0);
    });

    it("is filled up to the minimum when confirmed, and the impact lists the new instances", async () => {
      const migrated = await migrate(db, model({ listMin: 2 }), { fillListsToMin: true });
      expect(createdInstances(migrated.impact)).toBe(3);
      expect(await count(db, heldThroughList)).toBe(7);
      const sizes = await db.query<{ n: unknown }>(
        "SELECT count(r.depends_on_id) AS n FROM subscription_instances si JOIN product_blocks b USING (product_block_id) " +
          "LEFT JOIN subscription_instance_relations r ON r.in_use_by_id = si.subscription_instance_id AND r.domain_model_attr = 'sub_block_list' " +
          "WHERE b.name = 'PB' GROUP BY si.subscription_instance_id ORDER BY 1",
      );
      expect(sizes.map((s) => Number(s.n))).toEqual([2, 2, 3]);
      expect(isEmptyChangeSet((await compareWithDatabase(db, model({ listMin: 2 }))).changes)).toBe(true);
    });

    it("is not filled without an answer: the question is left for the user", async () => {
      const comparison = await compareWithDatabase(db, model({ listMin: 2 }));
      await expect(resolveAnswers(comparison, model({ listMin: 2 }))).rejects.toMatchObject({
        code: "ORCH_MISSING_ANSWERS",
      });
    });
  });
});
