// Applies and reverts migrations. Each migration runs in its own transaction together with its
// bookkeeping row, so a failing statement leaves the database exactly as before. Concurrent runs are
// serialised by a transaction-scoped advisory lock taken first in every such transaction; the
// "already applied?" check happens after the lock, so two `upgrade heads` started together apply each
// migration exactly once. (PGlite is additionally held by the directory lock for the whole run.)

import type { Transaction } from "@mikro-orm/core";
import { AdoptError } from "../db/adopt/adopt-errors.ts";
import { readAlembicRevisions, splitRevisions } from "../db/adopt/recognise-database.ts";
import type { Database, TransactionScope } from "../db/database.ts";
import { countRows, type RevertPreview, rowChanges } from "./downgrade-preview.ts";
import { countDroppedTables, type DroppedTable } from "./dropped-tables.ts";
import type { MigrationClass } from "./migration.ts";
import { MigrationError } from "./migration-errors.ts";
import {
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  lockMigrations,
  MIGRATIONS_TABLE,
  type MigrationLockOptions,
} from "./migration-lock.ts";
import type { MigrationLockHolder } from "./migration-lock-holder.ts";
import {
  type Direction,
  hasChecksum,
  loadMigrationClass,
  type MigrationKind,
  type MigrationSource,
} from "./migration-source.ts";
import { checkStamp } from "./stamp-check.ts";

export { DEFAULT_MIGRATION_LOCK_TIMEOUT_MS, MIGRATIONS_TABLE } from "./migration-lock.ts";

export interface MigrationStatus {
  name: string;
  kind: MigrationKind;
  applied: boolean;
  appliedAt?: string;
  /** Applied, but the file differs from what was applied. */
  changed: boolean;
  /** Applied, but no longer in the migrations folder. */
  missing: boolean;
  file?: string;
  /** A core migration adopted (recorded, not run) on an orchestrator-core database: its alembic revisions. */
  adoptedAlembic?: string[];
}

interface AppliedRow {
  id: number;
  name: string;
  kind: MigrationKind;
  checksum: string;
  applied_at: string | Date;
  adopted_alembic: string | null;
}

/** What a downgrade would revert, newest first; decided before anything runs. */
export interface DowngradePlan {
  target: string;
  migrations: { name: string; kind: MigrationKind }[];
  /** The core migrations among them: reverting one drops the orchestrator's tables and their rows. */
  core: string[];
}

export interface DowngradeOptions {
  /**
   * Reverting a core migration drops every subscription, so it runs only when this is set, after the
   * front end has shown what is dropped (droppedTables) and someone confirmed it.
   */
  confirmCoreRevert?: boolean;
}

export interface MigrationRunnerOptions {
  lockTimeoutMs?: number;
  /** Called once per migration that has to wait for another session's migration lock. */
  onLockWait?: (holder: MigrationLockHolder) => void;
  /** Called after each migration is applied or reverted. */
  onProgress?: (event: { direction: Direction; name: string }) => void;
}

export class MigrationRunner {
  readonly #db: Database;
  readonly #sources: MigrationSource[];
  readonly #options: MigrationRunnerOptions;

  constructor(db: Database, sources: MigrationSource[], options: MigrationRunnerOptions = {}) {
    this.#db = db;
    this.#sources = sources;
    this.#options = options;
  }

  async status(): Promise<MigrationStatus[]> {
    const applied = await this.#appliedRows();
    const byName = new Map(applied.map((row) => [row.name, row]));
    const known = new Set(this.#sources.map((source) => source.name));
    const statuses: MigrationStatus[] = this.#sources.map((source) => {
      const row = byName.get(source.name);
      return {
        name: source.name,
        kind: source.kind,
        applied: row !== undefined,
        ...(row ? { appliedAt: new Date(row.applied_at).toISOString() } : {}),
        changed: row !== undefined && !hasChecksum(source, row.checksum),
        missing: false,
        ...(source.file ? { file: source.file } : {}),
        ...(row?.adopted_alembic ? { adoptedAlembic: splitRevisions(row.adopted_alembic) } : {}),
      };
    });
    for (const row of applied.filter((r) => !known.has(r.name))) {
      statuses.push({
        name: row.name,
        kind: row.kind,
        applied: true,
        appliedAt: new Date(row.applied_at).toISOString(),
        changed: false,
        missing: true,
      });
    }
    return statuses;
  }

  /** Applies pending migrations up to `target`: `heads`, `+N` or a migration name. Returns their names. */
  async upgrade(target = "heads"): Promise<string[]> {
    const planned = new Set((await this.planUpgrade(target)).map((m) => m.name));
    const done: string[] = [];
    for (const source of this.#sources.filter((s) => planned.has(s.name))) {
      if (await this.#run(source, "up")) done.push(source.name);
    }
    return done;
  }

  /** What `upgrade(target)` would apply, in order, checked (files present and unchanged) but not run. */
  async planUpgrade(target = "heads"): Promise<{ name: string; kind: MigrationKind }[]> {
    const statuses = await this.verifyApplied();
    const pending = this.#sources.filter((source) => !statuses.find((s) => s.name === source.name)?.applied);
    return this.#selectUpgrade(pending, target).map(({ name, kind }) => ({ name, kind }));
  }

  /**
   * The SQL one migration runs in `direction`, without running it: core migrations list theirs, data
   * migrations collect theirs (addSql) inside a transaction that executes none of them.
   */
  async statements(name: string, direction: Direction): Promise<string[]> {
    const source = this.#sources.find((s) => s.name === name);
    if (!source)
      throw MigrationError.unknownTarget(
        name,
        this.#sources.map((s) => s.name),
      );
    if (source.core) return [...source.core[direction]];
    const migrationClass = await loadMigrationClass(source);
    return this.#db.transaction((_scope, tx) => this.#dataStatements(source, migrationClass, direction, tx));
  }

  /** What `downgrade(target)` would revert, checked (files present and unchanged) but not run. */
  async planDowngrade(target = "-1"): Promise<DowngradePlan> {
    await this.verifyApplied();
    const applied = (await this.#appliedRows()).sort((a, b) => b.id - a.id);
    const selected = this.#selectDowngrade(applied, target);
    // Adopted core migrations were never run here: reverting them would drop orchestrator-core's tables.
    const adopted = selected.filter((row) => row.adopted_alembic);
    if (adopted.length > 0)
      throw AdoptError.downgradePastAdoption(
        adopted.map((row) => row.name),
        splitRevisions(adopted[0]!.adopted_alembic!),
      );
    for (const row of selected) this.#sourceOf(row);
    return {
      target,
      migrations: selected.map((row) => ({ name: row.name, kind: row.kind })),
      core: selected.filter((row) => row.kind === "core").map((row) => row.name),
    };
  }

  /**
   * What reverting the plan's data migrations changes, row counts per table and migration, measured by
   * running their downgrades in a transaction that is rolled back. The core migrations of a plan are
   * not run (their downgrade drops the tables): droppedTables lists what they take.
   */
  async previewDowngrade(plan: DowngradePlan): Promise<RevertPreview[]> {
    const data = plan.migrations.filter((m) => m.kind === "data");
    if (data.length === 0) return [];
    const previews: RevertPreview[] = [];
    const rollback = new Error("preview: roll back");
    try {
      await this.#db.transaction(async (scope, tx) => {
        let before = await countRows(scope);
        for (const { name, kind } of data) {
          const source = this.#sources.find((s) => s.name === name)!;
          const migrationClass = (await this.#loadChecked(source))!;
          await this.#execute(scope, name, await this.#dataStatements(source, migrationClass, "down", tx));
          const after = await countRows(scope);
          previews.push({ name, kind, rows: rowChanges(before, after) });
          before = after;
        }
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return previews;
  }

  /** The tables the plan's core migrations drop, with the rows each holds now. */
  async droppedTables(plan: DowngradePlan): Promise<DroppedTable[]> {
    const core = this.#sources.filter((source) => plan.core.includes(source.name));
    return countDroppedTables(this.#db, core);
  }

  /**
   * Reverts applied migrations down to `target`: `-N` (default -1; data migrations only), `base` or the
   * name to keep last. Reverting a core migration needs `confirmCoreRevert`.
   */
  async downgrade(target = "-1", options: DowngradeOptions = {}): Promise<string[]> {
    const plan = await this.planDowngrade(target);
    if (plan.core.length > 0 && !options.confirmCoreRevert)
      throw MigrationError.coreRevertNotConfirmed(plan.core);
    const applied = new Map((await this.#appliedRows()).map((row) => [row.name, row]));
    const sources = plan.migrations.map(({ name }) => this.#sourceOf(applied.get(name)!));
    const done: string[] = [];
    for (const source of sources) {
      if (await this.#run(source, "down")) done.push(source.name);
    }
    return done;
  }

  /** What `stamp(name)` would record, checked (files present and unchanged, order kept) but not written. */
  async planStamp(name: string): Promise<{ name: string; kind: MigrationKind }> {
    const statuses = await this.verifyApplied();
    const applied = new Map(statuses.filter((s) => s.applied).map((s) => [s.name, s.appliedAt]));
    const source = checkStamp(name, this.#sources, applied);
    // A file that would not load or names an unknown base is refused now, not at the next downgrade.
    await this.#loadChecked(source);
    return { name: source.name, kind: source.kind };
  }

  /**
   * Records a data migration as applied without running it (alembic's stamp), for a database that
   * already holds what it does. Under the migration lock, checked again on the rows found there, so a
   * concurrent upgrade or stamp cannot make it record a migration twice or out of order.
   */
  async stamp(name: string): Promise<{ name: string; kind: MigrationKind }> {
    const planned = await this.planStamp(name);
    await this.#db.transaction(async (scope) => {
      await lockMigrations(scope, this.#db, this.#lockOptions());
      const rows = await scope.query<{ name: string; applied_at: string | Date }>(
        `SELECT name, applied_at FROM ${MIGRATIONS_TABLE}`,
      );
      const applied = new Map(rows.map((row) => [row.name, new Date(row.applied_at).toISOString()]));
      const source = checkStamp(name, this.#sources, applied);
      await scope.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, kind, checksum) VALUES (?, ?, ?)`, [
        source.name,
        source.kind,
        source.checksum,
      ]);
    });
    return planned;
  }

  /** The file to revert an applied row with: present and unchanged, else the migration is refused. */
  #sourceOf(row: AppliedRow): MigrationSource {
    const source = this.#sources.find((s) => s.name === row.name);
    if (!source) throw MigrationError.missingFile(row.name);
    if (!hasChecksum(source, row.checksum)) throw MigrationError.tampered(row.name, source.file ?? row.name);
    return source;
  }

  /**
   * The statuses, once every applied migration's file is known to be present and unchanged; else the
   * first that is not is refused. Runs before anything is applied or reverted: a database whose history
   * no longer matches the files is not one to build on, nor to take apart.
   */
  async verifyApplied(): Promise<MigrationStatus[]> {
    const statuses = await this.status();
    const broken = statuses.filter((s) => s.applied && (s.missing || s.changed));
    const first = broken.sort((a, b) => (a.appliedAt ?? "").localeCompare(b.appliedAt ?? ""))[0];
    if (first?.missing) throw MigrationError.missingFile(first.name);
    if (first) throw MigrationError.tampered(first.name, first.file ?? first.name);
    await this.#refuseUnadoptedCore(statuses);
    return statuses;
  }

  /**
   * A pending core migration on a database that orchestrator-core's alembic built would create tables
   * that are already there: such a database is adopted (db adopt), never migrated from scratch.
   */
  async #refuseUnadoptedCore(statuses: MigrationStatus[]): Promise<void> {
    if (!statuses.some((status) => status.kind === "core" && !status.applied)) return;
    const alembic = await readAlembicRevisions(this.#db);
    if (alembic !== undefined) throw AdoptError.notAdopted(this.#db.label, alembic);
  }

  #selectUpgrade(pending: MigrationSource[], target: string): MigrationSource[] {
    if (target === "heads" || target === "head") return pending;
    const step = /^\+(\d+)$/.exec(target);
    if (step) return pending.slice(0, Number(step[1]));
    const index = pending.findIndex((source) => source.name === target);
    if (index >= 0) return pending.slice(0, index + 1);
    if (this.#sources.some((source) => source.name === target)) return []; // already applied
    throw MigrationError.unknownTarget(
      target,
      this.#sources.map((s) => s.name),
    );
  }

  #selectDowngrade(appliedNewestFirst: AppliedRow[], target: string): AppliedRow[] {
    if (target === "base") return appliedNewestFirst;
    const step = /^-(\d+)$/.exec(target);
    if (step) {
      // A relative step counts data migrations: it never reaches the core schema below them, which
      // would drop every subscription. `base` (confirmed) is the way to do that.
      const selected = appliedNewestFirst.slice(0, Number(step[1]));
      if (selected.some((row) => row.kind === "core")) {
        const coreAt = appliedNewestFirst.findIndex((row) => row.kind === "core");
        const data = appliedNewestFirst.slice(0, coreAt).map((row) => row.name);
        throw MigrationError.stepsCrossCore(target, data);
      }
      return selected;
    }
    const index = appliedNewestFirst.findIndex((row) => row.name === target);
    if (index >= 0) return appliedNewestFirst.slice(0, index);
    if (this.#sources.some((source) => source.name === target)) return []; // not applied: nothing above it
    throw MigrationError.unknownTarget(
      target,
      this.#sources.map((s) => s.name),
    );
  }

  /** Runs one migration in one transaction; false when another process already did it. */
  async #run(source: MigrationSource, direction: Direction): Promise<boolean> {
    const migrationClass = await this.#loadChecked(source);
    const ran = await this.#db.transaction(async (scope, tx) => {
      await lockMigrations(scope, this.#db, this.#lockOptions());
      const isApplied =
        (await scope.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE name = ?`, [source.name])).length > 0;
      if (isApplied === (direction === "up")) return false;
      const statements = migrationClass
        ? await this.#dataStatements(source, migrationClass, direction, tx)
        : [...source.core![direction]];
      await this.#execute(scope, source.name, statements);
      if (direction === "up") {
        await scope.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, kind, checksum) VALUES (?, ?, ?)`, [
          source.name,
          source.kind,
          source.checksum,
        ]);
      } else {
        await scope.query(`DELETE FROM ${MIGRATIONS_TABLE} WHERE name = ?`, [source.name]);
      }
      return true;
    });
    if (ran) this.#options.onProgress?.({ direction, name: source.name });
    return ran;
  }

  /** Runs one migration's statements in order; a failure names the migration, the statement and its SQL. */
  async #execute(scope: TransactionScope, migration: string, statements: readonly string[]): Promise<void> {
    for (const [index, sql] of statements.entries()) {
      try {
        await scope.query(sql);
      } catch (error) {
        throw MigrationError.failed(migration, index, sql, error);
      }
    }
  }

  /** A data migration's class, once its file loads and its base is a core migration this SDK has. */
  async #loadChecked(source: MigrationSource): Promise<MigrationClass | undefined> {
    const migrationClass = source.kind === "data" ? await loadMigrationClass(source) : undefined;
    const basedOn = migrationClass?.basedOn;
    const coreNames = this.#sources.filter((s) => s.kind === "core").map((s) => s.name);
    if (basedOn !== undefined && !coreNames.includes(basedOn))
      throw MigrationError.unknownBase(source.name, basedOn, coreNames);
    return migrationClass;
  }

  #lockOptions(): MigrationLockOptions {
    return {
      timeoutMs: this.#options.lockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
      ...(this.#options.onLockWait ? { onLockWait: this.#options.onLockWait } : {}),
    };
  }

  async #dataStatements(
    source: MigrationSource,
    migrationClass: MigrationClass,
    direction: Direction,
    tx: Transaction,
  ): Promise<string[]> {
    const migration = new migrationClass(this.#db.orm.driver as never, this.#db.orm.config as never);
    migration.name = source.name;
    migration.reset();
    migration.setTransactionContext(tx);
    await migration[direction]();
    return migration.getQueries().map((query) => (typeof query === "string" ? query : String(query)));
  }

  async #appliedRows(): Promise<AppliedRow[]> {
    const exists = await this.#db.query<{ found: string | null }>(
      `SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS found`,
    );
    if (!exists[0]?.found) return [];
    // to_jsonb reads adopted_alembic also from a bookkeeping table made before that column existed.
    return this.#db.query<AppliedRow>(
      `SELECT id, name, kind, checksum, applied_at, to_jsonb(m) ->> 'adopted_alembic' AS adopted_alembic
         FROM ${MIGRATIONS_TABLE} m ORDER BY id`,
    );
  }
}
