// runInDatabaseProcess / startDatabaseProcess: one database task in a child process, which exits when
// the task is done.
// An embedded database (PGlite, PostgreSQL compiled to WebAssembly) takes a few hundred megabytes while
// open, and a process that opened one keeps much of that after closing it, even when it was opened in
// a worker thread that has ended (the allocator's pages, compiled code). A long-running process that
// reads now and then (a language server) therefore reads in a child process: only exiting gives all
// of it back. Costs about half a second per task (starting Node and the database). The directory lock
// is taken and released by the child, with the same waiting and messages as in this process.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { compileCacheRoot } from "../compile-cache.ts";
import type { DatabaseTarget } from "../db/database-target.ts";
import { fromPlainError, type PlainError } from "../errors.ts";
import type { DatabaseProcessOpen, DatabaseProcessTask, ReadAheadMessage } from "./database-process-child.ts";
import type { DatabaseTask, DatabaseTaskResult } from "./database-tasks.ts";

/**
 * V8's baseline WebAssembly compiler only. With its optimizing compiler also at work on the embedded
 * database's 10 MB of WebAssembly, a process took 2 to 3 times as long to open it and exit, and four
 * times the memory (the CLI's bin/run.js says more).
 */
const BASELINE_WASM_ONLY = "--liftoff-only";

const CHILD = fileURLToPath(
  new URL(`./database-process-child${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url),
);

type Answer<T extends DatabaseTask> =
  | { ok: true; result: DatabaseTaskResult<T> }
  | { ok: false; error: PlainError };

/** A child process opening the database, waiting for its one task. */
export interface DatabaseProcess {
  /**
   * With `readAheadFor`: what the process read ahead for that folder's "state" task, once read; undefined
   * when it could not (the task then reads again, and reports the error).
   */
  readonly readAhead: Promise<ReadAheadMessage["readAhead"] | undefined>;
  /** Runs `task` there once the database is open; the process exits after answering. Once only. */
  run<T extends DatabaseTask>(task: T): Promise<DatabaseTaskResult<T>>;
  /**
   * No task after all: the process closes the database (releasing its lock) and exits. Resolves once it
   * has exited: the database's files are then as it left them.
   */
  cancel(): Promise<void>;
}

/** One database task in a child process (see startDatabaseProcess). */
export function runInDatabaseProcess<T extends DatabaseTask>(
  target: DatabaseTarget,
  task: T,
  options: { lockTimeoutMs?: number } = {},
): Promise<DatabaseTaskResult<T>> {
  return startDatabaseProcess(target, options).run(task);
}

/**
 * Starts the child process and has it open the database now, before the task is known: a caller that
 * still has to load the models for its task (a language server starting) starts Node, the SDK and the
 * embedded database meanwhile instead of afterwards. The process holds the database (and its lock) until
 * `run` or `cancel`.
 */
export function startDatabaseProcess(
  target: DatabaseTarget,
  options: {
    lockTimeoutMs?: number;
    /**
     * The migrations folder of the "state" task that will come first: the process reads what that task
     * needs whatever its models (migrations, fingerprint, product metadata) while the models load.
     */
    readAheadFor?: string;
  } = {},
): DatabaseProcess {
  // The child's output goes to this process's stderr: a language server's stdout carries its protocol.
  // It runs with this process's Node flags, less a debugger's (its port is taken).
  const child = fork(CHILD, [], {
    stdio: ["ignore", 2, 2, "ipc"],
    serialization: "advanced",
    env: withCompileCache(process.env),
    execArgv: [
      ...process.execArgv.filter((flag) => !/^--inspect/.test(flag) && flag !== BASELINE_WASM_ONLY),
      BASELINE_WASM_ONLY,
    ],
  });
  let ended: Error | undefined;
  let settle: ((answer: Answer<DatabaseTask> | Error) => void) | undefined;
  let readAhead: (message: ReadAheadMessage["readAhead"] | undefined) => void = () => undefined;
  const readAheadMessage = new Promise<ReadAheadMessage["readAhead"] | undefined>((resolve) => {
    readAhead = resolve;
  });
  if (options.readAheadFor === undefined) readAhead(undefined);
  child.on("message", (message: Answer<DatabaseTask> | ReadAheadMessage) => {
    if ("readAhead" in message) readAhead(message.readAhead);
    else settle?.(message);
  });
  child.once("error", (error) => {
    ended ??= error;
    readAhead(undefined);
    settle?.(error);
  });
  // On "error" too: a process that could not start has no "exit".
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  child.once("exit", (code, signal) => {
    const error = new Error(`the database process ended (${signal ?? `exit code ${code}`}) before answering`);
    ended ??= error;
    readAhead(undefined);
    settle?.(error);
  });
  const open: DatabaseProcessOpen = {
    target,
    ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
    ...(options.readAheadFor === undefined ? {} : { readAheadFor: options.readAheadFor }),
  };
  child.send(open);
  let used = false;
  const send = (message: DatabaseProcessTask) => {
    if (used) throw new Error("a database process runs one task");
    used = true;
    if (!ended) child.send(message);
  };
  return {
    readAhead: readAheadMessage,
    run: <T extends DatabaseTask>(task: T) =>
      new Promise<DatabaseTaskResult<T>>((resolve, reject) => {
        send({ task });
        settle = (answer) => {
          settle = undefined;
          if (answer instanceof Error) reject(answer);
          else if (answer.ok) resolve(answer.result as DatabaseTaskResult<T>);
          else reject(fromPlainError(answer.error));
        };
        if (ended) settle(ended);
      }),
    cancel: () => {
      send({ task: null });
      return exited;
    },
  };
}

/**
 * The child keeps its compiled code on disk where this process does (a CLI or a language server turns
 * the cache on): it imports the SDK and its database layer on every start.
 */
function withCompileCache(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const root = compileCacheRoot();
  return env.NODE_COMPILE_CACHE || !root ? env : { ...env, NODE_COMPILE_CACHE: root };
}
