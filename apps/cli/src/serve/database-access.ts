// How the server reaches the database between requests. PostgreSQL keeps one small pool open. The
// embedded database is opened for each burst of requests and closed as soon as none is running, so its
// directory lock is free between requests and `db upgrade heads` in another terminal can take it.
import { Database, type DatabaseTarget, describeTarget } from "@orchestrator/sdk";
import { ServeError } from "./serve-errors.ts";

export class DatabaseAccess {
  readonly target: DatabaseTarget;
  readonly #lockTimeoutMs: number;
  #open: Promise<Database> | undefined;
  #users = 0;
  /** A close in progress: the next open waits for it, as the directory lock is still held until then. */
  #closing: Promise<void> = Promise.resolve();

  constructor(target: DatabaseTarget, lockTimeoutMs: number) {
    this.target = target;
    this.#lockTimeoutMs = lockTimeoutMs;
  }

  /** The database for people to read (password masked). */
  get label(): string {
    return describeTarget(this.target);
  }

  /** Runs `work` with the database open; any failure comes back as a ServeError (HTTP 503). */
  async use<T>(work: (db: Database) => Promise<T>): Promise<T> {
    this.#users++;
    try {
      return await work(await this.#database());
    } catch (error) {
      // A pool whose server went away is not reused: the next request connects afresh.
      if (this.target.kind === "postgresql") void this.#close();
      throw ServeError.databaseUnavailable(this.target, error);
    } finally {
      this.#users--;
      if (this.target.kind === "pglite" && this.#users === 0) await this.#close();
    }
  }

  /** Closes what is open (on shutdown). */
  async close(): Promise<void> {
    await this.#close();
  }

  async #database(): Promise<Database> {
    await this.#closing;
    if (!this.#open) {
      // PGlite would create an empty database in a missing directory: a view must not do that.
      const opening = Database.open(this.target, {
        lockTimeoutMs: this.#lockTimeoutMs,
        createEmbedded: false,
      });
      this.#open = opening;
      opening.catch(() => {
        if (this.#open === opening) this.#open = undefined;
      });
    }
    return this.#open;
  }

  async #close(): Promise<void> {
    const open = this.#open;
    this.#open = undefined;
    if (!open) return this.#closing;
    this.#closing = open.then((db) => db.close()).catch(() => {});
    return this.#closing;
  }
}
