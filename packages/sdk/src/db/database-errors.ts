import { OrchestratorError } from "../errors.ts";

export class DatabaseError extends OrchestratorError {
  static invalidUrl(url: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' is not valid. Use postgresql://user:password@host:5432/name, or a directory for the embedded database (pglite:./path).`,
    );
  }

  static unsupportedScheme(url: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_UNSUPPORTED",
      `The database URL '${url}' is not a PostgreSQL URL. Only postgresql:// (or postgres://) servers and embedded PGlite directories (pglite:./path) are supported.`,
    );
  }

  static unreachable(target: string, cause: unknown): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DatabaseError(
      "ORCH_DATABASE_UNREACHABLE",
      `Cannot connect to the database ${target}: ${reason}. Check that the server is running and the URL (--database-url, DATABASE_URL or the config's database entry) is right.`,
      { cause },
    );
  }

  static missing(target: string, name: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_MISSING",
      `The database "${name}" does not exist on ${target}. Nothing was created. Check the name in the URL (--database-url, DATABASE_URL or the config's database entry); to create it, run \`orchestrator db upgrade heads --create-database\`.`,
    );
  }

  static embeddedMissing(dataDir: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_MISSING",
      `The embedded database ${dataDir} does not exist yet. Nothing was created. Run \`orchestrator db upgrade heads\` to create it with the orchestrator's schema, or point --database-url (DATABASE_URL or the config's database entry) at an existing database.`,
    );
  }

  static createFailed(target: string, name: string, cause: unknown): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DatabaseError(
      "ORCH_DATABASE_UNREACHABLE",
      `Cannot create the database "${name}" on ${target}: ${reason}. Create it yourself (CREATE DATABASE) with a role that may, then run the command again.`,
      { cause },
    );
  }

  static notADirectory(path: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_NOT_EMBEDDED",
      `The embedded database path ${path} is a file, not a directory. Nothing was written to it. Point --database-url (or the config's database entry) at a directory: a new one is created as an embedded database.`,
    );
  }

  static foreignDirectory(path: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_NOT_EMBEDDED",
      `The directory ${path} is not empty and is not an embedded (PGlite) database: it has no PG_VERSION file. Nothing was written to it. Point --database-url (or the config's database entry) at an embedded database, or at a new or empty directory to create one there.`,
    );
  }

  static corrupt(dataDir: string, cause: unknown): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DatabaseError(
      "ORCH_DATABASE_CORRUPT",
      `The embedded database in ${dataDir} is damaged: ${reason}. Restore the directory from a backup, or point --database-url (or the config's database entry) at another directory. Nothing was changed.`,
      { cause },
    );
  }

  static locked(dataDir: string, holder: LockHolder, waitedMs: number): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_LOCKED",
      `The embedded database ${dataDir} is in use by process ${holder.pid} (${holder.command}), which opened it at ${holder.since}. Waited ${Math.round(waitedMs / 1000)} s. Stop that process or wait for it to finish, then try again (--lock-timeout sets the wait).`,
    );
  }

  static embeddedOpenFailed(dataDir: string, cause: unknown): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DatabaseError(
      "ORCH_DATABASE_OPEN_FAILED",
      `Cannot open the embedded database in ${dataDir}: ${reason}. If the directory is not a PGlite database, point the config's database entry elsewhere.`,
      { cause },
    );
  }
}

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
}
