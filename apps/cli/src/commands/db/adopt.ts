import { Flags } from "@oclif/core";
import { type AdoptionResult, adoptDatabase, checkAdoption, type DatabaseOrigin } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { confirmOnTerminal } from "../../ui/confirm.ts";
import { describeOrigin } from "../../ui/database-origin.ts";

type Result = { database: string; origin: DatabaseOrigin } & (AdoptionResult | { status: "cancelled" });

export default class DbAdopt extends BaseCommand<typeof DbAdopt> {
  static override summary =
    "Adopt a database that orchestrator-core manages, so this project can migrate it.";
  static override description = helpWithExitCodes(
    `Recognises orchestrator-core's database (alembic_version beside its tables) and checks that every table, column, type, nullability, unique key and foreign key this project reads or writes is there and compatible; extra tables, columns, indexes, triggers, views and extensions are fine. Each mismatch is listed by table and column, and nothing is changed (exit 10).

When it fits, the core migration is recorded as adopted (not run) in orchestrator_migrations with the alembic revisions found. alembic_version and orchestrator-core's tables are never changed; orchestrator_migrations is the only table it creates. Running it again changes nothing. Asks before writing on a terminal (--yes does not ask).`,
  );
  static override flags = {
    yes: Flags.boolean({ char: "y", description: "Do not ask before recording the adoption" }),
  };
  static override examples = ["<%= config.bin %> db adopt", "<%= config.bin %> db adopt --yes --json"];

  async run(): Promise<Result> {
    const project = await this.project();
    // Look first, then release the database before anyone is asked anything.
    const { check, label } = await this.withDatabase(project, async (db) => ({
      check: await checkAdoption(db),
      label: db.label,
    }));
    const found = describeOrigin(check.origin);
    if (found) this.say(`Found: ${found}.`);
    const fits =
      check.origin.kind === "orchestrator-core" && !check.origin.adoption && check.mismatches.length === 0;
    if (fits) {
      this.say(
        `Its schema fits what this project reads and writes. Adopting records ${check.coreMigrations.join(", ")} as adopted in orchestrator_migrations; nothing else is changed.`,
      );
      if (this.interactive && !this.flags.yes && !(await confirmOnTerminal("Adopt this database?"))) {
        this.say("Cancelled: nothing was written.");
        return { database: label, origin: check.origin, status: "cancelled" };
      }
    }
    // Refusals (empty, not orchestrator-core's, incompatible) are raised here, after a fresh look under the lock.
    return this.withDatabase(project, async (db) => {
      const result = await adoptDatabase(db, { lockTimeoutMs: this.lockTimeoutMs });
      this.say(renderResult(db.label, result));
      return { database: db.label, origin: check.origin, ...result };
    });
  }
}

function renderResult(label: string, result: AdoptionResult): string {
  switch (result.status) {
    case "adopted":
      return `Adopted ${label}: ${result.coreMigrations.join(", ")} recorded as adopted at alembic ${result.alembic.join(", ")}. Migrate it as any other: \`orchestrator db migrate-domain-models\`, \`orchestrator db upgrade heads\`.`;
    case "already-adopted":
      return `${label} is already adopted (${result.at}, alembic ${result.alembic.join(", ")}): nothing was written.`;
    case "project":
      return `${label} was built by this project's migrations: there is nothing to adopt.`;
  }
}
