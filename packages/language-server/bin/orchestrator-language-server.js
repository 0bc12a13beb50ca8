#!/usr/bin/env node
// Two settings only a starting process can take, so a server started without them starts again with
// them, in the same process (execve keeps the pid and stdio). Not over --node-ipc, whose channel would
// be lost: that client passes them itself (execArgv and env).
// - A small young generation: each save parses a whole model in this thread, and V8 would otherwise
//   grow the young generation to its maximum (over 100 MB) and keep it committed.
// - Two malloc arenas: glibc gives every thread its own arenas and rarely returns their freed memory,
//   which costs the server (a main thread and a model-loader thread) tens of megabytes for nothing.
const SEMI_SPACE = "--max-semi-space-size=8";
if (
  !process.execArgv.some((arg) => arg.startsWith("--max-semi-space-size")) &&
  !process.send &&
  typeof process.execve === "function"
) {
  process.execve(
    process.execPath,
    [process.execPath, SEMI_SPACE, ...process.execArgv, ...process.argv.slice(1)],
    { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072", ...process.env },
  );
}
await import("../dist/main.js");
