// Language-server benchmark: `node bench/lsp/did-save.ts [--database-url URL] [--products N] [--saves N]`.
// Writes a registry of N product types × 3 product blocks × 10 resource types as real model files into a
// temporary project, brings a database to hold exactly it (generateMigration + upgrade through the SDK),
// starts the built server (packages/language-server, over stdio), and measures the time from didSave
// to publishDiagnostics over alternating saves (one removes a field, the next restores it, so every save
// changes the diagnostics), plus the server's resident memory. Baseline, in the same run: the SDK work a
// refresh consists of (loadRegistry fresh + open + compareWithDatabase + close), in-process.
// Needs the workspace built (pnpm build). Modules come from the test package, which depends on them all.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const TEST_PACKAGE = fileURLToPath(new URL("../../test/package.json", import.meta.url));
const require = createRequire(TEST_PACKAGE);
const importFromTest = async <T>(name: string): Promise<T> =>
  (await import(pathToFileURL(require.resolve(name)).href)) as T;
const sdk = await importFromTest<typeof import("@orchestrator/sdk")>("@orchestrator/sdk");
const testing = await importFromTest<typeof import("@orchestrator/sdk/testing")>("@orchestrator/sdk/testing");
const rpc =
  require("vscode-languageserver-protocol/node") as typeof import("vscode-languageserver-protocol/node");
const SERVER_BIN = fileURLToPath(
  new URL("../../packages/language-server/bin/orchestrator-language-server.js", import.meta.url),
);

const { values: flags } = parseArgs({
  options: {
    "database-url": { type: "string" },
    products: { type: "string", default: "1000" },
    saves: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
  },
});
const PRODUCTS = Number(flags.products);
const SAVES = Number(flags.saves);
const BLOCKS_PER_TYPE = 3;
const FIELDS_PER_BLOCK = 10;

// Under test/ so that the model files resolve @orchestrator/sdk as a user's project does.
const dir = fileURLToPath(new URL(`../../test/.tmp/bench-lsp-${process.pid}/`, import.meta.url));
const log = (message: string) => process.stderr.write(`${message}\n`);

function writeProject(): { blockFile: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "products/product_types"), { recursive: true });
  mkdirSync(join(dir, "products/product_blocks"), { recursive: true });
  mkdirSync(join(dir, "migrations"), { recursive: true });
  writeFileSync(
    join(dir, "orchestrator.config.ts"),
    `import { defineConfig } from "@orchestrator/sdk";\nexport default defineConfig({ registry: "./products/index.ts", migrations: "./migrations" });\n`,
  );
  const imports: string[] = [];
  const entries: string[] = [];
  for (let p = 0; p < PRODUCTS; p++) {
    const blocks = Array.from({ length: BLOCKS_PER_TYPE }, (_, b) => `Block${p}x${b}`);
    const blockSource = blocks.map((name, b) => {
      const fields = Array.from(
        { length: FIELDS_PER_BLOCK },
        (_, f) => `    p${p}b${b}f${f}: r.string().describe("field ${f} of ${name}"),`,
      );
      return `export const ${name} = defineProductBlock({\n  name: "${name}",\n  description: "block ${b} of product ${p}",\n  tag: "B${p}x${b}",\n  fields: {\n${fields.join("\n")}\n  },\n});\n`;
    });
    writeFileSync(
      join(dir, `products/product_blocks/blocks_${p}.ts`),
      `import { defineProductBlock, r } from "@orchestrator/sdk";\n\n${blockSource.join("\n")}`,
    );
    writeFileSync(
      join(dir, `products/product_types/type_${p}.ts`),
      `import { defineProductType, r } from "@orchestrator/sdk";\nimport { ${blocks.join(", ")} } from "../product_blocks/blocks_${p}.ts";\n\n` +
        `export const Type${p} = defineProductType({\n  name: "Type${p}",\n  blocks: { ${blocks.map((name, b) => `b${b}: r.block(${name})`).join(", ")} },\n});\n`,
    );
    imports.push(`import { Type${p} } from "./product_types/type_${p}.ts";`);
    entries.push(`  "Product ${p}": { type: Type${p}, description: "product ${p}", tag: "P${p}" },`);
  }
  writeFileSync(
    join(dir, "products/index.ts"),
    `import { defineRegistry } from "@orchestrator/sdk";\n${imports.join("\n")}\n\nexport const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({\n${entries.join("\n")}\n});\n`,
  );
  return { blockFile: join(dir, `products/product_blocks/blocks_${Math.floor(PRODUCTS / 2)}.ts`) };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const database = flags["database-url"] ? undefined : await testing.createTestDatabase("pglite");
  const databaseUrl = flags["database-url"] ?? `pglite:${(database!.target as { dataDir: string }).dataDir}`;
  const { blockFile } = writeProject();
  log(
    `project ${dir}: ${PRODUCTS} product types × ${BLOCKS_PER_TYPE} blocks × ${FIELDS_PER_BLOCK} resource types; database ${databaseUrl}`,
  );

  const project = await sdk.loadProject({ cwd: dir, databaseUrl });
  let started = Date.now();
  const model = await sdk.loadRegistry(project.registryFile, { fresh: true });
  log(`models loaded in ${ms(Date.now() - started)}`);
  started = Date.now();
  await sdk.withDatabase(project.database, {}, async (db) => {
    await new sdk.MigrationRunner(db, sdk.migrationSources(project.migrationsDir)).upgrade("heads");
    const comparison = await sdk.compareWithDatabase(db, model);
    await sdk.generateMigration(project, comparison, model, { message: "bench" });
    await new sdk.MigrationRunner(db, sdk.migrationSources(project.migrationsDir)).upgrade("heads");
  });
  log(`database brought to the models in ${ms(Date.now() - started)}`);

  // Baseline: what one refresh asks of the SDK, without the server.
  const baseline: number[] = [];
  for (let i = 0; i < Math.min(SAVES, 10); i++) {
    const t = performance.now();
    const fresh = await sdk.loadRegistry(project.registryFile, { fresh: true });
    await sdk.withDatabase(project.database, {}, (db) => sdk.compareWithDatabase(db, fresh));
    baseline.push(performance.now() - t);
  }
  const loadOnly: number[] = [];
  for (let i = 0; i < Math.min(SAVES, 10); i++) {
    const t = performance.now();
    await sdk.loadRegistry(project.registryFile, { fresh: true });
    loadOnly.push(performance.now() - t);
  }
  const floor = memoryFloor(project.registryFile, databaseUrl);

  const child = spawn(process.execPath, [SERVER_BIN, "--stdio"], {
    cwd: dir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout!),
    new rpc.StreamMessageWriter(child.stdin!),
  );
  const uri = pathToFileURL(blockFile).href;
  let onPublish: ((count: number) => void) | undefined;
  let firstStatus: (() => void) | undefined;
  connection.onNotification(
    "textDocument/publishDiagnostics",
    (params: { uri: string; diagnostics: unknown[] }) => {
      if (params.uri === uri) onPublish?.(params.diagnostics.length);
    },
  );
  connection.onNotification("orchestrator/status", (status: { state: string }) => {
    if (status.state !== "loading") firstStatus?.();
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  // The embedded database is read in short-lived child processes of the server: their peak is reported
  // beside the server's own memory, sampled while they run.
  let childPeak = 0;
  const sampler = setInterval(() => {
    for (const pid of childrenOf(child.pid!)) childPeak = Math.max(childPeak, rss(pid).hwm);
  }, 20);
  started = Date.now();
  const ready = new Promise<void>((resolve) => (firstStatus = resolve));
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "bench" }],
    capabilities: {},
    initializationOptions: { databaseUrl, pollIntervalMs: 0 },
  });
  await connection.sendNotification("initialized", {});
  await ready;
  const startup = Date.now() - started;

  const original = readFileSync(blockFile, "utf8");
  const changed = original.replace(/^ {4}p\d+b0f9: .*\n/m, "");
  const latencies: number[] = [];
  let rssPeak = 0;
  for (let i = 0; i < SAVES; i++) {
    writeFileSync(blockFile, i % 2 === 0 ? changed : original);
    const published = new Promise<number>((resolve) => (onPublish = resolve));
    const t = performance.now();
    await connection.sendNotification("textDocument/didSave", { textDocument: { uri } });
    const count = await published;
    latencies.push(performance.now() - t);
    if (count !== (i % 2 === 0 ? 1 : 0))
      throw new Error(`save ${i}: expected ${i % 2 === 0 ? 1 : 0} diagnostics, got ${count}`);
    rssPeak = Math.max(rssPeak, rss(child.pid!).rss);
  }
  const memory = rss(child.pid!);
  clearInterval(sampler);
  log(`latencies (ms): ${latencies.map((l) => l.toFixed(0)).join(" ")}`);
  writeFileSync(blockFile, original);

  const rows: [string, string, string, string][] = [
    ["measure", "p50", "p95", "target"],
    [
      `didSave → publishDiagnostics (${SAVES} saves)`,
      ms(percentile(latencies, 50)),
      ms(percentile(latencies, 95)),
      "p95 ≤ 300 ms",
    ],
    [
      "baseline: loadRegistry(fresh) + open + compare + close, in-process",
      ms(percentile(baseline, 50)),
      ms(percentile(baseline, 95)),
      "—",
    ],
    ["  of which loadRegistry(fresh) alone", ms(percentile(loadOnly, 50)), ms(percentile(loadOnly, 95)), "—"],
    ["server start → first status", ms(startup), "", "—"],
    [
      "server resident memory after the saves (VmRSS / peak during saves / VmHWM)",
      `${memory.rss} MB`,
      `${rssPeak} MB / ${memory.hwm} MB`,
      "≤ 300 MB",
    ],
    [
      "baseline: a process that loads the models in-process, compares once and collects (VmRSS)",
      `${floor} MB`,
      "",
      "—",
    ],
    [
      "  its short-lived database processes (embedded database only), peak VmHWM",
      childPeak ? `${childPeak} MB` : "none ran",
      "",
      "—",
    ],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log(
    `\nLanguage server on ${PRODUCTS} product types × ${BLOCKS_PER_TYPE} blocks × ${FIELDS_PER_BLOCK} resource types (${databaseUrl.startsWith("pglite:") ? "PGlite" : "PostgreSQL"})\n`,
  );
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));

  await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 5000))]);
  void connection.sendNotification("exit");
  await new Promise((r) => setTimeout(r, 300));
  if (child.exitCode === null) child.kill();
  connection.dispose();
  if (!flags.keep) rmSync(dir, { recursive: true, force: true });
  await database?.dispose();
}

/**
 * The least a process holding the models and a comparison needs: the SDK imported, the registry loaded
 * in-process (no loader thread), one comparison read, the database closed, garbage collected.
 */
function memoryFloor(registryFile: string, url: string): number {
  const script = `
    const sdk = await import(${JSON.stringify(pathToFileURL(require.resolve("@orchestrator/sdk")).href)});
    const model = await sdk.loadRegistry(${JSON.stringify(registryFile)});
    const target = sdk.parseDatabaseTarget(${JSON.stringify(url)}, process.cwd());
    globalThis.kept = await sdk.withDatabase(target, {}, (db) => sdk.compareWithDatabase(db, model));
    globalThis.gc(); globalThis.gc();
    const status = (await import("node:fs")).readFileSync("/proc/self/status", "utf8");
    console.log(Math.round(Number(/^VmRSS:\\s+(\\d+)/m.exec(status)[1]) / 1024));
  `;
  const result = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`the memory baseline failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rss(pid: number): { rss: number; hwm: number } {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    // Exited meanwhile.
    return { rss: 0, hwm: 0 };
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), hwm: Math.round(kb("VmHWM") / 1024) };
}

await main();
