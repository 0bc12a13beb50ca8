// Connecting to a PostgreSQL server. Every session names its command (application_name, shown in
// pg_stat_activity and in lock messages) and asks the server to check that the client is still there
// while a statement runs: without that, a client killed during a long migration leaves its statement
// running, and the migration lock held, until the statement ends on its own (seen: 8-19 s).

import { Socket } from "node:net";
import { DatabaseError } from "./database-errors.ts";
import { maskPassword } from "./database-target.ts";
import { ENTITIES } from "./entities/index.ts";
import { SQLSTATE, sqlState } from "./postgres-errors.ts";
import { readPostgresUrl, type TlsAttempt } from "./postgres-url.ts";
import { applicationName } from "./process-label.ts";

export type PostgresOrm = InstanceType<typeof import("@mikro-orm/postgresql").MikroORM>;

/** How often (ms) the server checks that the client of a running statement is still connected. */
export const CLIENT_CHECK_INTERVAL_MS = 500;

/**
 * Connects to `url` with one of the TLS attempts readPostgresUrl planned for it (default: the first).
 * The URL's query is passed to the driver here, as MikroORM reads only the rest of the URL.
 */
export async function connectPostgres(
  url: string,
  tls: TlsAttempt = readPostgresUrl(url).attempts[0],
): Promise<PostgresOrm> {
  const read = readPostgresUrl(url);
  const withoutQuery = new URL(url);
  withoutQuery.search = "";
  const { MikroORM } = await import("@mikro-orm/postgresql");
  const sockets = new Set<Socket>();
  // The constructor, not MikroORM.init: init also imports MikroORM's optional extensions (migrator,
  // seeder, entity generator) by package name, which the SDK does not use. That cost about a second of
  // every command's start on a busy machine, and from the bundled SDK it loaded a second copy of MikroORM.
  const orm = new MikroORM({
    entities: ENTITIES,
    clientUrl: withoutQuery.toString(),
    pool: { min: 0, max: 4 },
    debug: false,
    // MikroORM creates a missing database on connect by default; a typo in a URL must fail instead.
    ensureDatabase: false,
    driverOptions: {
      // A name the user gave wins: it is what they will look for in pg_stat_activity.
      application_name: read.applicationName ?? applicationName(),
      options: [`-c client_connection_check_interval=${CLIENT_CHECK_INTERVAL_MS}`, read.options]
        .filter(Boolean)
        .join(" "),
      ...(read.user === undefined ? {} : { user: read.user }),
      ...(read.password === undefined ? {} : { password: read.password }),
      ...(tls === undefined ? {} : { ssl: tls }),
      ...(read.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: read.connectTimeoutMs }),
      // Each connection's socket, kept so that abandonPostgres can close the ones the pool never took.
      stream: () => {
        const socket = new Socket();
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
        return socket;
      },
    },
  }) as PostgresOrm;
  SOCKETS.set(orm, sockets);
  return orm;
}

const SOCKETS = new WeakMap<PostgresOrm, Set<Socket>>();

/**
 * Closes an ORM whose connection failed. A connection that failed while logging in (no password for
 * SCRAM) is left open by the pool, and would keep the process alive until the server gives up on it
 * (authentication_timeout, a minute by default): its socket is closed here.
 */
export async function abandonPostgres(orm: PostgresOrm): Promise<void> {
  await orm.close(true).catch(() => {});
  for (const socket of SOCKETS.get(orm) ?? []) socket.destroy();
}

/** Creates the database named in `url`, connected to the server's maintenance database. */
export async function createPostgresDatabase(url: string, tls?: TlsAttempt): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  // Over the TLS attempt that reached the server a moment ago (sslmode allow and prefer have two).
  const orm = await connectPostgres(admin.toString(), tls ?? readPostgresUrl(url).attempts[0]);
  try {
    await orm.em.getConnection().execute(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Another process created it meanwhile: that is what was asked for.
    if (sqlState(error) !== SQLSTATE.duplicateDatabase)
      throw DatabaseError.createFailed(serverOf(url), name, error);
  } finally {
    await abandonPostgres(orm);
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
