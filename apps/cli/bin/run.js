#!/usr/bin/env node
// A namespace import: Node 20 lacks enableCompileCache, and must still reach the version check.
import * as nodeModule from "node:module";

// The `orchestrator` command. Written so that any Node.js parses it: an older Node must reach the version
// check below and say what is needed, instead of failing later on a .ts model file or a newer API.
const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  process.stderr.write(`orchestrator needs Node.js 24 or newer (found ${process.versions.node})\n`);
  process.exit(1);
}

// Node keeps the compiled code of the CLI, its dependencies and the project's model files on disk (in
// the OS temp folder), so each command after the first skips most of that work. Enabled before anything
// else is imported, which is why oclif is imported dynamically below.
nodeModule.enableCompileCache?.();

// The embedded database is PostgreSQL compiled to WebAssembly (10 MB of it). V8 starts it on its baseline
// compiler and, as parts of it run hot, also compiles them with its optimizing one in the background;
// a process cannot exit before that finishes. Measured on the workshop's `db check`: 2.9 s with the
// baseline compiler only against 7 to 9 s, and 150 MB of memory against 640 MB; queries over
// 100 000 rows were no slower. V8 takes this flag from the command line only (not from NODE_OPTIONS
// or at run time), so the command restarts itself with it, in place (same process id, same terminal),
// when it may open an embedded database. `--help` and explicit PostgreSQL URLs skip the restart.
const BASELINE_WASM_ONLY = "--liftoff-only";
if (
  typeof process.execve === "function" &&
  !process.execArgv.includes(BASELINE_WASM_ONLY) &&
  mayOpenEmbeddedDatabase(process.argv.slice(2), process.env)
) {
  process.emitWarning = () => {}; // execve's "experimental feature" note, for a restart nobody asked about
  process.execve(
    process.execPath,
    [process.execPath, BASELINE_WASM_ONLY, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}

/** False when the command certainly opens no embedded database: help, the version, a PostgreSQL URL. */
function mayOpenEmbeddedDatabase(args, env) {
  // `help` and `version` are commands only as the first word: a migration may be named "help".
  if (
    args.length === 0 ||
    /^(help|version)$/.test(args[0]) ||
    args.some((arg) => /^(--help|-h|--version|-v)$/.test(arg))
  )
    return false;
  const flag = args.findIndex((arg) => arg === "--database-url" || arg.startsWith("--database-url="));
  const url =
    flag === -1
      ? env.DATABASE_URL
      : args[flag].includes("=")
        ? args[flag].slice(args[flag].indexOf("=") + 1)
        : args[flag + 1];
  return !/^postgres(ql)?:\/\//i.test(url ?? "");
}

// pg announces (once per process) that its ~/.pgpass lookup is deprecated: a note to library authors, not
// to someone running a migration. Every other warning is still shown.
const emitWarning = process.emitWarning;
process.emitWarning = function emitWarningExceptPgpass(warning, ...rest) {
  const text = typeof warning === "string" ? warning : warning?.message;
  if (typeof text === "string" && text.startsWith("pgpass support is deprecated")) return;
  return emitWarning.call(this, warning, ...rest);
};

// No top-level await from here on: a command still waiting when the process ends (an error path that exits
// early) would otherwise add Node's "unsettled top-level await" warning to the command's own message.
// Such a command still must not look successful: when nothing is left to run and it has not finished, say so.
let finished = false;
process.on("beforeExit", () => {
  if (finished) return;
  finished = true;
  process.stderr.write("Error: the command stopped before it finished (nothing left to wait for)\n");
  process.exitCode ||= 1;
});
import("@oclif/core")
  .then(({ execute, settings }) => {
    // The commands ship compiled. Under NODE_ENV=development or test oclif would otherwise look for
    // TypeScript to run their sources, and warn on stderr when the project has none.
    settings.enableAutoTranspile = false;
    return execute({ dir: import.meta.url });
  })
  .catch((error) => {
    process.stderr.write(`Error: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    finished = true;
  });
