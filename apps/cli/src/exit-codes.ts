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
  // 9 and 10 are taken by db adopt (another branch).
  databaseMissing: 11,
  databaseDamaged: 12,
} as const;

const BY_ERROR_CODE: Record<string, number> = {
  ORCH_MISSING_ANSWERS: EXIT.unanswered,
  ORCH_CORE_REVERT_UNCONFIRMED: EXIT.unanswered,
  ORCH_DOWNGRADE_CROSSES_CORE: EXIT.invalidInput,
  ORCH_DATABASE_UNREACHABLE: EXIT.databaseUnavailable,
  ORCH_DATABASE_LOCKED: EXIT.databaseUnavailable,
  ORCH_DATABASE_OPEN_FAILED: EXIT.databaseUnavailable,
  ORCH_DATABASE_MISSING: EXIT.databaseMissing,
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
  4  database unavailable: unreachable, or held by another process
  5  a migration failed, or an applied migration file was changed
  6  invalid project: config file or domain models
  7  db check: the domain models differ from the database
  8  migrations are pending: run db upgrade heads first (db check, db diff, db migrate-domain-models)
  11 the database does not exist: check the URL, or create it (db upgrade heads --create-database)
  12 the embedded database is damaged, or its path is not an embedded database: restore a backup or
     point --database-url elsewhere`;
