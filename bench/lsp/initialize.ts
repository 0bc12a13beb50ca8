// Language-server benchmark: from `initialize` to the first diagnostics, as an editor waits for them when
// it opens the workshop project: `node bench/lsp/initialize.ts`. The workshop (apps/example-orchestrator)
// is copied twice, each migrated to its models through the CLI, one on PostgreSQL, one on PGlite. Then
// the built server (over stdio, as the editors start it) is started ORCHESTRATOR_BENCH_REPETITIONS times
// (default 5) for each, timed from spawn to the first `orchestrator/status` after loading, which the
// server sends after its diagnostics. The floor, in the same rounds: a Node process that starts and
// exits (`node -e 0`). Targets (issue 13): ≤ 1.0 s on the workshop.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadAverage, median, table } from "../lib/measure.ts";

const REPETITIONS = Number(process.env.ORCHESTRATOR_BENCH_REPETITIONS ?? 5);
const TEST_PACKAGE = fileURLToPath(new URL("../../test/package.json", import.meta.url));
const require = createRequire(TEST_PACKAGE);
const rpc =
  require("vscode-languageserver-protocol/node") as typeof import("vscode-languageserver-protocol/node");
const SERVER_BIN = fileURLToPath(
  new URL("../../packages/language-server/bin/orchestrator-language-server.js", import.meta.url),
);
const CLI = fileURLToPath(new URL("../../apps/cli/bin/run.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../apps/example-orchestrator/", import.meta.url));
// Under test/ so that the model files resolve @orchestrator/sdk as a user's project does.
const TMP = fileURLToPath(new URL(`../../test/.tmp/bench-lsp-init-${process.pid}/`, import.meta.url));
const ADMIN_URL = process.env.ORCHESTRATOR_BENCH_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const PG_DATABASE = "orch_bench_lsp_init";

function orchestrator(cwd: string, args: string[]): void {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`orchestrator ${args.join(" ")}: ${result.stderr}`);
}

function postgres(sql: string): void {
  const result = spawnSync("psql", ["-X", "-q", "-d", ADMIN_URL, "-c", sql], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
}

/** A copy of the workshop project, migrated to its models (the server then finds them in step). */
function workshop(name: string, databaseUrl: string): string {
  const dir = join(TMP, name);
  cpSync(EXAMPLE, dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|\.orchestrator|\.turbo|\.demo)([\\/]|$)/.test(source),
  });
  const flags = ["--database-url", databaseUrl];
  orchestrator(dir, ["db", "upgrade", "heads", ...flags]);
  orchestrator(dir, [
    "db",
    "migrate-domain-models",
    "workshop",
    "--inputs",
    "@answers.json",
    "--yes",
    ...flags,
  ]);
  orchestrator(dir, ["db", "upgrade", "heads", ...flags]);
  return dir;
}

/** Spawn → initialize → the first status after loading; the server is shut down afterwards. */
async function firstDiagnostics(dir: string, databaseUrl: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_BIN, "--stdio"], {
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
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  postgres(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
  postgres(`CREATE DATABASE ${PG_DATABASE}`);
  const pgUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${PG_DATABASE}` }).toString();
  const pgDir = workshop("postgresql", pgUrl);
  const pgliteDir = join(TMP, "pglite");
  const pgliteUrl = `pglite:${join(pgliteDir, ".orchestrator/db")}`;
  workshop("pglite", pgliteUrl);
  const cases = [
    { label: "floor: node -e 0", run: async () => nodeStartFloor() },
    { label: "workshop, PostgreSQL", run: () => firstDiagnostics(pgDir, pgUrl) },
    { label: "workshop, PGlite", run: () => firstDiagnostics(pgliteDir, pgliteUrl) },
  ];

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
  rmSync(TMP, { recursive: true, force: true });
  postgres(`DROP DATABASE IF EXISTS ${PG_DATABASE} WITH (FORCE)`);
}

await main();
