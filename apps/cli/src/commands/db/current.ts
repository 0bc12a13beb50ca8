import { MigrationRunner, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";

export default class DbCurrent extends BaseCommand<typeof DbCurrent> {
  static override summary = "Show the last applied migration and how many are pending.";
  static override description = helpWithExitCodes(
    "Prints nothing but a note when the database has no migrations applied yet.",
  );
  static override examples = ["<%= config.bin %> db current"];

  async run(): Promise<{ database: string; current: string | null; pending: string[] }> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
      const current = statuses.filter((s) => s.applied).at(-1)?.name ?? null;
      const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
      this.say(
        current
          ? `${current}${pending.length === 0 ? " (head)" : ""}`
          : `No migrations applied to ${db.label} yet.`,
      );
      if (pending.length > 0) this.say(`${pending.length} pending: run \`orchestrator db upgrade heads\`.`);
      return { database: db.label, current, pending };
    });
  }
}
