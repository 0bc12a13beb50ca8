// Benchmark: what a user waits for. Each command runs as its own process (`node apps/cli/bin/run.js …`,
// as the installed `orchestrator` bin does), timed by wall clock from spawn to exit, median of
// ORCHESTRATOR_BENCH_REPETITIONS runs (default 5), the cases interleaved round by round so other
// processes' load falls on all alike. Beside them, the floor in the same run: psql reading the seven
// metadata tables and the subscription counts per product, which is what an in-sync diff needs.
//   - the 1 000-product database of snapshot-diff.ts (PostgreSQL), with the registry as one file and as
//     2 000 files: `db diff --json`, `db check`, `db migrate-domain-models --test --json`
//     (targets ≤ 1.0 s and ≤ 4× the floor);
//   - `orchestrator --help` (≤ 0.25 s);
//   - `db check` on the workshop project, on PostgreSQL (≤ 0.6 s) and on PGlite (≤ 1.5 s).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Database } from "@orchestrator/sdk";
import { ADMIN_URL, openLargeDatabase } from "./lib/large-database.ts";
import { FULL_SCALE } from "./lib/large-model.ts";
import { writeLargeProject } from "./lib/large-model-source.ts";
import { loadAverage, median, table } from "./lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
const CLI = fileURLToPath(new URL("../apps/cli/bin/run.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../apps/example-orchestrator/", import.meta.url));
// Under test/ so that the projects resolve @orchestrator/sdk as a user's project does.
const TMP = fileURLToPath(new URL(`../test/.tmp/bench-cli-${process.pid}/`, import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Command {
  label: string;
  cwd: string;
  argv: string[];
  /** Exit codes that mean it worked (db check: 0 in sync). */
  ok: number[];
  target?: { ms: number; floorRatio?: number };
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
      `${command.label} exited with ${result.status}:\n${result.stderr.slice(0, 2000)}${result.stdout.slice(0, 500)}`,
    );
  return elapsed;
}

const cli = (label: string, cwd: string, args: string[], extra: Partial<Command> = {}): Command => ({
  label,
  cwd,
  argv: [process.execPath, CLI, ...args],
  ok: [0],
  ...extra,
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

async function createDatabase(name: string): Promise<string> {
  const admin = await Database.open({ kind: "postgresql", url: ADMIN_URL });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A copy of the workshop project, migrated to its models: `db check` exits 0 on it. */
function workshopProject(dir: string, databaseUrl: string): void {
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
    run(cli(args.join(" "), dir, args));
}

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  log("building the 1 000-product database (set ORCHESTRATOR_BENCH_KEEP=1 to reuse it next time) …");
  const large = await openLargeDatabase("orch_bench_cli", FULL_SCALE);
  await large.db.close();
  log(`  ${large.buildSeconds.toFixed(0)} s`);
  const oneFile = join(TMP, "one-file");
  const manyFiles = join(TMP, "many-files");
  writeLargeProject(oneFile, FULL_SCALE, "one-file");
  writeLargeProject(manyFiles, FULL_SCALE, "many-files");

  const workshopPg = join(TMP, "workshop-postgresql");
  const workshopPglite = join(TMP, "workshop-pglite");
  const workshopPgUrl = await createDatabase("orch_bench_cli_workshop");
  workshopProject(workshopPg, workshopPgUrl);
  workshopProject(workshopPglite, `pglite:${join(workshopPglite, ".orchestrator/db")}`);

  const large1s = { ms: 1000, floorRatio: 4 };
  const commands: Command[] = [
    {
      label: "floor: psql, 7 metadata tables + subscriptions per product",
      cwd: TMP,
      argv: ["psql", "-X", "-q", "-A", "-t", "-o", "/dev/null", large.url, "-c", FLOOR_SQL],
      ok: [0],
    },
  ];
  for (const [layout, dir] of [
    ["one file", oneFile],
    ["2 000 files", manyFiles],
  ] as const) {
    const flags = ["--database-url", large.url];
    commands.push(
      cli(`db diff --json (${layout})`, dir, ["db", "diff", "--json", ...flags], { target: large1s }),
      cli(`db check (${layout})`, dir, ["db", "check", ...flags], { target: large1s }),
      cli(
        `migrate-domain-models --test --json (${layout})`,
        dir,
        ["db", "migrate-domain-models", "bench", "--test", "--json", ...flags],
        { target: large1s },
      ),
    );
  }
  commands.push(
    cli("orchestrator --help", TMP, ["--help"], { target: { ms: 250 } }),
    cli("db check, workshop, PostgreSQL", workshopPg, ["db", "check", "--database-url", workshopPgUrl], {
      target: { ms: 600 },
    }),
    cli(
      "db check, workshop, PGlite",
      workshopPglite,
      ["db", "check", "--database-url", `pglite:${join(workshopPglite, ".orchestrator/db")}`],
      { target: { ms: 1500 } },
    ),
  );

  log(`timing ${commands.length} commands × ${REPETITIONS} (after one warm-up run each) …`);
  for (const command of commands) run(command);
  const times: number[][] = commands.map(() => []);
  for (let round = 0; round < REPETITIONS; round++)
    for (let j = 0; j < commands.length; j++) {
      const i = (j + round) % commands.length;
      times[i]!.push(run(commands[i]!));
    }
  const floor = median(times[0]!);
  const rows = [["command", "median", "min", "× floor", "target", "met"]];
  commands.forEach((command, i) => {
    const m = median(times[i]!);
    const target = command.target;
    const met =
      target === undefined
        ? ""
        : m <= target.ms && (target.floorRatio === undefined || m / floor <= target.floorRatio)
          ? "yes"
          : "NO";
    rows.push([
      command.label,
      `${m.toFixed(0)} ms`,
      `${Math.min(...times[i]!).toFixed(0)} ms`,
      i === 0 ? "1.0" : (m / floor).toFixed(1),
      target ? `≤ ${target.ms} ms${target.floorRatio ? `, ≤ ${target.floorRatio}×` : ""}` : "",
      met,
    ]);
  });
  console.log(`\nWhole commands as processes, ${loadAverage()}, median of ${REPETITIONS}\n`);
  console.log(table(rows));

  rmSync(TMP, { recursive: true, force: true });
  await large.dispose();
  const admin = await Database.open({ kind: "postgresql", url: ADMIN_URL });
  await admin
    .query("DROP DATABASE IF EXISTS orch_bench_cli_workshop WITH (FORCE)")
    .finally(() => admin.close());
}

await main();
