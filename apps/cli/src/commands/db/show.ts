import { Args } from "@oclif/core";
import { MigrationError, MigrationRunner, type MigrationStatus, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { renderMigrationSql } from "../../ui/migration-sql.ts";
import { style } from "../../ui/style.ts";

interface Shown extends MigrationStatus {
  upgrade: string[];
  downgrade: string[];
}

export default class DbShow extends BaseCommand<typeof DbShow> {
  static override summary = "Show one migration: its status and the SQL it runs to upgrade and to downgrade.";
  static override description = helpWithExitCodes(
    "Prints whether the migration is applied (and when), pending, or changed since it was applied, then its upgrade and downgrade statements. Runs none of them; nothing is written.",
  );
  static override args = {
    name: Args.string({ description: "The migration's name, as db history lists it", required: true }),
  };
  static override examples = [
    "<%= config.bin %> db show 0001_orchestrator_schema",
    "<%= config.bin %> db show 20260101120000_workshop --json",
  ];

  async run(): Promise<Shown> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const runner = new MigrationRunner(db, migrationSources(project.migrationsDir));
      const statuses = await runner.status();
      const status = statuses.find((s) => s.name === this.args.name);
      if (!status)
        throw MigrationError.unknownTarget(
          this.args.name,
          statuses.map((s) => s.name),
        );
      // Recorded as applied but its file is gone: there are no statements left to show.
      if (status.missing) throw MigrationError.missingFile(status.name);
      const shown: Shown = {
        ...status,
        upgrade: await runner.statements(status.name, "up"),
        downgrade: await runner.statements(status.name, "down"),
      };
      this.say(`${style.bold(status.name)} (${status.kind}): ${describeStatus(status)}\n`);
      this.say(renderMigrationSql([{ ...status, statements: shown.upgrade }], "upgrade"));
      this.say();
      this.say(renderMigrationSql([{ ...status, statements: shown.downgrade }], "downgrade"));
      return shown;
    });
  }
}

function describeStatus(status: MigrationStatus): string {
  if (status.changed) return style.red(`applied ${status.appliedAt}, but its file changed since`);
  if (status.adoptedAlembic)
    return style.green(`adopted ${status.appliedAt} (alembic ${status.adoptedAlembic.join(", ")})`);
  if (status.applied) return style.green(`applied ${status.appliedAt}`);
  return style.yellow("pending (not applied)");
}
