// The executable: `orchestrator-language-server --stdio` or `--node-ipc` (also --socket=N, --pipe=NAME).
// With --stdio, stdout carries the protocol, so anything else that writes there (a console.log in a
// user's model file, run in the loader's worker thread, or a library's warning) is sent to stderr
// instead of corrupting the stream.
import { Writable } from "node:stream";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.ts";

function stdioConnection() {
  const write = process.stdout.write.bind(process.stdout);
  const protocol = new Writable({
    write(chunk, encoding, callback) {
      write(chunk, encoding, callback);
    },
  });
  process.stdout.write = ((...args: Parameters<typeof process.stderr.write>) =>
    process.stderr.write(...args)) as typeof process.stdout.write;
  return createConnection(ProposedFeatures.all, process.stdin, protocol);
}

const major = Number(process.versions.node.split(".")[0]);
if (major < 24) {
  process.stderr.write(
    `orchestrator-language-server needs Node 24 or newer (it loads .ts model files); this is Node ${process.versions.node}.\n`,
  );
}
startServer(process.argv.includes("--stdio") ? stdioConnection() : createConnection(ProposedFeatures.all));

// Degrade, never crash: a failure in one request or refresh is logged, and the server carries on.
process.on("unhandledRejection", (reason) =>
  process.stderr.write(
    `orchestrator-language-server: unhandled rejection: ${String((reason as Error)?.stack ?? reason)}\n`,
  ),
);
process.on("uncaughtException", (error) =>
  process.stderr.write(`orchestrator-language-server: uncaught exception: ${error.stack ?? error}\n`),
);
