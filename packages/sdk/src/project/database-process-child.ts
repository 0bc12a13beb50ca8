// The process of runInDatabaseProcess: receives one task, opens the database, runs the task, closes
// the database, answers, and exits.

import { withDatabase } from "../db/database.ts";
import type { DatabaseTarget } from "../db/database-target.ts";
import { toPlainError } from "../errors.ts";
import { type DatabaseTask, runDatabaseTask } from "./database-tasks.ts";

export interface DatabaseProcessRequest {
  target: DatabaseTarget;
  task: DatabaseTask;
  lockTimeoutMs?: number;
}

process.once("message", async ({ target, task, lockTimeoutMs }: DatabaseProcessRequest) => {
  let answer: unknown;
  try {
    const options = lockTimeoutMs === undefined ? {} : { lockTimeoutMs };
    answer = { ok: true, result: await withDatabase(target, options, (db) => runDatabaseTask(db, task)) };
  } catch (error) {
    answer = { ok: false, error: toPlainError(error) };
  }
  process.send!(answer, () => process.exit(0));
});
