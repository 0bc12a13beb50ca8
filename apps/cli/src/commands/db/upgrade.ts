import { Args, Flags } from "@oclif/core";
import { MigrationRunner, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";

export default class DbUpgrade extends BaseCommand<typeof DbUpgrade> {
  static override summary =
    "Apply pending migrations: the orchestrator's core schema first, then your data migrations.";
  static override description = helpWithExitCodes(
    "Each migration runs in its own transaction: if a statement fails, that migration changes nothing and the error names the statement. Concurrent runs wait for each other; each migration is applied exactly once. An applied migration whose file changed afterwards, or is missing, stops the upgrade before anything is applied.",
  );
  static override args = {
    target: Args.string({
      description: "heads (all), +N (the next N), or a migration name to stop after",
      default: "heads",
    }),
  };
  static override flags = {
    "create-database": Flags.boolean({
      description:
        "Create the PostgreSQL database named in the URL if it does not exist (without it, a missing database is an error: exit code 11)",
    }),
  };
  static override changesDatabase = true;
  static override examples = [
    "<%= config.bin %> db upgrade heads",
    "<%= config.bin %> db upgrade +1",
    "<%= config.bin %> db upgrade heads --create-database",
  ];

  async run(): Promise<{ database: string; applied: string[] }> {
    const project = await this.project();
    const createDatabase = this.flags["create-database"];
    return this.withDatabase(
      project,
      async (db) => {
        const runner = new MigrationRunner(db, migrationSources(project.migrationsDir), {
          lockTimeoutMs: this.lockTimeoutMs,
          onLockWait: this.onLockWait,
          onProgress: ({ name }) => this.say(`Applied ${name}`),
        });
        const applied = await runner.upgrade(this.args.target);
        this.say(
          applied.length === 0
            ? `Nothing to apply: ${db.label} is up to date.`
            : `Database ${db.label} is at ${applied.at(-1)}.`,
        );
        return { database: db.label, applied };
      },
      { createDatabase },
    );
  }
}
