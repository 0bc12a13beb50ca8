import { OrchestratorError } from "../errors.ts";
import { agree, plural } from "../plural.ts";
import { closestName } from "../questions/closest-name.ts";
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
    const closest = closestName(target, known);
    return new MigrationError(
      "ORCH_MIGRATION_UNKNOWN",
      `There is no migration '${target}'.${closest ? ` Did you mean '${closest}'?` : ""} Known migrations: ${known.length ? known.join(", ") : "none"}. Targets: heads, base, +N, -N or a migration name.`,
    );
  }

  static stampAlreadyApplied(migration: string, appliedAt: string | undefined): MigrationError {
    return new MigrationError(
      "ORCH_STAMP_ALREADY_APPLIED",
      `Migration ${migration} is already applied${appliedAt ? ` (${appliedAt})` : ""}: there is nothing to stamp, and nothing was written.`,
    );
  }

  static stampCore(migration: string): MigrationError {
    return new MigrationError(
      "ORCH_STAMP_CORE",
      `${migration} is a core migration: its tables are created by an upgrade, or, on a database that orchestrator-core built, recorded by adopting the database, which first checks that they fit. Stamping records data migrations only; nothing was written.`,
    );
  }

  static stampLeavesGap(migration: string, olderPending: string[]): MigrationError {
    const them = olderPending.length === 1 ? "it" : "them";
    return new MigrationError(
      "ORCH_STAMP_OUT_OF_ORDER",
      `Cannot stamp ${migration}: older migration${olderPending.length === 1 ? "" : "s"} ${olderPending.join(", ")} ${olderPending.length === 1 ? "is" : "are"} not applied. Recording ${migration} as applied would leave ${them} behind it, to be run later after the migration that follows ${them}. Nothing was written. Apply ${them} first (upgrade to ${olderPending.at(-1)}), or, if the database already holds what ${them} would do, stamp ${them} first, oldest first (${olderPending[0]}).`,
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
