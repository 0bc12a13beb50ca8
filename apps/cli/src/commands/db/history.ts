import {
  MigrationRunner,
  type MigrationStatus,
  migrationSources,
  recogniseDatabase,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { ADOPT_HINT, describeOrigin, isUnadopted } from "../../ui/database-origin.ts";
import { style } from "../../ui/style.ts";

export default class DbHistory extends BaseCommand<typeof DbHistory> {
  static override summary = "List every migration in apply order and whether it is applied.";
  static override description = helpWithExitCodes(
    "Marks migrations that are applied, adopted from orchestrator-core (db adopt: when, at which alembic revisions), pending, changed since they were applied, or missing from the migrations folder.",
  );
  static override examples = ["<%= config.bin %> db history", "<%= config.bin %> db history --json"];

  async run(): Promise<MigrationStatus[]> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
      const origin = await recogniseDatabase(db);
      const found = describeOrigin(origin);
      if (found) this.say(`${db.label}: ${found}.${isUnadopted(origin) ? ` ${ADOPT_HINT}` : ""}`);
      for (const status of statuses) this.say(formatStatus(status));
      return statuses;
    });
  }
}

function formatStatus(status: MigrationStatus): string {
  const state = status.missing
    ? style.red("missing file")
    : status.changed
      ? style.red("changed since applied")
      : status.adoptedAlembic
        ? style.green(`adopted ${status.appliedAt} (alembic ${status.adoptedAlembic.join(", ")})`)
        : status.applied
          ? style.green(`applied ${status.appliedAt}`)
          : style.yellow("pending");
  return `${status.applied ? "[x]" : "[ ]"} ${status.name} ${style.dim(`(${status.kind})`)} ${state}`;
}
