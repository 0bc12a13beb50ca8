#!/usr/bin/env node
// A small young generation: each save parses a whole model in this thread, and V8 would otherwise grow
// the young generation to its maximum (over 100 MB) and keep it committed. V8 reads the flag only when
// it starts, so a server started without it starts again with it, in the same process (execve keeps the
// pid and stdio). Not over --node-ipc, whose channel would be lost: that client passes it (execArgv).
const SEMI_SPACE = "--max-semi-space-size=8";
if (
  !process.execArgv.some((arg) => arg.startsWith("--max-semi-space-size")) &&
  !process.send &&
  typeof process.execve === "function"
) {
  process.execve(process.execPath, [
    process.execPath,
    SEMI_SPACE,
    ...process.execArgv,
    ...process.argv.slice(1),
  ]);
}
await import("../dist/main.js");
