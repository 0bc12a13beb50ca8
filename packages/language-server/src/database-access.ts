// How the server touches the database: by tasks (the SDK's DatabaseTask: read the state, list the
// products, upgrade). The embedded database (PGlite) has one writer at a time across processes, guarded
// by a directory lock: each task opens it, runs and closes it, in a child process that exits with the
// task (runInDatabaseProcess), so the CLI and the extension's commands are never kept waiting and the
// few hundred megabytes an open PGlite takes are given back. A PostgreSQL server has no such lock, so
// one connection is kept and reused (re-opened after an error). Tasks run one at a time.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type {
  Database,
  DatabaseProcess,
  DatabaseTarget,
  DatabaseTask,
  DatabaseTaskResult,
} from "@orchestrator/sdk";
import type { SdkModule } from "./sdk.ts";

/** How long an upgrade waits for another live process holding the embedded database. */
const UPGRADE_LOCK_TIMEOUT_MS = 10 * 60_000;

export interface DatabaseAccessOptions {
  /** How long to wait for another process holding the embedded database. */
  lockTimeoutMs: number;
}

export class DatabaseAccess {
  readonly #sdk: SdkModule;
  readonly #target: DatabaseTarget;
  readonly #options: DatabaseAccessOptions;
  #kept: Database | undefined;
  /** The embedded database's process started by prepare(), waiting for the first task. */
  #prepared: { process: DatabaseProcess; migrationsDir: string } | undefined;
  /** A prepared process that got no task, until it has exited (and so let the database's files be). */
  #releasing: Promise<void> = Promise.resolve();
  #queue: Promise<unknown> = Promise.resolve();
  /** The embedded database's files as this server left them after its last task. */
  #filesAfterLastUse: string | undefined;
  /**
   * The migrations, read again only when a file came or went: reading them means hashing each file
   * (megabytes for a large model's first migration), and a PostgreSQL fingerprint is read on every save.
   */
  #sources: { files: string; sources: ReturnType<SdkModule["migrationSources"]> } | undefined;

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

  /**
   * `waitForHolder`: a task someone asked for (an upgrade, the rows a migration being generated restores)
   * waits for another process holding the embedded database for as long as that process lives, not the
   * reads' timeout: on a busy machine another editor's short read can outlast it.
   */
  run<T extends DatabaseTask>(
    task: T,
    options: { waitForHolder?: boolean } = {},
  ): Promise<DatabaseTaskResult<T>> {
    const run = this.#queue.then(() => this.#run(task, options.waitForHolder === true));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts opening the database before the first task is known, while the models load: PostgreSQL's
   * kept connection, or the embedded database's process (Node, the SDK, the database), which then holds
   * the database until the first task or release(). A failure here shows at that task, which opens anew.
   * `migrationsDir`: that of the "state" task expected first, which the embedded database's process
   * reads ahead while the models load (it holds the database, so nothing changes meanwhile).
   */
  prepare(migrationsDir: string): void {
    if (this.#target.kind === "pglite") {
      // A project's SDK from before startDatabaseProcess opens at the first task, as it always did.
      const process = this.#sdk.startDatabaseProcess?.(this.#target, {
        lockTimeoutMs: this.#options.lockTimeoutMs,
        readAheadFor: migrationsDir,
      });
      if (process) this.#prepared ??= { process, migrationsDir };
      return;
    }
    const target = this.#target;
    const opening = this.#queue.then(async () => {
      this.#kept ??= await this.#sdk.Database.open(target);
    });
    this.#queue = opening.catch(() => undefined);
  }

  /** No task after all (the models did not load): the prepared process lets the database go. */
  release(): void {
    const prepared = this.#prepared;
    this.#prepared = undefined;
    if (prepared) this.#releasing = prepared.process.cancel();
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
    this.release();
    const kept = this.#kept;
    this.#kept = undefined;
    await kept?.close().catch(() => undefined);
  }

  async #run<T extends DatabaseTask>(task: T, waitForHolder: boolean): Promise<DatabaseTaskResult<T>> {
    if (this.#target.kind === "pglite") {
      try {
        // A read gives up after the short timeout (the next poll reads again); an upgrade, which the user
        // asked for, waits up to 10 minutes while the holder lives (a dead holder's lock is taken over at
        // once): on a busy machine another server's read alone can take longer than the short timeout.
        // The files are signed after the last process let them be.
        await this.#releasing;
        const prepared = this.#prepared;
        // The prepared process waited for the lock with a read's timeout: an upgrade starts its own.
        if (prepared && !waitForHolder) {
          const compared = await this.#compareReadAhead(prepared, task);
          if (compared) {
            this.release();
            await this.#releasing;
            return compared;
          }
          this.#prepared = undefined;
          return await prepared.process.run(task);
        }
        this.release();
        await this.#releasing;
        return await this.#sdk.runInDatabaseProcess(this.#target, task, {
          lockTimeoutMs: waitForHolder ? UPGRADE_LOCK_TIMEOUT_MS : this.#options.lockTimeoutMs,
        });
      } finally {
        // After a read, the files are as the read left them; after a write (an upgrade), the data is not
        // what the last read saw, so the next check must read again.
        this.#filesAfterLastUse = task.kind === "upgrade" ? undefined : filesSignature(this.#target.dataDir);
      }
    }
    this.#kept ??= await this.#sdk.Database.open(this.#target);
    try {
      return await this.#sdk.runDatabaseTask(
        this.#kept,
        task,
        "migrationsDir" in task ? this.#migrationSources(task.migrationsDir) : undefined,
      );
    } catch (error) {
      // The connection may be the problem (server restarted): start afresh next time.
      await this.close();
      throw error;
    }
  }

  /**
   * The "state" task's answer from what the prepared process read ahead, when the models need nothing
   * more from the database: they then need not be sent to it. Undefined otherwise (it runs the task).
   */
  async #compareReadAhead<T extends DatabaseTask>(
    prepared: { process: DatabaseProcess; migrationsDir: string },
    task: T,
  ): Promise<DatabaseTaskResult<T> | undefined> {
    if (task.kind !== "state" || task.migrationsDir !== prepared.migrationsDir) return undefined;
    // A project's SDK from before the read-ahead reads nothing ahead.
    const ahead = await prepared.process.readAhead;
    if (!ahead) return undefined;
    const { state, metadata } = ahead;
    if (!task.model || state.noSchema || state.fingerprint === task.compareUnlessFingerprint)
      return state as DatabaseTaskResult<T>;
    const comparison = metadata && this.#sdk.compareWithoutDatabase?.(metadata, task.model);
    return comparison && ({ ...state, comparison } as DatabaseTaskResult<T>);
  }

  #migrationSources(dir: string): ReturnType<SdkModule["migrationSources"]> {
    const files = migrationFiles(dir);
    if (this.#sources?.files !== files) this.#sources = { files, sources: this.#sdk.migrationSources(dir) };
    return this.#sources.sources;
  }
}

/** The names in the migrations folder: a new or removed file changes what is pending. */
export function migrationFiles(dir: string): string {
  try {
    return readdirSync(dir).sort().join("\n");
  } catch {
    return "";
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
