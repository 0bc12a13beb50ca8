// Benchmark: `pullModels` (catalogue read + kind inference + rendering + writing ~3 000 files) on the
// 1 000-product database with 1 000 000 values, against the floor: the metadata tables read with a plain
// SELECT * plus one scan of the values grouped by resource type, which the inference cannot do without.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { METADATA_TABLES, pullModels } from "@orchestrator/sdk";
import { openLargeDatabase } from "./lib/large-database.ts";
import { FULL_SCALE } from "./lib/large-model.ts";
import { countQueries, loadAverage, measureRounds, ms, table } from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 3);

const bench = await openLargeDatabase("orch_bench_pull", FULL_SCALE);
const outDir = mkdtempSync(join(tmpdir(), "orchestrator-bench-pull-"));
try {
  const { db } = bench;
  console.log(`database built in ${bench.buildSeconds.toFixed(1)} s`);
  const first = await pullModels(db, { outDir, force: true });
  console.log(
    `pulled ${first.products} products, ${first.productTypes} product types, ${first.blocks} blocks, ${first.resourceTypes} resource types into ${first.files.length} files`,
  );
  const [floor, pull] = await measureRounds(
    REPETITIONS,
    [
      {
        label: "floor",
        work: () =>
          Promise.all([
            ...METADATA_TABLES.map((t) => db.query(`SELECT * FROM ${t}`)),
            db.query("SELECT resource_type_id, count(*) FROM subscription_instance_values GROUP BY 1"),
          ]),
      },
      { label: "pullModels", work: () => pullModels(db, { outDir, force: true }) },
    ],
    countQueries(db),
  );
  console.log(
    table([
      ["measurement", "median", "min", "queries"],
      ["floor: 7 metadata tables + one grouped scan of the values", ms(floor!.median), ms(floor!.min), ""],
      [
        `pullModels (${first.files.length} files)`,
        `${ms(pull!.median)} (${(pull!.median / floor!.median).toFixed(2)}×)`,
        ms(pull!.min),
        String(pull!.queries),
      ],
    ]),
  );
  console.log(loadAverage());
} finally {
  rmSync(outDir, { recursive: true, force: true });
  await bench.dispose();
}
