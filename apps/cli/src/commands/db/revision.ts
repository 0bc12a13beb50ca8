import { Args } from "@oclif/core";
import { createRevision } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes, PROJECT_FLAGS_WITHOUT_DATABASE } from "../../base-command.ts";

export default class DbRevision extends BaseCommand<typeof DbRevision> {
  static override summary = "Create an empty data migration to fill in by hand.";
  static override description = helpWithExitCodes(
    "Writes <timestamp>_<slug>.ts into the migrations folder: a class extending Migration from @orchestrator/sdk with empty up() and down(). Use this.addSql(...) or the SDK's migration helpers (createProduct, createWorkflow, backfillResourceType, …). Does not open the database.",
  );
  static override args = {
    message: Args.string({ description: "What the migration does", required: true }),
  };
  static override baseFlags = PROJECT_FLAGS_WITHOUT_DATABASE;
  static override examples = ['<%= config.bin %> db revision "Add modify_note workflow to all products"'];

  async run(): Promise<{ file: string }> {
    const project = await this.project();
    const file = createRevision(project, this.args.message);
    this.say(`Created ${file}`);
    return { file };
  }
}
