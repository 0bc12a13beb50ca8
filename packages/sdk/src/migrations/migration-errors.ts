import { OrchestratorError } from "../errors.ts";
import { agree, plural } from "../plural.ts";
import type { MigrationLockHolder } from "./migration-lock-holder.ts";

export class MigrationError extends OrchestratorError {
  static failed(migration: string, statementIndex: number, sql: string, cause: unknown): MigrationError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const shown = sql.length > 500 ? `${sql.slice(0, 500)}…` : sql;
    return new MigrationError(
      "ORCH_MIGRATION_FAILED",
      `Migration ${migration} failed at statement ${statementIndex + 1}: ${reason}\n  ${shown}\nNothing of this migration was applied (it ran in one transaction).`,
      { cause },
    );
  }

  static tampered(migration: string, file: string): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATION_CHANGED",
      `Migration ${migration} was changed after it was applied: ${file} no longer matches the checksum recorded in the database. Restore the file (e.g. from version control) and put new changes in a new migration (orchestrator db revision or db migrate-domain-models).`,
    );
  }

  static unknownTarget(target: string, known: string[]): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATION_UNKNOWN",
      `There is no migration '${target}'. Known migrations: ${known.length ? known.join(", ") : "none"}. Targets: heads, base, +N, -N or a migration name.`,
    );
  }

  static stepsCrossCore(target: string, dataNewestFirst: string[]): MigrationError {
    const count =
      dataNewestFirst.length === 0
        ? "no data migration is applied"
        : `only ${plural(dataNewestFirst.length, "data migration")} ${agree(dataNewestFirst.length, "is", "are")} applied (${dataNewestFirst.join(", ")})`;
    return new MigrationError(
      "ORCH_DOWNGRADE_CROSSES_CORE",
      `Cannot downgrade ${target}: ${count}, and a relative downgrade never reverts the orchestrator's core schema. Nothing was reverted. ${dataNewestFirst.length > 0 ? `Use -${dataNewestFirst.length} to revert every data migration, or ` : "Use "}base to drop the orchestrator's tables with every subscription (it must be confirmed).`,
    );
  }

  static coreRevertNotConfirmed(
    core: string[],
    howToConfirm = "Show what is dropped (droppedTables) and pass confirmCoreRevert once it is confirmed.",
  ): MigrationError {
    return new MigrationError(
      "ORCH_CORE_REVERT_UNCONFIRMED",
      `Reverting core ${agree(core.length, "migration", "migrations")} ${core.join(", ")} drops the orchestrator's tables with every product, subscription, instance and value in them, so it must be confirmed. Nothing was reverted. ${howToConfirm}`,
    );
  }

  static invalidFile(file: string, reason: string): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATION_INVALID_FILE",
      `${file} is not a valid migration: ${reason}. A migration file default-exports a class extending Migration from @orchestrator/sdk.`,
    );
  }

  static unknownBase(migration: string, basedOn: string, known: string[]): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATION_UNKNOWN_BASE",
      `Migration ${migration} is based on core migration '${basedOn}', which this version of @orchestrator/sdk does not have (it has ${known.join(", ")}). Upgrade @orchestrator/sdk.`,
    );
  }

  static missingFile(migration: string): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATION_MISSING",
      `Migration ${migration} is applied in the database but its file is missing from the migrations folder, so the folder no longer describes the database; nothing was applied or reverted. Restore its file (e.g. from version control). To remove a migration, revert it (db downgrade) while its file is still there, then delete the file.`,
    );
  }

  static lockTimeout(label: string, timeoutMs: number, holder?: MigrationLockHolder): MigrationError {
    const who = holder
      ? `Server process ${holder.pid} (${holder.command}) holds the migration lock on ${label}; its transaction has run for ${holder.heldSeconds} s.`
      : `Another session holds the migration lock on ${label}.`;
    return new MigrationError(
      "ORCH_MIGRATION_LOCKED",
      `${who} Gave up waiting after ${Math.round(timeoutMs / 1000)} s. Wait for it to finish (or raise --lock-timeout) and try again; if that process is not one of yours, pg_terminate_backend(pid) ends it.`,
    );
  }

  static notAFolder(path: string): MigrationError {
    return new MigrationError(
      "ORCH_MIGRATIONS_DIR_INVALID",
      `The migrations path ${path} is not a folder. Point the config's migrations entry at a folder.`,
    );
  }
}
