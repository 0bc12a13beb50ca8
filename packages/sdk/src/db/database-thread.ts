// runInDatabaseThread: one database task in a thread of its own, which ends when the task is done.
// An embedded database (PGlite, PostgreSQL compiled to WebAssembly) takes a few hundred megabytes while
// open, and a process that opened one keeps much of that after closing it (the compiled code, the
// allocator's pages). A long-running process that reads now and then (a language server) therefore
// reads in a thread: what the thread held is given back when it ends. The directory lock is taken and
// released inside the thread, exactly as in this one.
import { Worker } from "node:worker_threads";
import { OrchestratorError } from "../errors.ts";
import type { SourceLocation } from "../model/domain-model.ts";
import type { DatabaseTarget } from "./database-target.ts";
import type { DatabaseTask, DatabaseTaskResult } from "./database-tasks.ts";

const WORKER_URL = new URL(
  `./database-thread-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
);

interface ThreadError {
  name?: string;
  code?: string;
  message: string;
  location?: SourceLocation;
  stack?: string;
}

export function runInDatabaseThread<T extends DatabaseTask>(
  target: DatabaseTarget,
  task: T,
  options: { lockTimeoutMs?: number } = {},
): Promise<DatabaseTaskResult<T>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: { target, task, lockTimeoutMs: options.lockTimeoutMs },
    });
    let settled = false;
    worker.once(
      "message",
      (answer: { ok: true; result: DatabaseTaskResult<T> } | { ok: false; error: ThreadError }) => {
        settled = true;
        if (answer.ok) resolve(answer.result);
        else reject(revive(answer.error));
      },
    );
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the database thread exited with code ${code} before answering`));
    });
  });
}

/** The error as the task raised it: its code and message (what callers and front ends act on). */
function revive(error: ThreadError): Error {
  const revived = error.code
    ? new OrchestratorError(error.code, error.message, error.location ? { location: error.location } : {})
    : new Error(error.message);
  if (error.name) revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}
