// One open database, PostgreSQL or embedded PGlite, behind the same small surface: raw queries and
// transactions through MikroORM's connection, plus the EntityManager for entity reads. The embedded
// database is held under the directory lock for exactly as long as it is open.
import { mkdirSync } from "node:fs";
import type { Transaction } from "@mikro-orm/core";
import { DatabaseError, type LockHolder } from "./database-errors.ts";
import { type DatabaseTarget, describeTarget } from "./database-target.ts";
import { acquireDirectoryLock, lockHolder } from "./directory-lock.ts";
import {
  checkEmbeddedDirectory,
  embeddedDatabaseExists,
  embeddedFailure,
  isCorruption,
} from "./embedded-directory.ts";
import { ENTITIES } from "./entities/index.ts";
import { loginFailure, triesOtherTls } from "./postgres-connect-errors.ts";
import {
  abandonPostgres,
  connectPostgres,
  createPostgresDatabase,
  databaseNameOf,
  type PostgresOrm,
  serverOf,
} from "./postgres-connection.ts";
import { SQLSTATE, sqlState } from "./postgres-errors.ts";
import { readPostgresUrl } from "./postgres-url.ts";

const EMBEDDED_SHARED_BUFFERS = "16MB";

/** PGlite's MikroORM has the same surface as PostgreSQL's, so both are held as the latter. */
type AnyOrm = PostgresOrm;

export interface OpenDatabaseOptions {
  /** How long to wait for another process holding the embedded database (ms); Infinity: while it lives. */
  lockTimeoutMs?: number;
  /** Called once when another process holds the embedded database and waiting begins. */
  onLockWait?: (holder: LockHolder) => void;
  /**
   * Create the PostgreSQL database named in the URL when it does not exist. Off by default: a typo in a
   * URL must fail, not build a schema somewhere new.
   */
  createDatabase?: boolean;
  /**
   * Create the embedded database when its directory is missing or empty. On by default (an SDK caller
   * opening a new project's database gets one); commands that only read turn it off, so that a typo in
   * a path is reported instead of becoming an empty database there.
   */
  createEmbedded?: boolean;
}

/** Runs SQL inside a transaction opened by Database.transaction(). */
export interface TransactionScope {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export class Database {
  readonly target: DatabaseTarget;
  readonly orm: AnyOrm;
  readonly #release: () => void;
  /** Queries not settled yet: closing waits for them, as the pool would otherwise never drain. */
  readonly #inFlight = new Set<Promise<unknown>>();

  private constructor(target: DatabaseTarget, orm: AnyOrm, release: () => void) {
    this.target = target;
    this.orm = orm;
    this.#release = release;
  }

  static async open(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
    if (target.kind === "postgresql") return Database.#openPostgres(target, options);
    return Database.#openPglite(target, options);
  }

  /**
   * Opening `target` would write something before a single query: a new embedded database in a directory
   * that holds none yet. (A PostgreSQL database is only created when asked, with `createDatabase`.)
   */
  static createsOnOpen(target: DatabaseTarget): boolean {
    return target.kind === "pglite" && !embeddedDatabaseExists(target.dataDir);
  }

  static async #openPostgres(
    target: Extract<DatabaseTarget, { kind: "postgresql" }>,
    options: OpenDatabaseOptions,
  ): Promise<Database> {
    const url = readPostgresUrl(target.url);
    // sslmode allow and prefer plan two attempts (plain and TLS, in their order); the others one.
    for (const [index, tls] of url.attempts.entries()) {
      let orm: AnyOrm | undefined;
      try {
        orm = await connectPostgres(target.url, tls);
        const db = new Database(target, orm, () => {});
        await db.query("SELECT 1");
        return db;
      } catch (error) {
        if (orm) await abandonPostgres(orm);
        if (index < url.attempts.length - 1 && triesOtherTls(error)) continue;
        if (sqlState(error) !== SQLSTATE.invalidCatalogName) {
          throw (
            loginFailure(serverOf(target.url), url, error) ??
            DatabaseError.unreachable(describeTarget(target), rootCause(error))
          );
        }
        if (!options.createDatabase)
          throw DatabaseError.missing(serverOf(target.url), databaseNameOf(target.url));
        await createPostgresDatabase(target.url, tls);
        return Database.#openPostgres(target, { ...options, createDatabase: false });
      }
    }
    throw new Error("unreachable: a PostgreSQL URL always plans at least one connection attempt");
  }

  static async #openPglite(
    target: Extract<DatabaseTarget, { kind: "pglite" }>,
    options: OpenDatabaseOptions,
  ): Promise<Database> {
    checkEmbeddedDirectory(target.dataDir);
    const mustExist = options.createEmbedded === false;
    // Refused before the lock, whose file would create the parent folder of a mistyped path, unless a
    // live process holds the lock: that one may be creating the database (db upgrade heads) right now.
    if (mustExist && !embeddedDatabaseExists(target.dataDir) && !lockHolder(target.dataDir))
      throw DatabaseError.embeddedMissing(target.dataDir);
    const release = await acquireDirectoryLock(target.dataDir, {
      ...(options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs }),
      ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
    });
    try {
      if (mustExist && !embeddedDatabaseExists(target.dataDir))
        throw DatabaseError.embeddedMissing(target.dataDir);
      mkdirSync(target.dataDir, { recursive: true });
      const [{ MikroORM }, { PGlite }] = await Promise.all([
        import("@mikro-orm/pglite"),
        import("@electric-sql/pglite"),
      ]);
      // The constructor, not MikroORM.init, as in connectPostgres.
      const orm = new MikroORM({
        entities: ENTITIES,
        dbName: "orchestrator",
        driverOptions: {
          dataDir: target.dataDir,
          // initdb writes shared_buffers = 128MB, and the WebAssembly build zeroes all of it at every
          // start: most of an open's time, and 130 MB of resident memory. The metadata tables fit in a
          // fraction of 16 MB, and large scans use a small ring of buffers whatever the setting.
          startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
        },
        debug: false,
      });
      const db = new Database(target, orm as unknown as AnyOrm, release);
      try {
        await db.query("SELECT 1");
      } catch (error) {
        await orm.close(true).catch(() => {});
        throw embeddedFailure(target.dataDir, error);
      }
      return db;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A password-free label for messages. */
  get label(): string {
    return describeTarget(this.target);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const running = this.orm.em.getConnection().execute(sql, params, "all");
    this.#inFlight.add(running);
    try {
      return (await running) as T[];
    } catch (error) {
      throw this.explain(error);
    } finally {
      this.#inFlight.delete(running);
    }
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (scope: TransactionScope, tx: Transaction) => Promise<T>): Promise<T> {
    const connection = this.orm.em.getConnection();
    try {
      return await connection.transactional(async (tx) => {
        const scope: TransactionScope = {
          query: async <R>(sql: string, params: unknown[] = []) =>
            (await connection.execute(sql, params, "all", tx)) as R[],
        };
        return work(scope, tx);
      });
    } catch (error) {
      throw this.explain(error);
    }
  }

  /**
   * A damaged embedded database is reported as such, whichever query first reads the damage (also
   * through the EntityManager: callers that use it pass their errors through here).
   */
  explain(error: unknown): unknown {
    if (this.target.kind !== "pglite" || !isCorruption(error)) return error;
    return embeddedFailure(this.target.dataDir, error);
  }

  async close(): Promise<void> {
    // Queries started together (Promise.all) may still wait for a pooled connection when one of them
    // fails; closing the pool under them hangs on PostgreSQL, so let them settle first.
    await Promise.allSettled([...this.#inFlight]);
    try {
      await this.orm.close(true);
    } finally {
      this.#release();
    }
  }
}

/** Opens the database, runs `work`, and always closes it (releasing the embedded database's lock). */
export async function withDatabase<T>(
  target: DatabaseTarget,
  options: OpenDatabaseOptions,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await Database.open(target, options);
  try {
    return await work(db);
  } catch (error) {
    throw db.explain(error);
  } finally {
    await db.close();
  }
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error && current.message === "")
    current = current.cause;
  return current;
}
