// The project as the server sees it: the models (re-loaded on save), the database (read on demand and
// when its fingerprint changes), and the last comparison of the two. Every editor feature reads the
// current `state`; listeners hear about each new one. Refreshes never overlap: one that is asked for
// while another runs is folded into a single follow-up run.
import type { Comparison, DomainModel, Project, SourceLocation } from "@orchestrator/sdk";
import { DatabaseAccess } from "./database-access.ts";
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
  | { kind: "compared"; model: DomainModel; comparison: Comparison; pending: string[] };

export interface WorkspaceOptions {
  lockTimeoutMs: number;
}

type Listener = (state: WorkspaceState) => void;

export class Workspace {
  readonly sdk: SdkModule;
  readonly project: Project;
  readonly database: DatabaseAccess;
  #state: WorkspaceState = { kind: "loading" };
  #listeners: Listener[] = [];
  #running: Promise<WorkspaceState> | undefined;
  #polling: Promise<void> | undefined;
  #again = false;
  #fingerprint: string | undefined;
  /** The last read failed or was skipped (database locked): the next poll re-reads in full. */
  #stale = true;

  constructor(sdk: SdkModule, project: Project, options: WorkspaceOptions) {
    this.sdk = sdk;
    this.project = project;
    this.database = new DatabaseAccess(sdk, project.database, { lockTimeoutMs: options.lockTimeoutMs });
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
    this.#running ??= this.#refreshLoop();
    return this.#running;
  }

  async #refreshLoop(): Promise<WorkspaceState> {
    try {
      await this.#polling;
      while (this.#again) {
        this.#again = false;
        await this.#refreshOnce();
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
    if (this.#running || this.#polling) return;
    const state = this.#state;
    if (state.kind === "loading" || state.kind === "model-error") return;
    if (!this.#stale && !this.database.mayHaveChanged()) return;
    this.#polling = this.#readDatabase(state.model, { onlyIfChanged: true })
      .then(() => undefined)
      .finally(() => {
        this.#polling = undefined;
      });
    await this.#polling;
  }

  async dispose(): Promise<void> {
    await this.#running?.catch(() => undefined);
    await this.#polling?.catch(() => undefined);
    await this.database.close();
  }

  #set(state: WorkspaceState): WorkspaceState {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
    return state;
  }

  async #refreshOnce(): Promise<void> {
    let model: DomainModel;
    try {
      model = await this.sdk.loadRegistry(this.project.registryFile, { fresh: true });
    } catch (error) {
      this.#set({ kind: "model-error", error: errorInfo(error, this.project.registryFile) });
      return;
    }
    await this.#readDatabase(model, { onlyIfChanged: false });
  }

  async #readDatabase(model: DomainModel, options: { onlyIfChanged: boolean }): Promise<WorkspaceState> {
    const { sdk, project } = this;
    try {
      const next = await this.database.use(async (db) => {
        const statuses = await new sdk.MigrationRunner(
          db,
          sdk.migrationSources(project.migrationsDir),
        ).status();
        const applied = statuses.filter((s) => s.applied).map((s) => s.name);
        const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
        const fingerprint = await sdk.databaseFingerprint(db, [...applied, "pending:", ...pending]);
        const unchanged = options.onlyIfChanged && !this.#stale && fingerprint === this.#fingerprint;
        if (unchanged) return undefined;
        this.#fingerprint = fingerprint;
        if (fingerprint.startsWith("no-schema")) return { kind: "no-schema", model, pending } as const;
        const comparison = await sdk.compareWithDatabase(db, model);
        return { kind: "compared", model, comparison, pending } as const;
      });
      this.#stale = false;
      return next ? this.#set(next) : this.#state;
    } catch (error) {
      this.#stale = true;
      const info = errorInfo(error, project.registryFile);
      // Another process holds the embedded database for a moment: keep what is shown, retry on the next poll.
      if (info.code === "ORCH_DATABASE_LOCKED" && this.#state.kind !== "loading") return this.#state;
      if (info.code.startsWith("ORCH_DATABASE") || isConnectionError(error)) {
        return this.#set({ kind: "unreachable", model, error: info });
      }
      // A broken migration file or model detail that only the comparison finds.
      return this.#set({ kind: "model-error", error: info });
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
