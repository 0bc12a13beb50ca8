import { OrchestratorError } from "../errors.ts";

export class ProjectError extends OrchestratorError {
  static schemaMissing(label: string): ProjectError {
    return new ProjectError(
      "ORCH_SCHEMA_MISSING",
      `The database ${label} has no orchestrator schema yet. Run \`orchestrator db upgrade heads\` first.`,
    );
  }

  static migrationsPending(pending: string[]): ProjectError {
    return new ProjectError(
      "ORCH_MIGRATIONS_PENDING",
      `The database is not up to date: ${pending.length} migration${pending.length === 1 ? " is" : "s are"} pending (${pending.join(", ")}). Run \`orchestrator db upgrade heads\` first, so the new migration is generated against what the database will hold.`,
    );
  }
}
