// The process of runInDatabaseProcess: receives one task, opens the database, runs the task, closes
// the database, answers, and exits.

import { Database } from "../db/database.ts";
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
    const db = await Database.open(target, lockTimeoutMs === undefined ? {} : { lockTimeoutMs });
    try {
      answer = { ok: true, result: await runDatabaseTask(db, task) };
    } catch (error) {
      throw db.explain(error);
    } finally {
      await db.close();
    }
  } catch (error) {
    answer = { ok: false, error: toPlainError(error) };
  }
  process.send!(answer, () => process.exit(0));
});
