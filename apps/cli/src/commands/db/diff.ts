import { Flags } from "@oclif/core";
import { type ChangeSet, compareWithDatabase, isEmptyChangeSet } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { EXIT } from "../../exit-codes.ts";
import { renderChangeTree } from "../../ui/change-tree.ts";

export default class DbDiff extends BaseCommand<typeof DbDiff> {
  static override summary = "Show how the database's product metadata differs from the domain models.";
  static override description = helpWithExitCodes(
    "Compares the registry (the config's `registry` module) with the database: products, fixed inputs, product blocks, resource types and the links between them. Changes nothing. --json prints the change set. Exits 0 whatever it finds; with --exit-code, 7 when there are differences (as `git diff --exit-code`).",
  );
  static override flags = {
    "exit-code": Flags.boolean({
      description: "Exit 7 when the models and the database differ (default: 0 whatever is found)",
    }),
  };
  static override examples = [
    "<%= config.bin %> db diff",
    "<%= config.bin %> db diff --json",
    "<%= config.bin %> db diff --exit-code",
  ];

  async run(): Promise<ChangeSet> {
    const project = await this.project();
    const { changes } = await this.withModelAndDatabase(project, (db, model) =>
      compareWithDatabase(db, model),
    );
    const same = isEmptyChangeSet(changes);
    this.say(same ? "The database matches the domain models." : renderChangeTree(changes));
    // Scripts opt in to a failing status, as with git: a difference found is not an error of the command.
    if (!same && this.flags["exit-code"]) process.exitCode = EXIT.modelsDiverge;
    return changes;
  }
}
