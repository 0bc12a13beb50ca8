// The one lock that every write to the migration bookkeeping takes (running a migration, adopting a
// database): a transaction-scoped advisory lock, so it goes with the transaction, taken before the
// bookkeeping table is created or read, so two processes never decide on the same stale state.
import type { TransactionScope } from "../db/database.ts";
import { MigrationError } from "./migration-errors.ts";

export const MIGRATIONS_TABLE = "orchestrator_migrations";
const ADVISORY_LOCK_KEY = 7_462_031;
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_MS = 30_000;

/** Waits at most `timeoutMs` for the lock, then makes sure the bookkeeping table exists. */
export async function lockMigrations(
  scope: TransactionScope,
  label: string,
  timeoutMs: number,
): Promise<void> {
  await scope.query(`SET LOCAL lock_timeout = '${Math.max(1, Math.round(timeoutMs))}ms'`);
  try {
    await scope.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_KEY})`);
  } catch (error) {
    if (isLockTimeout(error)) throw MigrationError.lockTimeout(label, timeoutMs);
    throw error;
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
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (code === "55P03") return true;
    if (current instanceof Error && /lock timeout/i.test(current.message)) return true;
    if (!(current instanceof Object)) break;
  }
  return false;
}
