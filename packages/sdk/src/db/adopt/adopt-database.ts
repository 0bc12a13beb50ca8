// Adopting an orchestrator-core database: once its schema is known to fit what this project reads and
// writes, the core migrations are recorded as adopted (not run) in orchestrator_migrations, with the
// alembic revisions found. Nothing of orchestrator-core's is touched; the bookkeeping table is the only
// thing created. Checked again under the migration lock, so a concurrent upgrade or adoption is waited
// for (or reported) and adopting twice writes nothing.
import {
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  lockMigrations,
  MIGRATIONS_TABLE,
} from "../../migrations/migration-lock.ts";
import { coreMigrationSources } from "../../migrations/migration-source.ts";
import type { Database } from "../database.ts";
import { AdoptError } from "./adopt-errors.ts";
import { coreTableNames, expectedCoreShapes } from "./expected-schema.ts";
import { type DatabaseOrigin, joinRevisions, recogniseDatabase } from "./recognise-database.ts";
import { findSchemaMismatches, type SchemaMismatch } from "./schema-compatibility.ts";
import { readTableShapes } from "./table-shapes.ts";

export interface AdoptionCheck {
  origin: DatabaseOrigin;
  /** What does not fit; empty when the database can be adopted (or is not an orchestrator-core one). */
  mismatches: SchemaMismatch[];
  /** The core migrations adoption records. */
  coreMigrations: string[];
}

/** What `adoptDatabase` would find and do; changes nothing. */
export async function checkAdoption(db: Database): Promise<AdoptionCheck> {
  const origin = await recogniseDatabase(db);
  const coreMigrations = coreMigrationSources().map((source) => source.name);
  if (origin.kind !== "orchestrator-core" || origin.adoption)
    return { origin, mismatches: [], coreMigrations };
  const expected = await expectedCoreShapes(db);
  const actual = await readTableShapes(db, "current", coreTableNames());
  return { origin, mismatches: findSchemaMismatches(expected, actual), coreMigrations };
}

export type AdoptionResult =
  | { status: "adopted"; alembic: string[]; coreMigrations: string[] }
  | { status: "already-adopted"; at: string; alembic: string[] }
  /** Built by this project: there is nothing to adopt. */
  | { status: "project" };

export interface AdoptOptions {
  lockTimeoutMs?: number;
}

/** Adopts `db`, or says why not (AdoptError); never changes anything but orchestrator_migrations. */
export async function adoptDatabase(db: Database, options: AdoptOptions = {}): Promise<AdoptionResult> {
  const check = await checkAdoption(db);
  const settled = settledResult(db, check);
  if (settled) return settled;
  await requireCreatePrivilege(db);
  const alembic = (check.origin as { alembic: string[] }).alembic;
  const sources = coreMigrationSources();
  return db.transaction(async (scope) => {
    await lockMigrations(scope, db, {
      timeoutMs: options.lockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
    });
    // A bookkeeping table made by an older version of this project lacks the column.
    await scope.query(
      `ALTER TABLE ${MIGRATIONS_TABLE} ADD COLUMN IF NOT EXISTS adopted_alembic varchar(1000) NULL`,
    );
    const again = await recogniseDatabase(scope);
    const late = settledResult(db, { ...check, origin: again });
    if (late) return late;
    for (const source of sources) {
      await scope.query(
        `INSERT INTO ${MIGRATIONS_TABLE} (name, kind, checksum, adopted_alembic) VALUES (?, 'core', ?, ?)`,
        [source.name, source.checksum, joinRevisions(alembic)],
      );
    }
    return { status: "adopted", alembic, coreMigrations: sources.map((source) => source.name) };
  });
}

/** The outcome when there is nothing to write: already adopted, this project's own, or refused. */
function settledResult(db: Database, check: AdoptionCheck): AdoptionResult | undefined {
  const { origin } = check;
  if (origin.kind === "empty") throw AdoptError.emptyDatabase(db.label);
  if (origin.kind === "unknown") throw AdoptError.unknownOrigin(db.label);
  if (origin.kind === "project") return { status: "project" };
  if (origin.adoption) return { status: "already-adopted", ...origin.adoption };
  if (check.mismatches.length > 0) throw AdoptError.incompatible(db.label, check.mismatches);
  return undefined;
}

/** Asked first, so a role that cannot create the bookkeeping table hears why instead of a SQL error. */
async function requireCreatePrivilege(db: Database): Promise<void> {
  const [row] = await db.query<{ role: string; schema: string; exists: boolean; can_create: boolean }>(
    `SELECT current_user AS role, current_schema() AS schema,
            to_regclass('${MIGRATIONS_TABLE}') IS NOT NULL AS exists,
            has_schema_privilege(current_schema(), 'CREATE') AS can_create`,
  );
  if (row && !row.exists && !row.can_create)
    throw AdoptError.noCreatePrivilege(db.label, row.role, row.schema);
}
