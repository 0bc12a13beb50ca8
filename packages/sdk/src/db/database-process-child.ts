// The process of runInDatabaseProcess: receives one task, opens the database, runs the task, closes
// the database, answers, and exits.
import { toPlainError } from "../errors.ts";
import { Database } from "./database.ts";
import type { DatabaseTarget } from "./database-target.ts";
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
