// dist/bundle/: the SDK and its libraries (MikroORM, kysely, pg) as a few ES modules instead of about 580.
// A command imports the SDK before it does anything else, and Node resolved, read and linked those 580
// files on every start: 1.7 s of a busy machine's start against 0.45 s for the bundle. tsc's dist/
// stays for the type declarations and for the tests.
//
// The entry points share their chunks, so every entry (the package root, ./model, ./testing, and the
// worker and child-process scripts started by file name) uses one copy of each module and its state.
// All of them sit in one folder, since the SDK finds its worker scripts next to its own file.
// PGlite stays outside: it reads its WebAssembly and data files from beside its own module.
import { rmSync } from "node:fs";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url).pathname;
// Chunks are named by their content hash: without this, each build would leave the previous build's
// chunks behind, unreferenced.
rmSync(`${dist}bundle`, { recursive: true, force: true });

await build({
  entryPoints: {
    index: `${dist}index.js`,
    model: `${dist}model/index.js`,
    testing: `${dist}testing/index.js`,
    "model-loader-worker": `${dist}model/model-loader-worker.js`,
    "database-process-child": `${dist}project/database-process-child.js`,
  },
  outdir: `${dist}bundle`,
  chunkNames: "chunk-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  external: ["@electric-sql/pglite", "pg-native"],
  // Class and function names as written: errors are told apart by their class's name (error.name), and
  // two modules' classes of one name would otherwise become ModelError and ModelError2.
  keepNames: true,
  // pg is CommonJS: its require() of Node's modules needs a require in an ES module.
  banner: {
    js: 'import { createRequire as __orchestratorCreateRequire } from "node:module"; const require = __orchestratorCreateRequire(import.meta.url);',
  },
  sourcemap: true,
  logLevel: "warning",
});
