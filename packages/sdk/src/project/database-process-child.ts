// The process of startDatabaseProcess: opens the database as soon as it is told which, then waits for
// its one task (null: none after all), runs it, closes the database, answers, and exits.

import { Database } from "../db/database.ts";
import type { DatabaseTarget } from "../db/database-target.ts";
import { toPlainError } from "../errors.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import {
  type DatabaseState,
  type DatabaseTask,
  readStateAhead,
  runDatabaseTask,
  type StateReadAhead,
} from "./database-tasks.ts";

export interface DatabaseProcessOpen {
  target: DatabaseTarget;
  lockTimeoutMs?: number;
  /** The migrations folder of the "state" task expected first: read ahead while it is on its way. */
  readAheadFor?: string;
}

/** The child's first message when it read ahead: null when the reading failed (the task will say why). */
export interface ReadAheadMessage {
  readAhead: { state: DatabaseState; metadata?: Snapshot } | null;
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

const { target, lockTimeoutMs, readAheadFor } = await next<DatabaseProcessOpen>();
const opening = Database.open(target, lockTimeoutMs === undefined ? {} : { lockTimeoutMs });
// Awaited below whatever comes; a failed open is reported as the task's answer.
opening.catch(() => undefined);
// This process holds the database and its lock from the open to its exit, so nothing can change what
// is read ahead before the task comes.
const ahead: Promise<StateReadAhead | undefined> =
  readAheadFor === undefined
    ? Promise.resolve(undefined)
    : opening.then((db) => readStateAhead(db, readAheadFor)).catch(() => undefined);
// What was read ahead goes to the parent as soon as it is there: when its models need nothing more from the
// database (compareWithoutDatabase), the parent compares them itself and sends no task, nor its models.
// Always sent when asked for, null when the open or the reading failed: the parent may wait for it.
void ahead.then(async (reading) => {
  if (readAheadFor === undefined) return;
  const result = reading
    ? await reading.reading
        .then(
          async ({ state, metadata }): Promise<ReadAheadMessage["readAhead"]> => ({
            state,
            ...(metadata ? { metadata: await metadata } : {}),
          }),
        )
        .catch(() => null)
    : null;
  process.send!({ readAhead: result } satisfies ReadAheadMessage);
});
const { task } = await next<DatabaseProcessTask>();
let answer: unknown;
try {
  const db = await opening;
  try {
    const reading = await ahead;
    // Another task must not share the connection with reads still in flight (a failed read inside its
    // transaction would abort it): it starts once they are done.
    await reading?.reading.catch(() => undefined);
    answer = task && { ok: true, result: await runDatabaseTask(db, task, undefined, reading) };
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
