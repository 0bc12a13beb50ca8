// Benchmark: does loading a model cost linear time in its size? The large model written as one registry
// file at 1×, 2× and 4× a base size (250 product types × 3 blocks × 10 resource types at 1×, so 4× is
// the 1 000-product file of cli.ts), each loaded with `loadRegistry(…, { fresh: true })` in a fresh
// thread (every file read, type-stripped and run again), median of ORCHESTRATOR_BENCH_REPETITIONS
// (default 5), the sizes interleaved round by round. Linear means each doubling costs about 2×; the
// quadratic stack-trace formatting that issue 13 found made it about 4×.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadRegistry } from "@orchestrator/sdk";
import { FULL_SCALE, type Scale } from "./lib/large-model.ts";
import { writeLargeProject } from "./lib/large-model-source.ts";
import { loadAverage, measureRounds, table } from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
// Under test/ so that the model files resolve @orchestrator/sdk as a user's project does.
const TMP = fileURLToPath(new URL(`../test/.tmp/bench-load-${process.pid}/`, import.meta.url));
const BASE = 250;
const FACTORS = [1, 2, 4];

const projects = FACTORS.map((factor) => {
  const scale: Scale = { ...FULL_SCALE, products: BASE * factor };
  const dir = join(TMP, `x${factor}`);
  writeLargeProject(dir, scale, "one-file");
  const registry = join(dir, "products/index.ts");
  const source = readFileSync(registry, "utf8");
  return { factor, scale, registry, kib: source.length / 1024, lines: source.split("\n").length };
});

const timings = await measureRounds(
  REPETITIONS,
  projects.map((project) => ({
    label: `${project.factor}×`,
    work: () => loadRegistry(project.registry, { fresh: true }),
  })),
);

const rows = [["model (one file)", "lines", "median", "min", "× the size before"]];
projects.forEach((project, i) => {
  const before = i > 0 ? timings[i - 1]!.median : undefined;
  rows.push([
    `${project.factor}×: ${project.scale.products} product types, ${project.kib.toFixed(0)} KiB`,
    String(project.lines),
    `${timings[i]!.median.toFixed(0)} ms`,
    `${timings[i]!.min.toFixed(0)} ms`,
    before === undefined ? "" : `${(timings[i]!.median / before).toFixed(2)}× (linear: 2×)`,
  ]);
});
console.log(`\nloadRegistry in a fresh thread, ${loadAverage()}, median of ${REPETITIONS}\n`);
console.log(table(rows));
rmSync(TMP, { recursive: true, force: true });
