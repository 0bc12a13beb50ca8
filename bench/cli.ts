// Benchmark: what a user waits for. Each command runs as its own process (`node apps/cli/bin/run.js …`,
// as the installed `orchestrator` bin does), timed by wall clock from spawn to exit, median of
// ORCHESTRATOR_BENCH_REPETITIONS runs (default 5), the cases interleaved round by round so other
// processes' load falls on all alike. Beside them, the floor in the same run: psql reading the seven
// metadata tables and the subscription counts per product, which is what an in-sync diff needs.
//   - the 1 000-product database of snapshot-diff.ts (PostgreSQL, 100 000 subscriptions), with the
//     registry as one file and as 2 000 files: `db diff --json`, `db check`,
//     `db migrate-domain-models --test --json` (targets ≤ 1.0 s and ≤ 4× the floor);
//   - the same metadata in PGlite with 10 000 subscriptions, the same commands (≤ 2.5 s);
//   - `orchestrator --help` (≤ 0.25 s);
//   - `db check` on the workshop project, on PostgreSQL (≤ 0.6 s) and on PGlite (≤ 1.5 s);
//   - without a target, the first migration of the large model: `db diff --json` and
//     `migrate-domain-models --test --json` on a database that holds the core schema only.
// ORCHESTRATOR_BENCH_BASELINE=<another built checkout of this repository> runs every command with that
// checkout's CLI too, in the same rounds, so that "before" and "after" share the machine's load.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Database } from "@orchestrator/sdk";
import { ADMIN_URL, buildLargePglite, openLargeDatabase } from "./lib/large-database.ts";
import { FULL_SCALE } from "./lib/large-model.ts";
import { writeLargeProject } from "./lib/large-model-source.ts";
import { loadAverage, median, table } from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
const KEEP = process.env.ORCHESTRATOR_BENCH_KEEP === "1";
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BASELINE = process.env.ORCHESTRATOR_BENCH_BASELINE;
const EXAMPLE = join(ROOT, "apps/example-orchestrator/");
/** 10 subscriptions per product: 10 000, as issue 13 asks of the embedded database. */
const PGLITE_SCALE = { ...FULL_SCALE, subscriptionsPerProduct: 10 };
const PGLITE_LARGE = join(ROOT, "test/.tmp/bench-cli-pglite-large/db");
const log = (message: string) => process.stderr.write(`${message}\n`);
/** The core schema and nothing else: where the first migration of the large model is diffed. */
const EMPTY_DATABASE = "orch_bench_cli_empty";

/** A built checkout whose CLI is timed; its projects live under its own test/ (they import its SDK). */
interface Checkout {
  name: string;
  cli: string;
  tmp: string;
  workshopDatabase: string;
}

function checkout(name: string, root: string): Checkout {
  return {
    name,
    cli: join(root, "apps/cli/bin/run.js"),
    tmp: join(root, `test/.tmp/bench-cli-${process.pid}/`),
    workshopDatabase: `orch_bench_cli_workshop_${name}`,
  };
}

interface Command {
  cwd: string;
  argv: string[];
  /** Exit codes that mean it worked (db check: 0 in sync). */
  ok: number[];
}

interface Row {
  label: string;
  target?: { ms: number; floorRatio?: number };
  /** One per checkout (this one first); the floor has one. */
  runs: Command[];
}

function run(command: Command): number {
  const started = performance.now();
  const result = spawnSync(command.argv[0]!, command.argv.slice(1), {
    cwd: command.cwd,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const elapsed = performance.now() - started;
  if (!command.ok.includes(result.status ?? -1))
    throw new Error(
      `${command.argv.slice(1).join(" ")} exited with ${result.status}:\n${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 500)}`,
    );
  return elapsed;
}

const cli = (at: Checkout, cwd: string, args: string[]): Command => ({
  cwd,
  argv: [process.execPath, at.cli, ...args],
  ok: [0],
});

const METADATA = [
  "products",
  "product_blocks",
  "resource_types",
  "fixed_inputs",
  "product_product_blocks",
  "product_block_relations",
  "product_block_resource_types",
];
const FLOOR_SQL = `${METADATA.map((t) => `SELECT * FROM ${t};`).join(" ")} SELECT product_id, count(*) FROM subscriptions GROUP BY product_id;`;

async function admin(sql: string): Promise<void> {
  const db = await Database.open({ kind: "postgresql", url: ADMIN_URL });
  try {
    await db.query(sql);
  } finally {
    await db.close();
  }
}

async function createDatabase(name: string): Promise<string> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A copy of the workshop project, migrated to its models by `at`'s CLI: `db check` exits 0 on it. */
function workshopProject(at: Checkout, dir: string, databaseUrl: string): void {
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.orchestrator|\.turbo|\.demo)([\\/]|$)/.test(source),
  });
  const flags = ["--database-url", databaseUrl];
  for (const args of [
    ["db", "upgrade", "heads", ...flags],
    ["db", "migrate-domain-models", "workshop", "--inputs", "@answers.json", "--yes", ...flags],
    ["db", "upgrade", "heads", ...flags],
  ])
    run(cli(at, dir, args));
}

/** The projects `at` runs: the large model in both layouts, and the workshop on both databases. */
async function projects(at: Checkout) {
  rmSync(at.tmp, { recursive: true, force: true });
  mkdirSync(at.tmp, { recursive: true });
  const oneFile = join(at.tmp, "one-file");
  const manyFiles = join(at.tmp, "many-files");
  writeLargeProject(oneFile, FULL_SCALE, "one-file");
  writeLargeProject(manyFiles, FULL_SCALE, "many-files");
  const workshopPg = join(at.tmp, "workshop-postgresql");
  const workshopPgUrl = await createDatabase(at.workshopDatabase);
  workshopProject(at, workshopPg, workshopPgUrl);
  const workshopPglite = join(at.tmp, "workshop-pglite");
  const workshopPgliteUrl = `pglite:${join(workshopPglite, ".orchestrator/db")}`;
  workshopProject(at, workshopPglite, workshopPgliteUrl);
  return { oneFile, manyFiles, workshopPg, workshopPgUrl, workshopPglite, workshopPgliteUrl };
}

function rows(
  checkouts: Checkout[],
  dirs: Awaited<ReturnType<typeof projects>>[],
  largeUrl: string,
  emptyUrl: string,
): Row[] {
  const row = (label: string, target: Row["target"], command: (at: Checkout, i: number) => Command): Row => ({
    label,
    ...(target ? { target } : {}),
    runs: checkouts.map(command),
  });
  const result: Row[] = [
    {
      label: "floor: psql, 7 metadata tables + subscriptions per product",
      runs: [
        {
          cwd: ROOT,
          argv: ["psql", "-X", "-q", "-A", "-t", "-o", "/dev/null", largeUrl, "-c", FLOOR_SQL],
          ok: [0],
        },
      ],
    },
  ];
  for (const [database, url, target] of [
    ["PostgreSQL", largeUrl, { ms: 1000, floorRatio: 4 }],
    ["PGlite", `pglite:${PGLITE_LARGE}`, { ms: 2500 }],
  ] as const)
    for (const layout of ["one file", "2 000 files"] as const) {
      const dir = (i: number) => (layout === "one file" ? dirs[i]!.oneFile : dirs[i]!.manyFiles);
      const flags = ["--database-url", url];
      const at = `${database}, ${layout}`;
      result.push(
        row(`db diff --json (${at})`, target, (c, i) => cli(c, dir(i), ["db", "diff", "--json", ...flags])),
        row(`db check (${at})`, target, (c, i) => cli(c, dir(i), ["db", "check", ...flags])),
        row(`migrate-domain-models --test --json (${at})`, target, (c, i) =>
          cli(c, dir(i), ["db", "migrate-domain-models", "bench", "--test", "--json", ...flags]),
        ),
      );
    }
  // No target: the first migration of the whole catalogue, on a database with the core schema only (every
  // product, block and resource type is new: a change set of some 40 000 items, and as many questions).
  const first = ["--database-url", emptyUrl];
  result.push(
    row("db diff --json, first migration (PostgreSQL, one file)", undefined, (c, i) =>
      cli(c, dirs[i]!.oneFile, ["db", "diff", "--json", ...first]),
    ),
    row("migrate-domain-models --test --json, first migration (PostgreSQL, one file)", undefined, (c, i) =>
      cli(c, dirs[i]!.oneFile, ["db", "migrate-domain-models", "first", "--test", "--json", ...first]),
    ),
  );
  result.push(
    row("orchestrator --help", { ms: 250 }, (c) => cli(c, c.tmp, ["--help"])),
    row("db check, workshop, PostgreSQL", { ms: 600 }, (c, i) =>
      cli(c, dirs[i]!.workshopPg, ["db", "check", "--database-url", dirs[i]!.workshopPgUrl]),
    ),
    row("db check, workshop, PGlite", { ms: 1500 }, (c, i) =>
      cli(c, dirs[i]!.workshopPglite, ["db", "check", "--database-url", dirs[i]!.workshopPgliteUrl]),
    ),
  );
  return result;
}

/** Every run of every row, interleaved round by round (one warm-up first); milliseconds per run. */
function measure(commands: Command[]): number[][] {
  for (const command of commands) run(command);
  const times: number[][] = commands.map(() => []);
  for (let round = 0; round < REPETITIONS; round++)
    for (let j = 0; j < commands.length; j++) {
      const i = (j + round) % commands.length;
      times[i]!.push(run(commands[i]!));
    }
  return times;
}

function report(table_: Row[], times: Map<Command, number[]>, checkouts: Checkout[]): string {
  const floor = median(times.get(table_[0]!.runs[0]!)!);
  const header = ["command", "median", "min", "× floor", "target", "met"];
  for (const at of checkouts.slice(1)) header.push(`${at.name} median`, `${at.name} × floor`);
  const lines = [header];
  for (const row of table_) {
    const [m, ...others] = row.runs.map((command) => median(times.get(command)!));
    const target = row.target;
    const met =
      target === undefined
        ? ""
        : m! <= target.ms && (target.floorRatio === undefined || m! / floor <= target.floorRatio)
          ? "yes"
          : "NO";
    const line = [
      row.label,
      `${m!.toFixed(0)} ms`,
      `${Math.min(...times.get(row.runs[0]!)!).toFixed(0)} ms`,
      (m! / floor).toFixed(1),
      target ? `≤ ${target.ms} ms${target.floorRatio ? `, ≤ ${target.floorRatio}×` : ""}` : "",
      met,
    ];
    for (const other of others) line.push(`${other!.toFixed(0)} ms`, (other! / floor).toFixed(1));
    lines.push(line);
  }
  return table(lines);
}

async function main(): Promise<void> {
  const checkouts = [checkout("this", ROOT), ...(BASELINE ? [checkout("baseline", resolve(BASELINE))] : [])];
  log("building the 1 000-product databases (set ORCHESTRATOR_BENCH_KEEP=1 to reuse them next time) …");
  const large = await openLargeDatabase("orch_bench_cli", FULL_SCALE);
  await large.db.close();
  log(`  PostgreSQL ${large.buildSeconds.toFixed(0)} s`);
  log(`  PGlite ${(await buildLargePglite(PGLITE_LARGE, PGLITE_SCALE)).toFixed(0)} s`);
  const dirs = [];
  for (const at of checkouts) dirs.push(await projects(at));
  const emptyUrl = await createDatabase(EMPTY_DATABASE);
  run(cli(checkouts[0]!, dirs[0]!.oneFile, ["db", "upgrade", "heads", "--database-url", emptyUrl]));

  const table_ = rows(checkouts, dirs, large.url, emptyUrl);
  const commands = table_.flatMap((row) => row.runs);
  log(`timing ${commands.length} commands × ${REPETITIONS} (after one warm-up run each) …`);
  const times = measure(commands);
  const byCommand = new Map(commands.map((command, i) => [command, times[i]!]));
  console.log(`\nWhole commands as processes, ${loadAverage()}, median of ${REPETITIONS}\n`);
  console.log(report(table_, byCommand, checkouts));

  for (const at of checkouts) {
    rmSync(at.tmp, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${at.workshopDatabase} WITH (FORCE)`);
  }
  await admin(`DROP DATABASE IF EXISTS ${EMPTY_DATABASE} WITH (FORCE)`);
  if (!KEEP) rmSync(join(PGLITE_LARGE, ".."), { recursive: true, force: true });
  await large.dispose();
}

await main();
