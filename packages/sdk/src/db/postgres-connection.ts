// Connecting to a PostgreSQL server. Every session names its command (application_name, shown in
// pg_stat_activity and in lock messages) and asks the server to check that the client is still there
// while a statement runs: without that, a client killed during a long migration leaves its statement
// running, and the migration lock held, until the statement ends on its own (seen: 8-19 s).

import { DatabaseError } from "./database-errors.ts";
import { maskPassword } from "./database-target.ts";
import { ENTITIES } from "./entities/index.ts";
import { SQLSTATE, sqlState } from "./postgres-errors.ts";
import { applicationName } from "./process-label.ts";

export type PostgresOrm = Awaited<ReturnType<typeof import("@mikro-orm/postgresql").MikroORM.init>>;

/** How often (ms) the server checks that the client of a running statement is still connected. */
export const CLIENT_CHECK_INTERVAL_MS = 500;

export async function connectPostgres(url: string): Promise<PostgresOrm> {
  const { MikroORM } = await import("@mikro-orm/postgresql");
  return MikroORM.init({
    entities: ENTITIES,
    clientUrl: url,
    pool: { min: 0, max: 4 },
    debug: false,
    // MikroORM creates a missing database on connect by default; a typo in a URL must fail instead.
    ensureDatabase: false,
    driverOptions: {
      application_name: applicationName(),
      options: `-c client_connection_check_interval=${CLIENT_CHECK_INTERVAL_MS}`,
    },
  }) as Promise<PostgresOrm>;
}

/** Creates the database named in `url`, connected to the server's maintenance database. */
export async function createPostgresDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const orm = await connectPostgres(admin.toString());
  try {
    await orm.em.getConnection().execute(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Another process created it meanwhile: that is what was asked for.
    if (sqlState(error) !== SQLSTATE.duplicateDatabase)
      throw DatabaseError.createFailed(serverOf(url), name, error);
  } finally {
    await orm.close(true).catch(() => {});
  }
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** `postgresql://user:***@host:port`: where the database was looked for, without its name. */
export function serverOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = "";
  parsed.search = "";
  return maskPassword(parsed.toString()).replace(/\/$/, "");
}
