import { MigrationRunner, type MigrationStatus, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { style } from "../../ui/style.ts";

export default class DbHistory extends BaseCommand<typeof DbHistory> {
  static override summary = "List every migration in apply order and whether it is applied.";
  static override description = helpWithExitCodes(
    "Marks migrations that are applied, pending, changed since they were applied, or missing from the migrations folder.",
  );
  static override examples = ["<%= config.bin %> db history", "<%= config.bin %> db history --json"];

  async run(): Promise<MigrationStatus[]> {
    const project = await this.project();
    return this.withDatabase(project, async (db) => {
      const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
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
      : status.applied
        ? style.green(`applied ${status.appliedAt}`)
        : style.yellow("pending");
  return `${status.applied ? "[x]" : "[ ]"} ${status.name} ${style.dim(`(${status.kind})`)} ${state}`;
}
