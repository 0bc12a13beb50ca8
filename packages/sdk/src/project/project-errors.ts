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

  static migrationExists(file: string): ProjectError {
    return new ProjectError(
      "ORCH_MIGRATION_EXISTS",
      `${file} already exists. Wait a second and run the command again, or use another message.`,
    );
  }

  static notWritable(dir: string, cause: unknown): ProjectError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ProjectError(
      "ORCH_MIGRATIONS_DIR_NOT_WRITABLE",
      `Cannot write the migration into ${dir}: ${reason}. Check the folder's permissions (the config's migrations entry).`,
      { cause },
    );
  }
}
