// Benchmark: `orchestrator serve` under load. The 1 000-product database (PostgreSQL, as in
// snapshot-diff.ts), served by the CLI as its own process without a project (the way a team points it
// at any database); 20 concurrent clients (autocannon) request GET /api/products/, and each response's
// latency is kept to report p50 and p95 exactly. Beside it, the queries one listing costs, counted on
// the SDK function the server calls (target ≤ 3, whatever the number of products).
//   ORCHESTRATOR_BENCH_SERVE_REQUESTS  requests in the measured run (default 400)
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { listApiProducts } from "@orchestrator/sdk";
import autocannon from "autocannon";
import { openLargeDatabase } from "./lib/large-database.ts";
import { FULL_SCALE } from "./lib/large-model.ts";
import { countQueries, loadAverage, table } from "./lib/measure.ts";

const CLI = fileURLToPath(new URL("../apps/cli/bin/run.js", import.meta.url));
const TMP = fileURLToPath(new URL(`../test/.tmp/bench-serve-${process.pid}/`, import.meta.url));
const REQUESTS = Number(process.env.ORCHESTRATOR_BENCH_SERVE_REQUESTS ?? 400);
const CONNECTIONS = 20;
const log = (message: string) => process.stderr.write(`${message}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts `orchestrator serve` on a free port; resolves with its URL and a stop function. */
function startServe(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", "--database-url", databaseUrl], {
    cwd: TMP,
    env: { ...process.env, NO_COLOR: "1", DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /at (http:\/\/\S+\/)/.exec(output);
      const stop = () => {
        child.kill("SIGTERM");
        return exited;
      };
      if (match) resolve({ url: match[1]!, stop });
    });
    exited.then(() => reject(new Error(`serve exited before listening:\n${output}`)));
  });
}

/** `amount` requests from `connections` concurrent clients; every response's latency, sorted. */
async function load(url: string, connections: number, amount: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, amount, timeout: 60 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { result, latencies: latencies.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  log("building the 1 000-product database (set ORCHESTRATOR_BENCH_KEEP=1 to reuse it next time) …");
  const large = await openLargeDatabase("orch_bench_serve", FULL_SCALE);
  const queries = countQueries(large.db);
  const products = await listApiProducts(large.db);
  const listingQueries = queries.count;
  await large.db.close();

  const server = await startServe(large.url);
  try {
    const endpoint = `${server.url}api/products/`;
    const body = await (await fetch(endpoint)).text(); // warm: connection pool and JIT
    const single = await load(endpoint, 1, 20);
    const { result, latencies } = await load(endpoint, CONNECTIONS, REQUESTS);
    console.log(
      `\norchestrator serve: GET /api/products/ on ${products.length} products (${(body.length / 1e6).toFixed(1)} MB per response)`,
    );
    console.log(
      table([
        ["measure", "value", "target"],
        ["queries per listing", String(listingQueries), "≤ 3"],
        ["1 client: p50 latency", `${percentile(single.latencies, 50).toFixed(0)} ms`, ""],
        ["clients", String(CONNECTIONS), ""],
        [
          "requests",
          `${result.requests.total} (${result.non2xx} not 2xx, ${result.errors} errors)`,
          "0 failed",
        ],
        ["p50 latency", `${percentile(latencies, 50).toFixed(0)} ms`, ""],
        ["p95 latency", `${percentile(latencies, 95).toFixed(0)} ms`, ""],
        ["throughput", `${result.requests.average.toFixed(1)} req/s`, ""],
      ]),
    );
    console.log(`load average: ${loadAverage()}`);
    if (listingQueries > 3 || result.non2xx > 0 || result.errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    await large.dispose();
    rmSync(TMP, { recursive: true, force: true });
  }
}

await main();
