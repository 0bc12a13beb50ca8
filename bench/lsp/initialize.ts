// Language-server benchmark: from `initialize` to the first diagnostics, as an editor waits for them when
// it opens the workshop project: `node bench/lsp/initialize.ts`. The workshop (apps/example-orchestrator)
// is copied twice, each migrated to its models through the CLI, one on PostgreSQL, one on PGlite. Then
// the built server (over stdio, as the editors start it) is started ORCHESTRATOR_BENCH_REPETITIONS times
// (default 5) for each, timed from spawn to the first `orchestrator/status` after loading, which the
// server sends after its diagnostics. The floor, in the same rounds: a Node process that starts and
// exits (`node -e 0`). Targets (issue 13): ≤ 1.0 s on the workshop.
// ORCHESTRATOR_BENCH_BASELINE=<another built checkout of this repository> times that checkout's server
// too (on projects under its own test/, migrated by its own CLI), in the same rounds.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadAverage, median, table } from "../lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
const TEST_PACKAGE = fileURLToPath(new URL("../../test/package.json", import.meta.url));
const require = createRequire(TEST_PACKAGE);
const rpc =
  require("vscode-languageserver-protocol/node") as typeof import("vscode-languageserver-protocol/node");
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BASELINE = process.env.ORCHESTRATOR_BENCH_BASELINE;
const EXAMPLE = join(ROOT, "apps/example-orchestrator/");

/** A built checkout: its server and CLI, and a folder under its test/ (the projects import its SDK). */
interface Checkout {
  name: string;
  server: string;
  cli: string;
  tmp: string;
}

function checkout(name: string, root: string): Checkout {
  return {
    name,
    server: join(root, "packages/language-server/bin/orchestrator-language-server.js"),
    cli: join(root, "apps/cli/bin/run.js"),
    tmp: join(root, `test/.tmp/bench-lsp-init-${process.pid}/`),
  };
}
const ADMIN_URL = process.env.ORCHESTRATOR_BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const PG_DATABASE = "orch_bench_lsp_init";

function orchestrator(at: Checkout, cwd: string, args: string[]): void {
  const result = spawnSync(process.execPath, [at.cli, ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`orchestrator ${args.join(" ")}: ${result.stderr}`);
}

function postgres(sql: string): void {
  const result = spawnSync("psql", ["-X", "-q", "-d", ADMIN_URL, "-c", sql], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
}

/** A copy of the workshop project, migrated to its models (the server then finds them in step). */
function workshop(at: Checkout, name: string, databaseUrl: string): string {
  const dir = join(at.tmp, name);
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.orchestrator|\.turbo|\.demo)([\\/]|$)/.test(source),
  });
  const flags = ["--database-url", databaseUrl];
  orchestrator(at, dir, ["db", "upgrade", "heads", ...flags]);
  orchestrator(at, dir, [
    "db",
    "migrate-domain-models",
    "workshop",
    "--inputs",
    "@answers.json",
    "--yes",
    ...flags,
  ]);
  orchestrator(at, dir, ["db", "upgrade", "heads", ...flags]);
  return dir;
}

/** Spawn → initialize → the first status after loading; the server is shut down afterwards. */
async function firstDiagnostics(at: Checkout, dir: string, databaseUrl: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [at.server, "--stdio"], {
    cwd: dir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout!),
    new rpc.StreamMessageWriter(child.stdin!),
  );
  const ready = new Promise<string>((resolve) =>
    connection.onNotification("orchestrator/status", (status: { state: string }) => {
      if (status.state !== "loading") resolve(status.state);
    }),
  );
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "workshop" }],
    capabilities: {},
    initializationOptions: { databaseUrl, pollIntervalMs: 0 },
  });
  await connection.sendNotification("initialized", {});
  const state = await ready;
  const elapsed = performance.now() - started;
  if (state !== "in-sync") throw new Error(`the server reported ${state}, not in-sync, for ${dir}`);
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  await new Promise((resolve) => child.once("exit", resolve));
  connection.dispose();
  return elapsed;
}

function nodeStartFloor(): number {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const checkouts = [checkout("this", ROOT), ...(BASELINE ? [checkout("baseline", resolve(BASELINE))] : [])];
  const cases: { label: string; run: () => Promise<number> }[] = [
    { label: "floor: node -e 0", run: async () => nodeStartFloor() },
  ];
  for (const at of checkouts) {
    rmSync(at.tmp, { recursive: true, force: true });
    mkdirSync(at.tmp, { recursive: true });
    const database = `${PG_DATABASE}_${at.name}`;
    postgres(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    postgres(`CREATE DATABASE ${database}`);
    const pgUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
    const pgDir = workshop(at, "postgresql", pgUrl);
    const pgliteDir = join(at.tmp, "pglite");
    const pgliteUrl = `pglite:${join(pgliteDir, ".orchestrator/db")}`;
    workshop(at, "pglite", pgliteUrl);
    const suffix = at.name === "this" ? "" : ` (${at.name})`;
    cases.push(
      { label: `workshop, PostgreSQL${suffix}`, run: () => firstDiagnostics(at, pgDir, pgUrl) },
      { label: `workshop, PGlite${suffix}`, run: () => firstDiagnostics(at, pgliteDir, pgliteUrl) },
    );
  }

  for (const c of cases) await c.run();
  const times: number[][] = cases.map(() => []);
  for (let round = 0; round < REPETITIONS; round++)
    for (let j = 0; j < cases.length; j++) {
      const i = (j + round) % cases.length;
      times[i]!.push(await cases[i]!.run());
    }
  const rows = [["from spawn to the first diagnostics", "median", "min", "target", "met"]];
  cases.forEach((c, i) => {
    const m = median(times[i]!);
    rows.push([
      c.label,
      `${m.toFixed(0)} ms`,
      `${Math.min(...times[i]!).toFixed(0)} ms`,
      i === 0 ? "" : "≤ 1000 ms",
      i === 0 ? "" : m <= 1000 ? "yes" : "NO",
    ]);
  });
  console.log(`\nLanguage server start, ${loadAverage()}, median of ${REPETITIONS}\n`);
  console.log(table(rows));
  for (const at of checkouts) {
    rmSync(at.tmp, { recursive: true, force: true });
    postgres(`DROP DATABASE IF EXISTS ${PG_DATABASE}_${at.name} WITH (FORCE)`);
  }
}

await main();
