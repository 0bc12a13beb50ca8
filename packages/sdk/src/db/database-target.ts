// Which database a command talks to: a PostgreSQL server (postgres:// URL) or the embedded PGlite
// database persisted in a directory. Passwords never leave this module unmasked.
import { isAbsolute, resolve } from "node:path";
import { DatabaseError } from "./database-errors.ts";
import { readPostgresUrl } from "./postgres-url.ts";

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

/** Where the target came from, in the order it is looked up. */
export type DatabaseSource = "flag" | "env" | "config" | "default";

/** The embedded default, relative to the project root. */
export const DEFAULT_PGLITE_DIR = ".orchestrator/db";

/**
 * Reads a database setting: `postgres://…` / `postgresql://…` is a server, `pglite:<dir>` or a plain path
 * is an embedded database directory (relative paths resolve from `baseDir`).
 */
export function parseDatabaseTarget(value: string, baseDir: string): DatabaseTarget {
  const trimmed = value.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw DatabaseError.invalidUrl(maskPassword(trimmed));
    }
    // A URL without a database name, or with a query parameter that cannot be honoured, is refused
    // here: before anything is opened, with a message instead of the driver's.
    readPostgresUrl(trimmed);
    return { kind: "postgresql", url: trimmed };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) throw DatabaseError.unsupportedScheme(maskPassword(trimmed));
  const dir = trimmed.replace(/^pglite:/i, "");
  if (dir === "") throw DatabaseError.invalidUrl(trimmed);
  return { kind: "pglite", dataDir: isAbsolute(dir) ? dir : resolve(baseDir, dir) };
}

/** Parameters whose value is a secret, in a URL's query or a key=value connection string. */
const SECRET_PARAMETERS = ["password", "sslpassword"];

/**
 * Replaces every secret in `text` with `***`: the password in a URL's userinfo (up to its last `@`,
 * as a password may hold an unescaped one), and password= / sslpassword= in a URL's query or in a
 * libpq key=value string, quoted or not. sslkey names a file, not a secret, and is kept.
 */
export function maskPassword(text: string): string {
  const userinfo = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^\s/?#]*)@/gi, "$1***@");
  const names = SECRET_PARAMETERS.join("|");
  return userinfo.replace(
    new RegExp(`(\\b(?:${names})\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s#]*)`, "gi"),
    "$1***",
  );
}

/** A short, password-free description for messages: `postgresql://root:***@host:5432/db` or `pglite:/path`. */
export function describeTarget(target: DatabaseTarget): string {
  return target.kind === "postgresql" ? maskPassword(target.url) : `pglite:${target.dataDir}`;
}
