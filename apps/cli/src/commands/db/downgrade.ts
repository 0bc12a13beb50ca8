import { Args, Flags } from "@oclif/core";
import {
  type DowngradePlan,
  type DroppedTable,
  MigrationError,
  MigrationRunner,
  type MigrationSource,
  migrationSources,
  type Project,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { CancelledError } from "../../cancellation.ts";
import { confirmOnTerminal } from "../../ui/confirm.ts";
import { coreRevertQuestion, renderDroppedTables } from "../../ui/dropped-tables.ts";
import { type MigrationSql, renderMigrationSql } from "../../ui/migration-sql.ts";

interface Result {
  database: string;
  reverted: string[];
  dropped: DroppedTable[];
}

export default class DbDowngrade extends BaseCommand<typeof DbDowngrade> {
  static override summary = "Revert applied migrations, newest first.";
  static override description = helpWithExitCodes(
    `-1 (the default) reverts the last data migration, -N the last N data migrations (never the orchestrator's core schema: asking for more than are applied is refused), and a migration name reverts every migration applied after it. base reverts everything, the core schema too.

Reverting the core schema drops the orchestrator's tables with every subscription, instance and value: the command lists them with their row counts and asks on a terminal; without one it needs --yes together with --confirm-warnings. An applied migration whose file is missing or changed stops the command before anything is reverted.`,
  );
  static override args = {
    target: Args.string({
      description: "-N, base, or the migration to keep as the last applied one",
      default: "-1",
    }),
  };
  static override flags = {
    "confirm-warnings": Flags.boolean({
      description: "Together with --yes: confirm reverting the core schema, which drops every subscription",
    }),
    yes: Flags.boolean({
      char: "y",
      description: "Do not ask (never confirms reverting the core schema on its own)",
    }),
    sql: Flags.boolean({
      description:
        "Print the SQL of the migrations the target would revert, without running it (nothing is written, nothing asked)",
    }),
  };
  static override changesDatabase = true;
  static override examples = [
    "<%= config.bin %> db downgrade",
    "<%= config.bin %> db downgrade -2",
    "<%= config.bin %> db downgrade base",
    "<%= config.bin %> db downgrade -1 --sql",
  ];

  async run(): Promise<Result | { database: string; sql: MigrationSql[] }> {
    const project = await this.project();
    const sources = migrationSources(project.migrationsDir);
    if (this.flags.sql) return this.#printSql(project, sources);
    // Plan and count, then release the database before anyone is asked anything.
    const { plan, dropped } = await this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, sources);
      const plan = await runner.planDowngrade(this.args.target);
      return { plan, dropped: plan.core.length > 0 ? await runner.droppedTables(plan) : [] };
    });
    if (plan.core.length > 0 && !(await this.#confirmCoreRevert(plan, dropped))) {
      throw new CancelledError("Cancelled: nothing was reverted.");
    }
    return this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, sources, {
        lockTimeoutMs: this.lockTimeoutMs,
        onLockWait: this.onLockWait,
        onProgress: ({ name }) => this.say(`Reverted ${name}`),
      });
      // Confirmed for this plan only: should the database have moved meanwhile so that the target now
      // reaches a core migration, the runner refuses.
      const reverted = await runner.downgrade(this.args.target, { confirmCoreRevert: plan.core.length > 0 });
      if (reverted.length === 0) this.say("Nothing to revert.");
      return { database: db.label, reverted, dropped };
    });
  }

  /** The statements of the range, planned as `downgrade` plans it, newest first; nothing run or asked. */
  #printSql(
    project: Project,
    sources: MigrationSource[],
  ): Promise<{ database: string; sql: MigrationSql[] }> {
    return this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, sources);
      const plan = await runner.planDowngrade(this.args.target);
      const sql: MigrationSql[] = [];
      for (const { name, kind } of plan.migrations)
        sql.push({ name, kind, statements: await runner.statements(name, "down") });
      this.say(sql.length ? renderMigrationSql(sql, "downgrade") : "-- Nothing to revert.");
      return { database: db.label, sql };
    });
  }

  /** Lists what is dropped, then asks on a terminal; without one only --yes --confirm-warnings confirms. */
  async #confirmCoreRevert(plan: DowngradePlan, dropped: DroppedTable[]): Promise<boolean> {
    this.say(`${renderDroppedTables(plan, dropped)}\n`);
    if (this.flags.yes && this.flags["confirm-warnings"]) return true;
    if (this.interactive) return confirmOnTerminal(coreRevertQuestion(dropped));
    throw MigrationError.coreRevertNotConfirmed(
      plan.core,
      "Run it on a terminal to be asked, or pass --yes --confirm-warnings to confirm.",
    );
  }
}
