// Who holds the migration lock: the server session (pid, application_name, how long its transaction has
// run), so that a waiting or refused run can name it, and whoever reads the message can find it in
// pg_stat_activity, or see that it is gone.
import type { Database } from "../db/database.ts";

export interface MigrationLockHolder {
  pid: number;
  /** The holder's application_name: `orchestrator: db upgrade heads` for this CLI. */
  command: string;
  heldSeconds: number;
}

/** The session holding the advisory lock `key` (a one-argument key below 2^32), if any is found. */
export async function migrationLockHolder(
  db: Database,
  key: number,
): Promise<MigrationLockHolder | undefined> {
  if (db.target.kind !== "postgresql") return undefined; // an embedded database has one session
  try {
    const [row] = await db.query<{ pid: number; command: string; held_seconds: number | string }>(
      `SELECT a.pid, coalesce(nullif(a.application_name, ''), 'unnamed client') AS command,
              floor(extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start)))::int AS held_seconds
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = ? AND l.objsubid = 1
        LIMIT 1`,
      [key],
    );
    return row
      ? { pid: Number(row.pid), command: row.command, heldSeconds: Number(row.held_seconds) }
      : undefined;
  } catch {
    return undefined; // naming the holder is a courtesy: a role that may not read pg_locks still migrates
  }
}
