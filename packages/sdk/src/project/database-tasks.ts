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
import type { Snapshot } from "../snapshot/snapshot.ts";
import { type Comparison, compareWithMetadata, readMetadata } from "./compare-with-database.ts";

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

/**
 * What a "state" task reads whatever its models: read ahead (readStateAhead) by a process that opened the
 * database while its models load, and used by the first "state" task for the same migrations folder.
 */
export interface StateReadAhead {
  migrationsDir: string;
  /** Rejects as the task's own reading would; whoever holds it must attach a handler meanwhile. */
  reading: Promise<{ state: DatabaseState; metadata?: Promise<Snapshot> }>;
}

/**
 * Starts reading, on `db`, what a "state" task for `migrationsDir` reads before it needs the models. Valid
 * only while nothing else can write to `db` until the task runs: a process holding the embedded database
 * and its lock.
 */
export function readStateAhead(db: Database, migrationsDir: string): StateReadAhead {
  const reading = readState(db, migrationsDir).then((state) => {
    if (state.noSchema) return { state };
    const metadata = readMetadata(db);
    // Handled when the task comes; until then, an unhandled rejection would end the process.
    metadata.catch(() => undefined);
    return { state, metadata };
  });
  reading.catch(() => undefined);
  return { migrationsDir, reading };
}

/**
 * `sources`: the migrations, when the caller keeps them (reading them hashes every file). `ahead`: what
 * readStateAhead started on this database, used if the task is a "state" task for its folder.
 */
export async function runDatabaseTask<T extends DatabaseTask>(
  db: Database,
  task: T,
  sources?: MigrationSource[],
  ahead?: StateReadAhead,
): Promise<DatabaseTaskResult<T>> {
  return (await run(db, task, sources, ahead)) as DatabaseTaskResult<T>;
}

async function run(
  db: Database,
  task: DatabaseTask,
  sources: MigrationSource[] | undefined,
  ahead: StateReadAhead | undefined,
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
      const read =
        ahead?.migrationsDir === task.migrationsDir
          ? await ahead.reading
          : { state: await readState(db, task.migrationsDir, sources) };
      const state = { ...read.state };
      if (task.model && !state.noSchema && state.fingerprint !== task.compareUnlessFingerprint)
        state.comparison = await compareWithMetadata(db, read.metadata ?? readMetadata(db), task.model);
      return state;
    }
  }
}

/** A "state" task's answer without the comparison: fingerprint, pending migrations, adoption. */
async function readState(
  db: Database,
  migrationsDir: string,
  sources?: MigrationSource[],
): Promise<DatabaseState> {
  const statuses = await new MigrationRunner(db, sources ?? migrationSources(migrationsDir)).status();
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
  return state;
}
