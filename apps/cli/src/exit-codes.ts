// The one place that maps SDK error codes to process exit codes. Listed in every command's --help.

export const EXIT = {
  ok: 0,
  unexpected: 1,
  invalidInput: 2,
  unanswered: 3,
  databaseUnavailable: 4,
  migrationFailed: 5,
  invalidProject: 6,
  modelsDiverge: 7,
  migrationsPending: 8,
  notAdopted: 9,
  cannotAdopt: 10,
  databaseMissing: 11,
  databaseDamaged: 12,
  cannotListen: 13,
  authenticationFailed: 14,
  /** As a shell reports a command stopped by Ctrl-C (128 + SIGINT), also for "no" at the confirmation. */
  cancelled: 130,
} as const;

const BY_ERROR_CODE: Record<string, number> = {
  ORCH_MISSING_ANSWERS: EXIT.unanswered,
  ORCH_CORE_REVERT_UNCONFIRMED: EXIT.unanswered,
  ORCH_CONFIRMATION_REQUIRED: EXIT.unanswered,
  ORCH_DOWNGRADE_CROSSES_CORE: EXIT.invalidInput,
  ORCH_DOWNGRADE_PAST_ADOPTION: EXIT.invalidInput,
  ORCH_DATABASE_NOT_ADOPTED: EXIT.notAdopted,
  ORCH_CANNOT_ADOPT: EXIT.cannotAdopt,
  ORCH_DATABASE_UNREACHABLE: EXIT.databaseUnavailable,
  ORCH_DATABASE_LOCKED: EXIT.databaseUnavailable,
  ORCH_DATABASE_OPEN_FAILED: EXIT.databaseUnavailable,
  ORCH_DATABASE_MISSING: EXIT.databaseMissing,
  ORCH_DATABASE_AUTH_FAILED: EXIT.authenticationFailed,
  ORCH_DATABASE_TLS_FAILED: EXIT.databaseUnavailable,
  ORCH_DATABASE_CORRUPT: EXIT.databaseDamaged,
  ORCH_DATABASE_NOT_EMBEDDED: EXIT.databaseDamaged,
  ORCH_MIGRATION_LOCKED: EXIT.databaseUnavailable,
  ORCH_MIGRATION_FAILED: EXIT.migrationFailed,
  ORCH_MIGRATION_CHANGED: EXIT.migrationFailed,
  ORCH_MIGRATION_MISSING: EXIT.migrationFailed,
  ORCH_MIGRATION_INVALID_FILE: EXIT.migrationFailed,
  ORCH_MIGRATION_UNKNOWN_BASE: EXIT.migrationFailed,
  ORCH_MIGRATIONS_DIR_INVALID: EXIT.invalidProject,
  ORCH_SCHEMA_MISSING: EXIT.migrationsPending,
  ORCH_MIGRATIONS_PENDING: EXIT.migrationsPending,
  ORCH_CONFIG_NOT_FOUND: EXIT.invalidProject,
  ORCH_CONFIG_INVALID: EXIT.invalidProject,
  ORCH_SERVE_PORT_IN_USE: EXIT.cannotListen,
  ORCH_SERVE_CANNOT_LISTEN: EXIT.cannotListen,
  ORCH_SERVE_DATABASE_UNAVAILABLE: EXIT.databaseUnavailable,
  ORCH_CANCELLED: EXIT.cancelled,
  // models pull: files in the way, nothing to pull, names the model cannot hold.
  ORCH_PULL_WOULD_OVERWRITE: EXIT.invalidInput,
  ORCH_PULL_OUT_NOT_A_FOLDER: EXIT.invalidInput,
  ORCH_PULL_NO_PRODUCTS: EXIT.invalidInput,
  ORCH_PULL_INVALID_FIELD_NAME: EXIT.invalidInput,
};

/** Errors of the SDK's model and config classes are project errors, whatever their code. */
const PROJECT_ERROR_CLASSES = new Set(["ModelError", "RegistryLoadError", "ConfigError"]);

/** The exit code for an SDK error: by its code, then by its class; anything else is bad input. */
export function exitCodeFor(error: { code: string; name: string }): number {
  if (error.code in BY_ERROR_CODE) return BY_ERROR_CODE[error.code]!;
  if (PROJECT_ERROR_CLASSES.has(error.name)) return EXIT.invalidProject;
  return EXIT.invalidInput;
}

export const EXIT_CODES_HELP = `EXIT CODES
  0  success
  1  unexpected error (a bug: please report it)
  2  invalid input: flags, JSON, names or answers
  3  questions or confirmations left unanswered and no terminal to ask them (see --inputs, --yes)
  4  database unavailable: unreachable, held by another process, or TLS (sslmode) not possible
  5  a migration failed, or an applied migration file was changed
  6  invalid project: config file or domain models
  7  db check, db diff --exit-code: the domain models differ from the database
  8  migrations are pending: run db upgrade heads first (db check, db diff, db migrate-domain-models)
  9  an orchestrator-core database that is not adopted yet: run db adopt first
  10  db adopt: the database cannot be adopted (its schema does not fit, or it is not orchestrator-core's)
  11  the database does not exist: check the URL, or create it (db upgrade heads --create-database)
  12  the embedded database is damaged, or its path is not an embedded database: restore a backup or
      point --database-url elsewhere
  13  serve: cannot listen on the address (port already in use, or not an address of this machine)
  14  the database server refused the login: wrong or missing password, or a user it does not accept
  130  cancelled at a prompt (Ctrl-C, or "no" at the final confirmation): nothing was written`;
