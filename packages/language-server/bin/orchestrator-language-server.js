#!/usr/bin/env node
// The server's process settings (SERVER_PROCESS in protocol.ts) can only be taken when a process
// starts, so a server started without them starts again with them, in the same process (execve keeps
// the pid and stdio). Not over --node-ipc, whose channel would be lost: that client passes them itself.
import { enableCompileCache } from "node:module";
import { SERVER_PROCESS } from "../dist/protocol.js";

const started = SERVER_PROCESS.execArgv.every((flag) => process.execArgv.includes(flag));
if (!started && !process.send && typeof process.execve === "function") {
  process.execve(
    process.execPath,
    [process.execPath, ...SERVER_PROCESS.execArgv, ...process.execArgv, ...process.argv.slice(1)],
    { ...SERVER_PROCESS.env, ...process.env },
  );
}
// Compiled code is cached on disk across starts (see apps/cli/bin/run.js).
enableCompileCache?.();
await import("../dist/main.js");
