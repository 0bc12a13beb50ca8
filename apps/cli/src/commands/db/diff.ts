import { type ChangeSet, compareWithDatabase, isEmptyChangeSet, loadRegistry } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { renderChangeTree } from "../../ui/change-tree.ts";

export default class DbDiff extends BaseCommand<typeof DbDiff> {
  static override summary = "Show how the database's product metadata differs from the domain models.";
  static override description = helpWithExitCodes(
    "Compares the registry (the config's `registry` module) with the database: products, fixed inputs, product blocks, resource types and the links between them. Changes nothing. --json prints the change set.",
  );
  static override examples = ["<%= config.bin %> db diff", "<%= config.bin %> db diff --json"];

  async run(): Promise<ChangeSet> {
    const project = await this.project();
    const model = await loadRegistry(project.registryFile);
    const { changes } = await this.withDatabase(project, (db) => compareWithDatabase(db, model));
    this.say(
      isEmptyChangeSet(changes) ? "The database matches the domain models." : renderChangeTree(changes),
    );
    return changes;
  }
}
