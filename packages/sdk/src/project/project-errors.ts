import { dirname } from "node:path";
import { OrchestratorError } from "../errors.ts";
import { describePending } from "./describe-pending.ts";

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
      `The database is not up to date: ${describePending(pending)}. Run \`orchestrator db upgrade heads\` first, so the new migration is generated against what the database will hold.`,
    );
  }

  static migrationExists(file: string): ProjectError {
    return new ProjectError(
      "ORCH_MIGRATION_EXISTS",
      `${file} already exists. Wait a second and run the command again, or use another message.`,
    );
  }

  static writeFailed(file: string, cause: unknown): ProjectError {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM" || code === "EROFS")
      return ProjectError.notWritable(dirname(file), cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint =
      code === "ENOSPC" || code === "EDQUOT"
        ? `the disk is full (${code}). Free some space and run the command again`
        : `${reason}. Run the command again once the cause is fixed`;
    return new ProjectError(
      "ORCH_MIGRATION_WRITE_FAILED",
      `Cannot write ${file}: ${hint}. Nothing was left behind: the file is written whole or not at all.`,
      { cause },
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
