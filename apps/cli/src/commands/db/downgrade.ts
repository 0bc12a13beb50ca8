import { Args, Flags } from "@oclif/core";
import {
  type DowngradePlan,
  type DroppedTable,
  MigrationError,
  MigrationRunner,
  type MigrationSource,
  migrationSources,
  type Project,
  type RevertPreview,
  removesSubscriptionData,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { CancelledError, ConfirmationRequiredError } from "../../cancellation.ts";
import { confirmOnTerminal } from "../../ui/confirm.ts";
import { coreRevertQuestion, renderDowngradePlan, subscriptionLoss } from "../../ui/downgrade-plan.ts";
import { type MigrationSql, renderMigrationSql } from "../../ui/migration-sql.ts";

interface Result {
  database: string;
  reverted: string[];
  /** Per data migration, the rows its downgrade changed (measured before it ran). */
  changes: RevertPreview[];
  dropped: DroppedTable[];
}

export default class DbDowngrade extends BaseCommand<typeof DbDowngrade> {
  static override summary = "Revert applied migrations, newest first.";
  static override description = helpWithExitCodes(
    `-1 (the default) reverts the last data migration, -N the last N data migrations (never the orchestrator's core schema: asking for more than are applied is refused), and a migration name reverts every migration applied after it. base reverts everything, the core schema too.

Before reverting, it lists the migrations and, under each data migration, the rows its downgrade changes per table (measured by running the downgrades in a transaction that is rolled back), then asks on a terminal (--yes does not ask). Without a terminal it reverts as asked when no subscription, instance, value or relation between instances is removed; when one is, it needs --yes (else exit 3).

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
      description:
        "Do not ask; confirms removing subscription data (never confirms reverting the core schema on its own)",
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
    // Plan, count and measure, then release the database before anyone is asked anything.
    const { plan, dropped, changes } = await this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, sources);
      const plan = await runner.planDowngrade(this.args.target);
      return {
        plan,
        dropped: plan.core.length > 0 ? await runner.droppedTables(plan) : [],
        changes: await runner.previewDowngrade(plan),
      };
    });
    if (plan.migrations.length > 0) {
      this.say(`${renderDowngradePlan(plan, changes, dropped)}\n`);
      const confirmed =
        plan.core.length > 0
          ? await this.#confirmCoreRevert(plan, dropped)
          : await this.#confirmRevert(plan, changes);
      if (!confirmed) throw new CancelledError("Cancelled: nothing was reverted.");
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
      return { database: db.label, reverted, changes, dropped };
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

  /**
   * Data migrations only. A script that reverted them without asking keeps doing so where nothing is
   * lost; removing subscriptions, instances or values, which no upgrade brings back, needs someone's yes.
   */
  async #confirmRevert(plan: DowngradePlan, changes: RevertPreview[]): Promise<boolean> {
    if (this.flags.yes) return true;
    const count = plan.migrations.length;
    if (this.interactive)
      return confirmOnTerminal(`Confirm reverting ${count} migration${count === 1 ? "" : "s"}`);
    if (!removesSubscriptionData(changes)) return true;
    throw new ConfirmationRequiredError(
      `Reverting ${plan.migrations.map((m) => m.name).join(", ")} removes subscription data (${subscriptionLoss(changes)}), which no upgrade brings back, and there is no terminal to ask on.`,
      "Run it on a terminal to be asked, or pass --yes to confirm.",
    );
  }

  /** The core schema's tables go: asks on a terminal; without one only --yes --confirm-warnings confirms. */
  async #confirmCoreRevert(plan: DowngradePlan, dropped: DroppedTable[]): Promise<boolean> {
    if (this.flags.yes && this.flags["confirm-warnings"]) return true;
    if (this.interactive) return confirmOnTerminal(coreRevertQuestion(dropped));
    throw MigrationError.coreRevertNotConfirmed(
      plan.core,
      "Run it on a terminal to be asked, or pass --yes --confirm-warnings to confirm.",
    );
  }
}
