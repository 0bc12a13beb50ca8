import {
  compareWithDatabase,
  countChanges,
  MigrationRunner,
  migrationSources,
  recogniseDatabase,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { EXIT } from "../../exit-codes.ts";
import { checkMessage } from "../../ui/check-words.ts";
import { ADOPT_HINT, describeOrigin, isUnadopted } from "../../ui/database-origin.ts";

export default class DbCheck extends BaseCommand<typeof DbCheck> {
  static override summary = "Check, for CI, that the models, the migrations and the database agree.";
  static override description = helpWithExitCodes(
    "Exits 0 when every migration is applied and the domain models match the database; 9 on orchestrator-core's database before it is adopted (run `orchestrator db adopt`); 8 when migrations are pending (the models are not compared then: the database is not yet what the migrations make it); 7 when the models differ from the database (run `orchestrator db migrate-domain-models`); 5 when an applied migration file changed or is missing.",
  );
  static override examples = ["<%= config.bin %> db check", "<%= config.bin %> db check --json"];

  async run(): Promise<{ pending: string[]; changed: string[]; differences: number; notAdopted?: string }> {
    const project = await this.project();
    const result = await this.withModelAndDatabase(project, async (db, model) => {
      const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
      const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
      const changed = statuses.filter((s) => s.changed || s.missing).map((s) => s.name);
      const origin = await recogniseDatabase(db);
      if (isUnadopted(origin))
        return { pending, changed, differences: 0, notAdopted: describeOrigin(origin)! };
      if (pending.length > 0 || changed.length > 0) return { pending, changed, differences: 0 };
      const { changes } = await compareWithDatabase(db, model);
      return { pending, changed, differences: countChanges(changes) };
    });
    if (result.notAdopted) {
      this.say(`The database is an ${result.notAdopted}. ${ADOPT_HINT}`);
      process.exitCode = EXIT.notAdopted;
      return result;
    }
    this.say(checkMessage(result));
    if (result.changed.length > 0) process.exitCode = EXIT.migrationFailed;
    else if (result.pending.length > 0) process.exitCode = EXIT.migrationsPending;
    else if (result.differences > 0) process.exitCode = EXIT.modelsDiverge;
    return result;
  }
}
