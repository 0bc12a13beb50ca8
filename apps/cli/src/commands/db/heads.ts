import { CORE_HEAD, migrationSources } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes, PROJECT_FLAGS_WITHOUT_DATABASE } from "../../base-command.ts";

export default class DbHeads extends BaseCommand<typeof DbHeads> {
  static override summary = "Show the newest migration: the one `db upgrade heads` ends at.";
  static override description = helpWithExitCodes(
    "Migrations form one line: the core schema migrations, then the project's data migrations. There is always exactly one head. Does not open the database.",
  );
  static override baseFlags = PROJECT_FLAGS_WITHOUT_DATABASE;
  static override examples = ["<%= config.bin %> db heads"];

  async run(): Promise<{ head: string; coreHead: string }> {
    const project = await this.project();
    const head = migrationSources(project.migrationsDir).at(-1)!.name;
    this.say(`${head} (head)`);
    return { head, coreHead: CORE_HEAD };
  }
}
