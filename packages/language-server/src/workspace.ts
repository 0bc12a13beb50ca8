// The project as the server sees it: the models (re-loaded on save by a long-lived loader that
// re-evaluates only the changed files), the database (read on demand and when its fingerprint changes),
// and the last comparison of the two. A save compares the new models with what was last read from the
// database and publishes that at once; for PostgreSQL, where only a query tells whether the data changed,
// the fingerprint is checked right after, and the database read again only if it changed. Every editor
// feature reads the current `state`; listeners hear about each new one. Refreshes never overlap: one
// that is asked for while another runs is folded into a single follow-up run.

import type { Comparison, DomainModel, ModelLoader, Project, SourceLocation } from "@orchestrator/sdk";
import { DatabaseAccess, migrationFiles } from "./database-access.ts";
import type { SdkModule } from "./sdk.ts";

export interface ErrorInfo {
  code: string;
  message: string;
  location?: SourceLocation;
}

export type WorkspaceState =
  | { kind: "loading" }
  | { kind: "model-error"; error: ErrorInfo }
  | { kind: "unreachable"; model: DomainModel; error: ErrorInfo }
  /** The database has no orchestrator schema yet: every migration is pending. */
  | { kind: "no-schema"; model: DomainModel; pending: string[] }
  | {
      kind: "compared";
      model: DomainModel;
      comparison: Comparison;
      pending: string[];
      /** An orchestrator-core database not adopted yet (db adopt): its alembic revisions. */
      unadopted?: { alembic: string[] };
    };

export interface WorkspaceOptions {
  lockTimeoutMs: number;
}

type Listener = (state: WorkspaceState) => void;

export class Workspace {
  readonly sdk: SdkModule;
  readonly project: Project;
  readonly database: DatabaseAccess;
  /** Absent when the project's SDK predates createModelLoader: each load then starts a new thread. */
  readonly #models: ModelLoader | undefined;
  #state: WorkspaceState = { kind: "loading" };
  #listeners: Listener[] = [];
  #running: Promise<WorkspaceState> | undefined;
  #polling: Promise<void> | undefined;
  /**
   * The check of a PostgreSQL database's fingerprint after a save published its comparison with the
   * last read; saves meanwhile ask for one more check after it.
   */
  #verifying: Promise<void> | undefined;
  #verifyAgain = false;
  #again = false;
  /**
   * Generations: every refresh asked for gets the next number, and a state is published only if no
   * state of a later refresh is shown already, so the last edit always wins over slower earlier reads.
   */
  #requested = 0;
  #shown = 0;
  /** The models of the newest refresh that loaded them (undefined: they failed to load), and its number. */
  #latest: { model: DomainModel; generation: number } | undefined;
  /** Counts databaseChanged() calls: a read that started before one must not mark the database fresh. */
  #databaseChanges = 0;
  #fingerprint: string | undefined;
  /** The last comparison read from the database, and what it was read with. */
  #lastRead:
    | {
        model: DomainModel;
        comparison: Comparison;
        pending: string[];
        fingerprint: string;
        migrations: string;
        unadopted?: { alembic: string[] };
      }
    | undefined;
  #preparedDatabase = false;
  /** The last read failed or was skipped (database locked): the next poll re-reads in full. */
  #stale = true;

  constructor(sdk: SdkModule, project: Project, options: WorkspaceOptions) {
    this.sdk = sdk;
    this.project = project;
    this.database = new DatabaseAccess(sdk, project.database, { lockTimeoutMs: options.lockTimeoutMs });
    this.#models = sdk.createModelLoader?.(project.registryFile);
  }

  get state(): WorkspaceState {
    return this.#state;
  }

  onChange(listener: Listener): void {
    this.#listeners.push(listener);
  }

  /** Re-loads the models and re-reads the database. Calls during a run share one follow-up run. */
  refresh(): Promise<WorkspaceState> {
    this.#again = true;
    this.#requested++;
    this.#running ??= this.#refreshLoop();
    return this.#running;
  }

  async #refreshLoop(): Promise<WorkspaceState> {
    try {
      await this.#polling;
      while (this.#again) {
        this.#again = false;
        await this.#refreshOnce(this.#requested);
      }
      return this.#state;
    } finally {
      this.#running = undefined;
    }
  }

  /**
   * The timer's check for changes made by other processes (the CLI, the extension's commands):
   * nothing is opened while the embedded database's files are unchanged; otherwise one short read
   * of the fingerprint, and the full comparison only if that changed.
   */
  async poll(): Promise<void> {
    if (this.#running || this.#polling || this.#verifying) return;
    // The newest models, even when the state shown is older (their read found the database locked).
    const latest = this.#latest;
    if (!latest) return;
    if (!this.#stale && !this.database.mayHaveChanged()) return;
    this.#polling = this.#readDatabase(latest.model, latest.generation, { onlyIfChanged: true })
      .then(() => undefined)
      .finally(() => {
        this.#polling = undefined;
      });
    await this.#polling;
  }

  /**
   * This server changed the database (an upgrade): the last read no longer holds, whatever the files or
   * the fingerprint check would say before the next read.
   */
  databaseChanged(): void {
    this.#stale = true;
    this.#databaseChanges++;
  }

  async dispose(): Promise<void> {
    await this.#running?.catch(() => undefined);
    await this.#polling?.catch(() => undefined);
    await this.#verifying?.catch(() => undefined);
    await this.#models?.close();
    await this.database.close();
  }

  #set(state: WorkspaceState, generation: number): WorkspaceState {
    if (generation < this.#shown) return this.#state;
    this.#shown = generation;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
    return state;
  }

  async #refreshOnce(generation: number): Promise<void> {
    let model: DomainModel;
    // The first load: the database is read in full after it, so it opens meanwhile (once: a model that
    // keeps failing to load must not start a database process on every save).
    if (!this.#preparedDatabase) {
      this.#preparedDatabase = true;
      this.database.prepare(this.project.migrationsDir);
    }
    try {
      model = await (this.#models?.load() ??
        this.sdk.loadRegistry(this.project.registryFile, { fresh: true }));
    } catch (error) {
      this.#latest = undefined;
      this.database.release();
      this.#set({ kind: "model-error", error: errorInfo(error, this.project.registryFile) }, generation);
      return;
    }
    this.#latest = { model, generation };
    // The embedded database's files tell exactly whether it changed; PostgreSQL is checked afterwards.
    const unchanged = !this.#stale && this.database.embedded && !this.database.mayHaveChanged();
    if (!this.#stale && (!this.database.embedded || unchanged)) {
      const again = this.#compareAgain(model, this.#fingerprint);
      if (again) {
        this.#set(again, generation);
        if (!this.database.embedded) this.#verify();
        return;
      }
    }
    // An unchanged embedded database that the last read cannot compare again lacks counts only: a read
    // of its fingerprint alone (a process of its own) would tell nothing new.
    await this.#readDatabase(model, generation, { onlyIfChanged: false, countsMissing: unchanged });
  }

  /**
   * Reads the fingerprint; if it changed, the comparison just published is out of date: the next
   * refresh reads the database in full.
   */
  #verify(): void {
    if (this.#verifying) {
      this.#verifyAgain = true;
      return;
    }
    const outdated = () => {
      this.#stale = true;
      void this.refresh();
    };
    this.#verifying = (async () => {
      do {
        this.#verifyAgain = false;
        const { fingerprint } = await this.database.run({
          kind: "state",
          migrationsDir: this.project.migrationsDir,
        });
        if (!this.#stale && fingerprint !== this.#fingerprint) outdated();
      } while (this.#verifyAgain);
    })()
      .catch(outdated)
      .finally(() => {
        this.#verifying = undefined;
      });
  }

  /**
   * The new models against the last read, if the database has the same fingerprint, no migration file
   * came or went, and the new change set needs no count that read did not fetch.
   */
  #compareAgain(model: DomainModel, fingerprint: string | undefined): WorkspaceState | undefined {
    const last = this.#lastRead;
    if (
      !last ||
      last.fingerprint !== fingerprint ||
      last.migrations !== migrationFiles(this.project.migrationsDir)
    )
      return undefined;
    const comparison = this.sdk.compareAgain?.(last, model);
    return (
      comparison && {
        kind: "compared",
        model,
        comparison,
        pending: last.pending,
        ...(last.unadopted ? { unadopted: last.unadopted } : {}),
      }
    );
  }

  async #readDatabase(
    model: DomainModel,
    generation: number,
    options: { onlyIfChanged: boolean; countsMissing?: boolean },
  ): Promise<WorkspaceState> {
    const { project } = this;
    const changesAtStart = this.#databaseChanges;
    const migrations = migrationFiles(project.migrationsDir);
    try {
      const read = (compareUnlessFingerprint: string | undefined) =>
        this.database.run({
          kind: "state",
          migrationsDir: project.migrationsDir,
          model,
          ...(compareUnlessFingerprint === undefined ? {} : { compareUnlessFingerprint }),
        });
      // Unchanged since the last full read: no comparison is read, the last one is compared again.
      let state = await read(this.#stale || options.countsMissing ? undefined : this.#fingerprint);
      let next: WorkspaceState | undefined;
      if (!state.comparison && !state.noSchema) {
        next = options.onlyIfChanged ? undefined : this.#compareAgain(model, state.fingerprint);
        // The new models need counts the last read did not fetch.
        if (!next && !options.onlyIfChanged) state = await read(undefined);
      }
      if (!next && (state.comparison || state.noSchema)) {
        this.#fingerprint = state.fingerprint;
        this.#lastRead = undefined;
        if (state.noSchema || !state.comparison) {
          next = { kind: "no-schema", model, pending: state.pending };
        } else {
          const { comparison, pending, fingerprint } = state;
          const unadopted = state.unadopted ? { unadopted: state.unadopted } : {};
          this.#lastRead = { model, comparison, pending, fingerprint, migrations, ...unadopted };
          next = { kind: "compared", model, comparison, pending, ...unadopted };
        }
      }
      // Fresh only if this server did not change the database while it was being read.
      if (this.#databaseChanges === changesAtStart) this.#stale = false;
      return next ? this.#set(next, generation) : this.#state;
    } catch (error) {
      this.#stale = true;
      const info = errorInfo(error, project.registryFile);
      // Another process holds the embedded database for a moment: keep what is shown, retry on the next poll.
      if (info.code === "ORCH_DATABASE_LOCKED" && this.#state.kind !== "loading") return this.#state;
      if (info.code.startsWith("ORCH_DATABASE") || isConnectionError(error)) {
        return this.#set({ kind: "unreachable", model, error: info }, generation);
      }
      // A broken migration file or model detail that only the comparison finds.
      return this.#set({ kind: "model-error", error: info }, generation);
    }
  }
}

export function errorInfo(error: unknown, fallbackFile: string): ErrorInfo {
  const e = error as { code?: unknown; message?: unknown; location?: SourceLocation };
  const code = typeof e?.code === "string" ? e.code : "ORCH_UNEXPECTED";
  const message = typeof e?.message === "string" ? e.message : String(error);
  const location = e?.location;
  return location ? { code, message, location } : { code, message, location: fallback(fallbackFile) };
}

/** Errors without a location are shown at the top of the registry file. */
function fallback(file: string): SourceLocation {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function isConnectionError(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|57P0\d|3D000|28P01|28000)$/.test(code)
    ) {
      return true;
    }
    if (!(current instanceof Object)) break;
  }
  return false;
}
