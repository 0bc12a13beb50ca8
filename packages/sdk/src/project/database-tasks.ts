// What an editor asks of the database, as plain data: the same task runs on a database open in this
// process, or in a child process (database-process.ts) so that the embedded database's memory goes
// when that process exits.

import { type AdoptionResult, adoptDatabase } from "../db/adopt/adopt-database.ts";
import { recogniseDatabase } from "../db/adopt/recognise-database.ts";
import type { Database } from "../db/database.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { type MigrationSource, migrationSources } from "../migrations/migration-source.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { listProducts, type ProductView } from "../products/list-products.ts";
import { databaseFingerprint } from "../snapshot/database-fingerprint.ts";
import { type RestoreRows, readRestoreRows } from "../snapshot/read-restore-rows.ts";
import { type Comparison, compareWithDatabase } from "./compare-with-database.ts";

export type DatabaseTask =
  /**
   * The fingerprint (data and migrations) and the pending migrations, and the comparison with `model`
   * unless there is no model, no schema, or the fingerprint equals `compareUnlessFingerprint` (the
   * caller already holds a comparison for it).
   */
  | { kind: "state"; migrationsDir: string; model?: DomainModel; compareUnlessFingerprint?: string }
  | { kind: "products" }
  /** Applies the pending migrations; gives their names. */
  | { kind: "upgrade"; migrationsDir: string }
  /** Adopts an orchestrator-core database (db adopt); refusals are AdoptErrors. */
  | { kind: "adopt" }
  /** The rows `changes` removes, for generateMigration's `readRestoreRows`. */
  | { kind: "restore-rows"; changes: ChangeSet };

export interface DatabaseState {
  fingerprint: string;
  /** The database has no orchestrator schema yet: every migration is pending. */
  noSchema: boolean;
  pending: string[];
  comparison?: Comparison;
  /** An orchestrator-core database whose core migration is not adopted yet: its alembic revisions. */
  unadopted?: { alembic: string[] };
}

export type DatabaseTaskResult<T extends DatabaseTask> = T extends { kind: "state" }
  ? DatabaseState
  : T extends { kind: "products" }
    ? ProductView[]
    : T extends { kind: "adopt" }
      ? AdoptionResult
      : T extends { kind: "restore-rows" }
        ? RestoreRows
        : string[];

/** `sources`: the migrations, when the caller keeps them (reading them hashes every file). */
export async function runDatabaseTask<T extends DatabaseTask>(
  db: Database,
  task: T,
  sources?: MigrationSource[],
): Promise<DatabaseTaskResult<T>> {
  return (await run(db, task, sources)) as DatabaseTaskResult<T>;
}

async function run(
  db: Database,
  task: DatabaseTask,
  sources: MigrationSource[] | undefined,
): Promise<DatabaseState | ProductView[] | string[] | AdoptionResult | RestoreRows> {
  switch (task.kind) {
    case "restore-rows":
      return readRestoreRows(db, task.changes);
    case "adopt":
      return adoptDatabase(db);
    case "products":
      return listProducts(db);
    case "upgrade":
      return new MigrationRunner(db, sources ?? migrationSources(task.migrationsDir)).upgrade("heads");
    case "state": {
      const statuses = await new MigrationRunner(
        db,
        sources ?? migrationSources(task.migrationsDir),
      ).status();
      const applied = statuses.filter((s) => s.applied).map((s) => s.name);
      const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
      const fingerprint = await databaseFingerprint(db, [...applied, "pending:", ...pending]);
      const noSchema = fingerprint.startsWith("no-schema");
      const state: DatabaseState = { fingerprint, noSchema, pending };
      if (statuses.some((s) => s.kind === "core" && !s.applied)) {
        const origin = await recogniseDatabase(db);
        if (origin.kind === "orchestrator-core" && !origin.adoption)
          state.unadopted = { alembic: origin.alembic };
      }
      if (task.model && !noSchema && fingerprint !== task.compareUnlessFingerprint)
        state.comparison = await compareWithDatabase(db, task.model);
      return state;
    }
  }
}
