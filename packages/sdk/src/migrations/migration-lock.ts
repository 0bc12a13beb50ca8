// The one lock that every write to the migration bookkeeping takes (running a migration, adopting a
// database): a transaction-scoped advisory lock, so it goes with the transaction, taken before the
// bookkeeping table is created or read, so two processes never decide on the same stale state.
import type { Database, TransactionScope } from "../db/database.ts";
import { causeChain } from "../errors.ts";
import { MigrationError } from "./migration-errors.ts";
import { type MigrationLockHolder, migrationLockHolder } from "./migration-lock-holder.ts";

export const MIGRATIONS_TABLE = "orchestrator_migrations";
const ADVISORY_LOCK_KEY = 7_462_031;
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_MS = 30_000;

export interface MigrationLockOptions {
  /** How long to wait for another process's migration; Infinity: for as long as its transaction lasts. */
  timeoutMs: number;
  /** Called once, with the holder, when the lock is taken and waiting begins. */
  onLockWait?: (holder: MigrationLockHolder) => void;
}

/**
 * Waits for the lock (the server ends a holder's transaction when its client goes away), then makes
 * sure the bookkeeping table exists. A timeout names the backend that holds the lock.
 */
export async function lockMigrations(
  scope: TransactionScope,
  db: Database,
  options: MigrationLockOptions,
): Promise<void> {
  const { timeoutMs } = options;
  const [free] = await scope.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_xact_lock(${ADVISORY_LOCK_KEY}) AS locked`,
  );
  if (!free?.locked) {
    const holder = await migrationLockHolder(db, ADVISORY_LOCK_KEY);
    if (holder) options.onLockWait?.(holder);
    const limit = Number.isFinite(timeoutMs) ? `${Math.max(1, Math.round(timeoutMs))}ms` : "0";
    await scope.query(`SET LOCAL lock_timeout = '${limit}'`);
    try {
      await scope.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      const stillHolding = await migrationLockHolder(db, ADVISORY_LOCK_KEY);
      throw MigrationError.lockTimeout(db.label, timeoutMs, stillHolding ?? holder);
    }
  }
  await scope.query(`SET LOCAL lock_timeout = 0`);
  // adopted_alembic: set on the core migrations' rows when they were adopted (recorded, not run) on a
  // database that orchestrator-core built; it holds the alembic revisions found then.
  await scope.query(
    `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      id serial PRIMARY KEY,
      name varchar(255) NOT NULL UNIQUE,
      kind varchar(10) NOT NULL,
      checksum char(64) NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT current_timestamp,
      adopted_alembic varchar(1000) NULL
    )`,
  );
}

function isLockTimeout(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if (current.code === "55P03") return true;
    if (current instanceof Error && /lock timeout/i.test(current.message)) return true;
  }
  return false;
}
