// The one check that stops generating a migration against a database that is not yet what the migrations
// make it (its message: describe-pending.ts).
import type { Database } from "../db/database.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { migrationSources } from "../migrations/migration-source.ts";
import { ProjectError } from "./project-errors.ts";

/**
 * Stops when the database lacks a migration of `migrationsDir`: a migration generated now would repeat
 * what the pending ones do.
 * @throws MigrationError when an applied migration's file changed or is missing (checked first: then the
 *   migrations do not describe the database at all).
 * @throws ProjectError `ORCH_MIGRATIONS_PENDING` naming the pending migrations.
 */
export async function assertNoPendingMigrations(db: Database, migrationsDir: string): Promise<void> {
  const statuses = await new MigrationRunner(db, migrationSources(migrationsDir)).verifyApplied();
  const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
  if (pending.length > 0) throw ProjectError.migrationsPending(pending);
}
