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

  static urlWithoutDatabase(url: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' names no database. Add the database's name after the host and port: postgresql://user:password@host:5432/NAME.`,
    );
  }

  static urlParameterUnsupported(url: string, name: string, hint: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' has the parameter ${name}=, which is not supported here: ${hint}. Remove it from the URL.`,
    );
  }

  static urlParameterInvalid(url: string, name: string, value: string, expected: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' has ${name}=${value}, but ${name} must be ${expected}.`,
    );
  }

  static urlParameterTwice(url: string, name: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' gives ${name} twice, with different values. Keep one.`,
    );
  }

  static urlParameterNeedsSsl(url: string, name: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' has ${name}= without an sslmode that uses TLS, so it would be ignored. Add sslmode=require (or verify-ca, verify-full), or remove ${name}.`,
    );
  }

  static rootCertificateMissing(url: string, mode: string, fallback: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_URL_INVALID",
      `The database URL '${url}' asks for sslmode=${mode}, which checks the server's certificate, but names no root certificate and ${fallback} does not exist. Add sslrootcert=PATH (the certificate of the authority that signed the server's), or sslrootcert=system to trust the system's authorities.`,
    );
  }

  static authenticationFailed(target: string, user: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_AUTH_FAILED",
      `Cannot log in to ${target}: password authentication failed for user "${user}". Check the password in the URL (postgresql://${user}:PASSWORD@…, or ?password=) or in PGPASSWORD.`,
    );
  }

  static passwordMissing(target: string, user: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_AUTH_FAILED",
      `Cannot log in to ${target}: the server asks for a password for user "${user}" and none was given. Put it in the URL (postgresql://${user}:PASSWORD@…, or ?password=), or set PGPASSWORD.`,
    );
  }

  static loginRefused(target: string, cause: unknown, needsTls = false): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint = needsTls
      ? "The server accepts this login over TLS only: add sslmode=require (or prefer) to the URL."
      : "Check the user name in the URL, and that the server's pg_hba.conf lets that user connect from this machine.";
    return new DatabaseError(
      "ORCH_DATABASE_AUTH_FAILED",
      `The server ${target} refused the login: ${reason}. ${hint}`,
      {
        cause,
      },
    );
  }

  static tlsUnsupported(target: string, mode: string): DatabaseError {
    return new DatabaseError(
      "ORCH_DATABASE_TLS_FAILED",
      `The server ${target} does not accept TLS (SSL) connections, and the URL's sslmode=${mode} requires one. Enable ssl on the server, or use sslmode=prefer (TLS when the server offers it) or sslmode=disable.`,
    );
  }

  static certificateRejected(target: string, mode: string, cause: unknown): DatabaseError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new DatabaseError(
      "ORCH_DATABASE_TLS_FAILED",
      `The certificate of the server ${target} is not trusted (sslmode=${mode}): ${reason}. Name the certificate of the authority that signed it with sslrootcert=PATH; with sslmode=verify-full the certificate must also name the host of the URL.`,
      { cause },
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
