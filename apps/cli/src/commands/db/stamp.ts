import { Args, Flags } from "@oclif/core";
import { MigrationRunner, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { CancelledError, ConfirmationRequiredError } from "../../cancellation.ts";
import { confirmOnTerminal } from "../../ui/confirm.ts";

interface Result {
  database: string;
  stamped: string;
}

export default class DbStamp extends BaseCommand<typeof DbStamp> {
  static override summary = "Record a data migration as applied without running it.";
  static override description = helpWithExitCodes(
    `For a database that already holds what the migration does (its statements were run by hand, or by another tool): the migration is recorded as applied, with its file's checksum, and none of its statements run. db upgrade then skips it; db downgrade runs its downgrade as for any applied migration.

Refused, with nothing written: a name that is not a migration (the closest one is suggested), a migration already applied, a core migration (db upgrade applies it; db adopt records it on an orchestrator-core database), and a migration with an older one still pending (stamp or apply that one first: stamping past it would leave it to run later, out of order). Takes the same migration lock as db upgrade. Asks on a terminal; without one it needs --yes (else exit 3).`,
  );
  static override args = {
    name: Args.string({
      description: "The data migration to record, as db history lists it",
      required: true,
    }),
  };
  static override flags = {
    yes: Flags.boolean({ char: "y", description: "Do not ask before recording the migration as applied" }),
  };
  static override changesDatabase = true;
  static override examples = [
    "<%= config.bin %> db stamp 20260101120000_add_user_and_usergroup_products",
    "<%= config.bin %> db stamp 20260101120000_add_user_and_usergroup_products --yes --json",
  ];

  async run(): Promise<Result> {
    const project = await this.project();
    const sources = migrationSources(project.migrationsDir);
    const { name } = this.args;
    // Check first (every refusal comes before the question), then release the database while asking.
    await this.withDatabase(project, (db) => new MigrationRunner(db, sources).planStamp(name));
    this.say(
      `db stamp records ${name} as applied without running any of its statements: the database must already hold what it does (\`orchestrator db show ${name}\` prints them).`,
    );
    await this.#confirm(name);
    return this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, sources, {
        lockTimeoutMs: this.lockTimeoutMs,
        onLockWait: this.onLockWait,
      });
      await runner.stamp(name);
      this.say(`Stamped ${name}: recorded as applied in ${db.label}, nothing run.`);
      return { database: db.label, stamped: name };
    });
  }

  async #confirm(name: string): Promise<void> {
    if (this.flags.yes) return;
    if (!this.interactive)
      throw new ConfirmationRequiredError(
        `Recording ${name} as applied without running it must be confirmed, and there is no terminal to ask on.`,
        "Pass --yes to confirm it.",
      );
    if (!(await confirmOnTerminal(`Confirm recording ${name} as applied without running it`)))
      throw new CancelledError();
  }
}
