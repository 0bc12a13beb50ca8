// Benchmark: on the 1 000-product database of snapshot-diff.ts, add one resource type to CommonBlock,
// the block every product uses (100 000 instances). Times generating the migration (compare, answers
// with the default value given as input, plan) and running its backfill, against a hand-written
// INSERT … SELECT over the same instances in the same run. Target: backfill ≤ 1.3× the hand-written one.
import {
  compareWithDatabase,
  type Database,
  planMigration,
  resolveAnswers,
  type TransactionScope,
} from "@orchestrator/sdk";
import { openLargeDatabase } from "./lib/large-database.ts";
import { COMMON_BLOCK, FULL_SCALE, largeModel, withNewResourceType } from "./lib/large-model.ts";
import { loadAverage, measureRounds, median, ms, table } from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
const TARGET_RATIO = 1.3;
const NEW_RT = "bench_new_rt";
const DEFAULT_VALUE = "x";

const scale = FULL_SCALE;
const model = withNewResourceType(largeModel(scale), COMMON_BLOCK, NEW_RT);
const inputs = { [NEW_RT]: { [COMMON_BLOCK]: DEFAULT_VALUE } };

async function generate(db: Database) {
  const comparison = await compareWithDatabase(db, model);
  const { changeSet, answers } = await resolveAnswers(comparison, model, { inputs });
  return planMigration(changeSet, answers);
}

/** Thrown to end a transaction with a rollback, so every repetition starts from the same data. */
class Rollback extends Error {}

async function inRolledBackTransaction<T>(
  db: Database,
  work: (tx: TransactionScope) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result!;
}

async function timed(tx: TransactionScope, sql: string): Promise<number> {
  const started = performance.now();
  await tx.query(sql);
  return performance.now() - started;
}

const bench = await openLargeDatabase("orch_bench_backfill", scale);
try {
  const { db } = bench;
  console.log(`database built in ${bench.buildSeconds.toFixed(1)} s`);
  const plan = await generate(db);
  const backfill = plan.upgrade.find((sql) => sql.startsWith("INSERT INTO subscription_instance_values"));
  if (!backfill) throw new Error(`no backfill in the plan:\n${plan.upgrade.join("\n")}`);
  const setup = plan.upgrade.filter((sql) => sql !== backfill);
  const [block] = await db.query<{ id: string; instances: string }>(
    `SELECT pb.product_block_id AS id, (SELECT count(*) FROM subscription_instances si WHERE si.product_block_id = pb.product_block_id) AS instances
     FROM product_blocks pb WHERE pb.name = '${COMMON_BLOCK}'`,
  );
  const [generation] = await measureRounds(REPETITIONS, [{ label: "generation", work: () => generate(db) }]);

  // The generated upgrade, whole (resource type, link, backfill), with the backfill timed on its own.
  const runGenerated = () =>
    inRolledBackTransaction(db, async (tx) => {
      const started = performance.now();
      for (const sql of setup) await tx.query(sql);
      const insert = await timed(tx, backfill);
      const [row] = await tx.query<{ n: string }>(
        `SELECT count(*) AS n FROM subscription_instance_values v JOIN resource_types t USING (resource_type_id) WHERE t.resource_type = '${NEW_RT}'`,
      );
      if (Number(row!.n) !== Number(block!.instances)) throw new Error(`backfilled ${row!.n} values`);
      return { insert, upgrade: performance.now() - started };
    });
  // The same resource type and link from the plan, then the INSERT a DBA would write, with literal ids.
  const runHandWritten = () =>
    inRolledBackTransaction(db, async (tx) => {
      for (const sql of setup) await tx.query(sql);
      const [rt] = await tx.query<{ id: string }>(
        `SELECT resource_type_id AS id FROM resource_types WHERE resource_type = '${NEW_RT}'`,
      );
      return timed(
        tx,
        "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) " +
          `SELECT si.subscription_instance_id, '${rt!.id}', '${DEFAULT_VALUE}' FROM subscription_instances si ` +
          `WHERE si.product_block_id = '${block!.id}'`,
      );
    });

  // One warm-up of each, then alternate which goes first; a VACUUM before every run clears the dead rows
  // the previous rollback left, so neither side scans more than the other.
  const vacuum = () => db.query("VACUUM subscription_instance_values");
  await runGenerated();
  await runHandWritten();
  const generated: { insert: number; upgrade: number }[] = [];
  const handWritten: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    for (const side of i % 2 === 0 ? ["generated", "hand"] : ["hand", "generated"]) {
      await vacuum();
      if (side === "generated") generated.push(await runGenerated());
      else handWritten.push(await runHandWritten());
    }
  }
  await vacuum();

  const backfillMs = median(generated.map((g) => g.insert));
  const handMs = median(handWritten);
  const ratio = backfillMs / handMs;
  console.log(
    `\nnew resource type ${NEW_RT} on ${COMMON_BLOCK} (${Number(block!.instances).toLocaleString("en")} instances), ` +
      `${REPETITIONS} repetitions after a warm-up, order alternated (PostgreSQL, ${loadAverage()})\n`,
  );
  console.log(
    table([
      ["measurement", "median", "min"],
      ["generation: compare + answers + plan", ms(generation!.median), ms(generation!.min)],
      [
        "generated upgrade, whole (3 statements)",
        ms(median(generated.map((g) => g.upgrade))),
        ms(Math.min(...generated.map((g) => g.upgrade))),
      ],
      ["  its backfill INSERT", ms(backfillMs), ms(Math.min(...generated.map((g) => g.insert)))],
      ["hand-written INSERT … SELECT", ms(handMs), ms(Math.min(...handWritten))],
    ]),
  );
  console.log(
    `\nbackfill / hand-written = ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "met" : "MISSED"})`,
  );
  console.log(`\nthe generated backfill:\n${backfill}`);
} finally {
  await bench.dispose();
}
