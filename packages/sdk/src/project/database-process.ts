// runInDatabaseProcess: one database task in a child process, which exits when the task is done.
// An embedded database (PGlite, PostgreSQL compiled to WebAssembly) takes a few hundred megabytes while
// open, and a process that opened one keeps much of that after closing it, even when it was opened in
// a worker thread that has ended (the allocator's pages, compiled code). A long-running process that
// reads now and then (a language server) therefore reads in a child process: only exiting gives all
// of it back. Costs about half a second per task (starting Node and the database). The directory lock
// is taken and released by the child, with the same waiting and messages as in this process.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "../db/database-target.ts";
import { fromPlainError, type PlainError } from "../errors.ts";
import type { DatabaseProcessRequest } from "./database-process-child.ts";
import type { DatabaseTask, DatabaseTaskResult } from "./database-tasks.ts";

const CHILD = fileURLToPath(
  new URL(`./database-process-child${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
);

type Answer<T extends DatabaseTask> =
  | { ok: true; result: DatabaseTaskResult<T> }
  | { ok: false; error: PlainError };

export function runInDatabaseProcess<T extends DatabaseTask>(
  target: DatabaseTarget,
  task: T,
  options: { lockTimeoutMs?: number } = {},
): Promise<DatabaseTaskResult<T>> {
  return new Promise((resolve, reject) => {
    // The child's output goes to this process's stderr: a language server's stdout carries its protocol.
    // It runs with this process's Node flags, less a debugger's (its port is taken).
    const child = fork(CHILD, [], {
      stdio: ["ignore", 2, 2, "ipc"],
      serialization: "advanced",
      execArgv: process.execArgv.filter((flag) => !/^--inspect/.test(flag)),
    });
    let settled = false;
    child.once("message", (answer: Answer<T>) => {
      settled = true;
      if (answer.ok) resolve(answer.result);
      else reject(fromPlainError(answer.error));
    });
    child.once("error", (error) => {
      settled = true;
      reject(error);
    });
    child.once("exit", (code, signal) => {
      if (!settled)
        reject(new Error(`the database process ended (${signal ?? `exit code ${code}`}) before answering`));
    });
    const request: DatabaseProcessRequest = {
      target,
      task,
      ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
    };
    child.send(request);
  });
}
