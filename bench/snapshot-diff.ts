// Benchmark: snapshot + diff of 1 000 products × 3 blocks × 10 resource types against a PostgreSQL
// database that also holds 100 000 subscriptions and ≈ 1 000 000 values, compared with the floor:
// reading the seven metadata tables once with a plain SELECT * through the same connection.
// Target: ≤ 1 s and ≤ 3× the floor.
import {
  compareWithDatabase,
  diff,
  isEmptyChangeSet,
  METADATA_TABLES,
  readSnapshot,
} from "@orchestrator/sdk";
import { openLargeDatabase } from "./lib/large-database.ts";
import {
  COMMON_BLOCK,
  FULL_SCALE,
  largeModel,
  rootBlockName,
  withNewResourceType,
} from "./lib/large-model.ts";
import {
  type Case,
  countQueries,
  loadAverage,
  measureRounds,
  ms,
  type Timing,
  table,
} from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 7);
const TARGET_MS = 1000;
const TARGET_RATIO = 3;

const scale = FULL_SCALE;
const model = largeModel(scale);
const smallChange = withNewResourceType(model, rootBlockName(scale.products / 2), "bench_new_rt");
const bigChange = withNewResourceType(model, COMMON_BLOCK, "bench_new_rt");

const bench = await openLargeDatabase("orch_bench_diff", scale);
try {
  const { db } = bench;
  const queries = countQueries(db);
  console.log(`database built in ${bench.buildSeconds.toFixed(1)} s; rows:`);
  console.log(await rowCounts(db));

  const upToDate = await compareWithDatabase(db, model);
  if (!isEmptyChangeSet(upToDate.changes)) throw new Error("the database does not match the model");
  const small = await compareWithDatabase(db, smallChange);
  const link = small.changes.createResourceTypeLinks[0];
  if (small.changes.createResourceTypeLinks.length !== 1 || link?.instances !== scale.subscriptionsPerProduct)
    throw new Error(`unexpected change set: ${JSON.stringify(small.changes.createResourceTypeLinks)}`);

  const metadata = await readSnapshot(db);
  const cases: (Case & { targeted?: true })[] = [
    {
      label: "floor: SELECT * of the 7 tables, in parallel",
      work: () => Promise.all(METADATA_TABLES.map((t) => db.query(`SELECT * FROM ${t}`))),
    },
    {
      label: "floor: SELECT * of the 7 tables, one by one",
      work: async () => {
        for (const t of METADATA_TABLES) await db.query(`SELECT * FROM ${t}`);
      },
    },
    { label: "readSnapshot (metadata only)", work: () => readSnapshot(db) },
    { label: "diff (pure, no I/O)", work: async () => diff(model, metadata) },
    {
      label: "(a) compareWithDatabase, up to date",
      work: () => compareWithDatabase(db, model),
      targeted: true,
    },
    {
      label: "(b) + 1 resource type on a block of 100 instances",
      work: () => compareWithDatabase(db, smallChange),
      targeted: true,
    },
    {
      label: "(b') + 1 resource type on CommonBlock (100 000 instances)",
      work: () => compareWithDatabase(db, bigChange),
      targeted: true,
    },
  ];
  const timings = await measureRounds(REPETITIONS, cases, queries);
  // The floor is the faster of the two ways of reading the tables.
  const floor = timings[0]!.median <= timings[1]!.median ? timings[0]! : timings[1]!;

  console.log(
    `\nsnapshot + diff, ${REPETITIONS} rounds after a warm-up, cases interleaved (PostgreSQL, ${loadAverage()})\n`,
  );
  console.log(
    table([
      ["measurement", "median", "min", "queries", "× floor", "target"],
      ...cases.map(({ label, targeted }, i) => {
        const t = timings[i]!;
        return [
          label,
          ms(t.median),
          ms(t.min),
          String(t.queries),
          (t.median / floor.median).toFixed(2),
          targeted ? verdict(t, floor) : "",
        ];
      }),
    ]),
  );
  console.log(`\nfloor = ${ms(floor.median)}; target: ≤ ${TARGET_MS} ms and ≤ ${TARGET_RATIO}× the floor`);
} finally {
  await bench.dispose();
}

function verdict(t: Timing, floor: Timing): string {
  return t.median <= TARGET_MS && t.median <= TARGET_RATIO * floor.median ? "met" : "MISSED";
}

async function rowCounts(db: typeof bench.db): Promise<string> {
  const tables = [
    ...METADATA_TABLES,
    "subscriptions",
    "subscription_instances",
    "subscription_instance_values",
  ];
  const counts = await Promise.all(
    tables.map(async (t) => {
      const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`);
      return [t, Number(row!.n).toLocaleString("en")];
    }),
  );
  return table([["table", "rows"], ...counts]);
}
