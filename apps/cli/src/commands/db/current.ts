import { type DatabaseOrigin, MigrationRunner, migrationSources, recogniseDatabase } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { ADOPT_HINT, describeOrigin, isUnadopted } from "../../ui/database-origin.ts";

export default class DbCurrent extends BaseCommand<typeof DbCurrent> {
  static override summary = "Show the last applied migration and how many are pending.";
  static override description = helpWithExitCodes(
    "Prints nothing but a note when the database has no migrations applied yet. On orchestrator-core's database it says whether it is adopted (db adopt), and when and at which alembic revisions it was.",
  );
  static override examples = ["<%= config.bin %> db current"];

  async run(): Promise<{
    database: string;
    current: string | null;
    pending: string[];
    origin: DatabaseOrigin;
  }> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
      const current = statuses.filter((s) => s.applied).at(-1)?.name ?? null;
      const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
      const origin = await recogniseDatabase(db);
      const found = describeOrigin(origin);
      if (found) this.say(`${db.label}: ${found}.`);
      if (isUnadopted(origin)) {
        this.say(ADOPT_HINT);
        return { database: db.label, current, pending, origin };
      }
      this.say(
        current
          ? `${current}${pending.length === 0 ? " (head)" : ""}`
          : `No migrations applied to ${db.label} yet.`,
      );
      if (pending.length > 0) this.say(`${pending.length} pending: run \`orchestrator db upgrade heads\`.`);
      return { database: db.label, current, pending, origin };
    });
  }
}
