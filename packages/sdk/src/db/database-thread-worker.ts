// The thread of runInDatabaseThread: opens the database, runs one task, closes it, answers, and ends.
import { parentPort, workerData } from "node:worker_threads";
import { Database } from "./database.ts";
import type { DatabaseTarget } from "./database-target.ts";
import { type DatabaseTask, runDatabaseTask } from "./database-tasks.ts";

const { target, task, lockTimeoutMs } = workerData as {
  target: DatabaseTarget;
  task: DatabaseTask;
  lockTimeoutMs?: number;
};

try {
  const db = await Database.open(target, lockTimeoutMs === undefined ? {} : { lockTimeoutMs });
  try {
    parentPort!.postMessage({ ok: true, result: await runDatabaseTask(db, task) });
  } finally {
    await db.close();
  }
} catch (error) {
  const e = error as { name?: string; code?: unknown; message?: string; location?: unknown; stack?: string };
  parentPort!.postMessage({
    ok: false,
    error: {
      name: e?.name,
      code: typeof e?.code === "string" ? e.code : undefined,
      message: e?.message ?? String(error),
      location: e?.location,
      stack: e?.stack,
    },
  });
}
