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
