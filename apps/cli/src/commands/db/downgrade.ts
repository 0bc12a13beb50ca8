import { Args } from "@oclif/core";
import { MigrationRunner, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";

export default class DbDowngrade extends BaseCommand<typeof DbDowngrade> {
  static override summary = "Revert applied migrations, newest first.";
  static override description = helpWithExitCodes(
    "-1 (the default) reverts the last migration, -N the last N, base reverts everything including the orchestrator's core schema, and a migration name reverts every migration applied after it.",
  );
  static override args = {
    target: Args.string({
      description: "-N, base, or the migration to keep as the last applied one",
      default: "-1",
    }),
  };
  static override examples = ["<%= config.bin %> db downgrade", "<%= config.bin %> db downgrade base"];

  async run(): Promise<{ database: string; reverted: string[] }> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, migrationSources(project.migrationsDir), {
        lockTimeoutMs: this.lockTimeoutMs,
        onProgress: ({ name }) => this.say(`Reverted ${name}`),
      });
      const reverted = await runner.downgrade(this.args.target);
      if (reverted.length === 0) this.say("Nothing to revert.");
      return { database: db.label, reverted };
    });
  }
}
