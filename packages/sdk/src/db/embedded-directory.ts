// What may be opened as an embedded database: a missing or empty directory (a new database is created
// there) or a PGlite data directory. Anything else is refused before a byte is written, since PGlite
// would otherwise initialise a database among someone's files. And what its failures mean.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseError } from "./database-errors.ts";
import { SQLSTATE, sqlState } from "./postgres-errors.ts";

/** Every PostgreSQL data directory, PGlite's included, starts with this file. */
const DATA_DIRECTORY_MARKER = "PG_VERSION";

export function checkEmbeddedDirectory(dataDir: string): void {
  const stat = statSync(dataDir, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (!stat.isDirectory()) throw DatabaseError.notADirectory(dataDir);
  const entries = readdirSync(dataDir);
  if (entries.length > 0 && !entries.includes(DATA_DIRECTORY_MARKER))
    throw DatabaseError.foreignDirectory(dataDir);
}

/** The directory already holds a database: opening it creates nothing. */
export function holdsEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, DATA_DIRECTORY_MARKER));
}

/**
 * A damaged data directory shows as PostgreSQL's corruption errors, or as the WebAssembly module
 * aborting while it reads the files.
 */
export function isCorruption(error: unknown): boolean {
  const state = sqlState(error);
  if (state === SQLSTATE.dataCorrupted || state === SQLSTATE.indexCorrupted) return true;
  for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error && current.name === "RuntimeError") return true; // WebAssembly trap
    if (
      current instanceof Error &&
      /invalid page in block|could not read block|Aborted\(\)|unreachable|checkpoint record|invalid (primary|secondary) checkpoint|could not locate a valid checkpoint/i.test(
        current.message,
      )
    )
      return true;
  }
  return false;
}

/** The error to report when opening or reading the embedded database in `dataDir` failed. */
export function embeddedFailure(dataDir: string, error: unknown): Error {
  if (error instanceof DatabaseError) return error;
  return isCorruption(error)
    ? DatabaseError.corrupt(dataDir, innermost(error))
    : DatabaseError.embeddedOpenFailed(dataDir, innermost(error));
}

function innermost(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current;
}
