// Recognising PostgreSQL's errors by SQLSTATE, through the wrappers (MikroORM, Kysely) around them.

export const SQLSTATE = {
  undefinedTable: "42P01",
  invalidCatalogName: "3D000", // the database named in the URL does not exist
  duplicateDatabase: "42P04",
  lockNotAvailable: "55P03",
  invalidAuthorization: "28000", // no pg_hba.conf entry, or the role does not exist
  invalidPassword: "28P01",
  dataCorrupted: "XX001",
  indexCorrupted: "XX002",
} as const;

/** The SQLSTATE of `error` or of any error it was caused by. */
export function sqlState(error: unknown): string | undefined {
  for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A table of the orchestrator's schema is missing: the schema was never created. */
export function isMissingTable(error: unknown): boolean {
  if (sqlState(error) === SQLSTATE.undefinedTable) return true;
  for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error && /relation "[a-z_]+" does not exist/.test(current.message)) return true;
  }
  return false;
}
