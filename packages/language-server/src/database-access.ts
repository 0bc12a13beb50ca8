// How the server touches the database. The embedded database (PGlite) has one writer at a time across
// processes, guarded by a directory lock: the server opens it, reads, and closes it at once, so the CLI
// and the extension's own commands are never kept waiting. A PostgreSQL server has no such lock, so one
// connection is kept and reused (re-opened after an error). Uses are serialised: one at a time.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Database, DatabaseTarget } from "@orchestrator/sdk";
import type { SdkModule } from "./sdk.ts";

export interface DatabaseAccessOptions {
  /** How long to wait for another process holding the embedded database. */
  lockTimeoutMs: number;
}

export class DatabaseAccess {
  readonly #sdk: SdkModule;
  readonly #target: DatabaseTarget;
  readonly #options: DatabaseAccessOptions;
  #kept: Database | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** The embedded database's files as this server left them after its last read. */
  #filesAfterLastUse: string | undefined;

  constructor(sdk: SdkModule, target: DatabaseTarget, options: DatabaseAccessOptions) {
    this.#sdk = sdk;
    this.#target = target;
    this.#options = options;
  }

  get label(): string {
    return this.#sdk.describeTarget(this.#target);
  }

  get embedded(): boolean {
    return this.#target.kind === "pglite";
  }

  /** Runs `work` with the database open; the embedded one is closed (and its lock released) right after. */
  use<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => this.#use(work));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * For the embedded database: whether its files changed since this server last closed it. Nothing else
   * can change the data without writing them, so an unchanged directory needs no open (and no lock).
   * Always true for PostgreSQL, where only a query can tell.
   */
  mayHaveChanged(): boolean {
    if (this.#target.kind !== "pglite") return true;
    return (
      this.#filesAfterLastUse === undefined ||
      this.#filesAfterLastUse !== filesSignature(this.#target.dataDir)
    );
  }

  async close(): Promise<void> {
    const kept = this.#kept;
    this.#kept = undefined;
    await kept?.close().catch(() => undefined);
  }

  async #use<T>(work: (db: Database) => Promise<T>): Promise<T> {
    if (this.#target.kind === "pglite") {
      const db = await this.#sdk.Database.open(this.#target, { lockTimeoutMs: this.#options.lockTimeoutMs });
      try {
        return await work(db);
      } finally {
        await db.close();
        this.#filesAfterLastUse = filesSignature(this.#target.dataDir);
      }
    }
    this.#kept ??= await this.#sdk.Database.open(this.#target);
    try {
      return await work(this.#kept);
    } catch (error) {
      // The connection may be the problem (server restarted): start afresh next time.
      await this.close();
      throw error;
    }
  }
}

/** Number, total size and newest modification of the files under `dir`: a few hundred stat calls. */
function filesSignature(dir: string): string {
  let count = 0;
  let size = 0;
  let newest = 0;
  const walk = (path: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      try {
        const stat = statSync(full);
        count++;
        size += stat.size;
        newest = Math.max(newest, stat.mtimeMs);
      } catch {
        // Removed while walking: the next signature differs anyway.
      }
    }
  };
  walk(dir);
  return `${count}:${size}:${newest}`;
}
