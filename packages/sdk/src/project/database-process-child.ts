// The process of startDatabaseProcess: opens the database as soon as it is told which, then waits for
// its one task (null: none after all), runs it, closes the database, answers, and exits.

import { Database } from "../db/database.ts";
import type { DatabaseTarget } from "../db/database-target.ts";
import { toPlainError } from "../errors.ts";
import { type DatabaseTask, runDatabaseTask } from "./database-tasks.ts";

export interface DatabaseProcessOpen {
  target: DatabaseTarget;
  lockTimeoutMs?: number;
}

export interface DatabaseProcessTask {
  task: DatabaseTask | null;
}

// Both messages may arrive before the first is handled: each is kept until it is asked for.
const received: unknown[] = [];
let waiting: ((message: unknown) => void) | undefined;
process.on("message", (message) => {
  if (waiting) waiting(message);
  else received.push(message);
  waiting = undefined;
});
const next = <T>(): Promise<T> =>
  new Promise((resolve) => {
    if (received.length > 0) resolve(received.shift() as T);
    else waiting = resolve as (message: unknown) => void;
  });
// A parent that ends without a task leaves no process (and no held database) behind.
process.once("disconnect", () => process.exit(0));

const { target, lockTimeoutMs } = await next<DatabaseProcessOpen>();
const opening = Database.open(target, lockTimeoutMs === undefined ? {} : { lockTimeoutMs });
// Awaited below whatever comes; a failed open is reported as the task's answer.
opening.catch(() => undefined);
const { task } = await next<DatabaseProcessTask>();
let answer: unknown;
try {
  const db = await opening;
  try {
    answer = task && { ok: true, result: await runDatabaseTask(db, task) };
  } catch (error) {
    throw db.explain(error);
  } finally {
    await db.close();
  }
} catch (error) {
  answer = { ok: false, error: toPlainError(error) };
}
if (task) process.send!(answer, () => process.exit(0));
else process.exit(0);
