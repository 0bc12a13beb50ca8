// The process of runInDatabaseProcess: receives one task, opens the database, runs the task, closes
// the database, answers, and exits.
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
    } finally {
      await db.close();
    }
  } catch (error) {
    const e = error as {
      name?: string;
      code?: unknown;
      message?: string;
      location?: unknown;
      stack?: string;
    };
    answer = {
      ok: false,
      error: {
        name: e?.name,
        code: typeof e?.code === "string" ? e.code : undefined,
        message: e?.message ?? String(error),
        location: e?.location,
        stack: e?.stack,
      },
    };
  }
  process.send!(answer, () => process.exit(0));
});
