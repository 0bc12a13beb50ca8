#!/usr/bin/env node
// A namespace import: Node 20 lacks enableCompileCache, and must still reach the version check.
import * as nodeModule from "node:module";

// Checked first, and written so that any Node.js parses it: an older Node says what is needed instead of
// failing on a newer API (process.execve) or on the user's .ts model files.
const [major] = process.versions.node.split(".").map(Number);
if (major < 24) {
  process.stderr.write(
    `orchestrator-language-server needs Node.js 24 or newer (found ${process.versions.node})\n`,
  );
  process.exit(1);
}

// The server's process settings (SERVER_PROCESS in protocol.ts) can only be taken when a process
// starts, so a server started without them starts again with them, in the same process (execve keeps
// the pid and stdio). Not over --node-ipc, whose channel would be lost: that client passes them itself.
const { SERVER_PROCESS } = await import("../dist/protocol.js");
const started = SERVER_PROCESS.execArgv.every((flag) => process.execArgv.includes(flag));
if (!started && !process.send && typeof process.execve === "function") {
  process.execve(
    process.execPath,
    [process.execPath, ...SERVER_PROCESS.execArgv, ...process.execArgv, ...process.argv.slice(1)],
    { ...SERVER_PROCESS.env, ...process.env },
  );
}
// Compiled code is cached on disk across starts (see apps/cli/bin/run.js).
nodeModule.enableCompileCache?.();
await import("../dist/main.js");
