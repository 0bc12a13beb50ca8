// What every orchestrator command shares: the project flags, loading the project, opening its
// database, and turning SDK errors into a message and the documented exit code.
import { Command, Flags, type Interfaces, ux } from "@oclif/core";
import {
  Database,
  type DomainModel,
  loadProject,
  loadRegistry,
  OrchestratorError,
  type Project,
} from "@orchestrator/sdk";
import { CancelledError, isPromptExit } from "./cancellation.ts";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "./exit-codes.ts";
import { style } from "./ui/style.ts";

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)["baseFlags"] & T["flags"]
>;

export abstract class BaseCommand<T extends typeof Command> extends Command {
  static enableJsonFlag = true;

  static baseFlags = {
    config: Flags.string({
      description: "Path to orchestrator.config.ts (default: found in the current folder or a parent)",
      helpGroup: "PROJECT",
    }),
    "database-url": Flags.string({
      description: "postgresql:// URL or embedded database directory; overrides DATABASE_URL and the config",
      helpGroup: "PROJECT",
    }),
    "lock-timeout": Flags.integer({
      description:
        "Seconds to wait for another process holding the database or the migration lock (default: commands that change the database wait as long as that process lives; others wait 10)",
      min: 0,
      helpGroup: "PROJECT",
    }),
    debug: Flags.boolean({
      description: "On an error, also print its stack trace and causes",
      helpGroup: "PROJECT",
    }),
  };

  /**
   * Commands that change the database wait for another holder by default for as long as it lives: a
   * slow machine must not turn a second `db upgrade` into a failure. Reading commands give up sooner.
   */
  static changesDatabase = false;

  protected flags!: BaseFlags<T>;
  protected args!: Interfaces.InferredArgs<T["args"]>;

  override async init(): Promise<void> {
    await super.init();
    const { flags, args } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (this.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as BaseFlags<T>;
    this.args = args as Interfaces.InferredArgs<T["args"]>;
  }

  protected async project(): Promise<Project> {
    const databaseUrl = this.flags["database-url"];
    return loadProject({
      ...(this.flags.config ? { configPath: this.flags.config } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
    });
  }

  protected get lockTimeoutMs(): number {
    const seconds = this.flags["lock-timeout"];
    if (seconds !== undefined) return seconds * 1000;
    return (this.ctor as typeof BaseCommand).changesDatabase
      ? Number.POSITIVE_INFINITY
      : READ_LOCK_TIMEOUT_MS;
  }

  /** Says once, on stderr, whom this command waits for: a silent wait looks like a hang. */
  protected readonly onLockWait = (holder: { pid: number; command: string }): void => {
    if (this.#toldWaiting) return;
    this.#toldWaiting = true;
    const limit = Number.isFinite(this.lockTimeoutMs)
      ? `up to ${Math.round(this.lockTimeoutMs / 1000)} s`
      : "until it finishes (--lock-timeout limits this)";
    process.stderr.write(`Waiting for pid ${holder.pid} (${holder.command}), ${limit} …\n`);
  };

  #toldWaiting = false;

  /** Someone can be asked: a terminal on stdin, and no --json (whose output is read by a program). */
  protected get interactive(): boolean {
    return Boolean(process.stdin.isTTY) && !this.jsonEnabled();
  }

  /**
   * Opens the project's database for `work` and always closes it again. A database that does not exist
   * is an error (exit 11) unless the command creates one: `createEmbedded` for the embedded database,
   * `createDatabase` (asked for with --create-database) for a PostgreSQL one.
   */
  protected async withDatabase<R>(
    project: Project,
    work: (db: Database) => Promise<R>,
    options: { createDatabase?: boolean; createEmbedded?: boolean } = {},
  ): Promise<R> {
    return this.#use(await this.#open(project, options), work);
  }

  #open(
    project: Project,
    options: { createDatabase?: boolean; createEmbedded?: boolean } = {},
  ): Promise<Database> {
    // Only the commands that build the schema create a missing embedded database (they say so).
    return Database.open(project.database, {
      lockTimeoutMs: this.lockTimeoutMs,
      onLockWait: this.onLockWait,
      createEmbedded: false,
      ...options,
    });
  }

  /** Runs `work` on an open database and always closes it again. */
  async #use<R>(db: Database, work: (db: Database) => Promise<R>): Promise<R> {
    try {
      return await work(db);
    } catch (error) {
      throw db.explain(error);
    } finally {
      await db.close();
    }
  }

  /**
   * Like withDatabase, with the registry's models loaded while the database opens: connecting (and, for
   * PGlite, compiling its WebAssembly, which V8 does on other threads) waits on something else than
   * this thread, so the model's evaluation fills that wait instead of following it. A broken model is
   * still reported before anything the database says, as when the models were loaded first, and a
   * database that does not exist yet is only created once the models have loaded.
   */
  protected async withModelAndDatabase<R>(
    project: Project,
    work: (db: Database, model: DomainModel) => Promise<R>,
  ): Promise<R> {
    // A new embedded database would be written before the models are known to be valid: not in parallel.
    if (Database.createsOnOpen(project.database)) {
      const model = await loadRegistry(project.registryFile);
      return this.withDatabase(project, (db) => work(db, model));
    }
    const opening = this.#open(project);
    // Awaited on every path below; until then, a failed open must not count as an unhandled rejection.
    opening.catch(() => undefined);
    let model: DomainModel;
    try {
      model = await loadRegistry(project.registryFile);
    } catch (error) {
      await opening.then(
        (db) => db.close(),
        () => undefined,
      );
      throw error;
    }
    return this.#use(await opening, (db) => work(db, model));
  }

  /**
   * The --json output, as oclif prints it. oclif first runs it through a colouring tokenizer whose time
   * grows with the output's size (1.2 s for a 6 MB change set, against 0.07 s to write it) and which,
   * without a JSON theme, changes nothing: this CLI defines none, so only a theme pays for it.
   */
  override logJson(json: unknown): void {
    if (typeof json === "string" || this.config.theme?.json) super.logJson(json);
    else ux.stdout(JSON.stringify(json, null, 2));
  }

  /** Human output goes to stdout unless --json is on (then only the returned JSON is printed). */
  protected say(text = ""): void {
    if (!this.jsonEnabled()) this.log(text);
  }

  protected override async catch(error: Error & { oclif?: { exit?: number } }): Promise<unknown> {
    if (error instanceof CancelledError || isPromptExit(error)) return this.#cancelled(error);
    if (!(error instanceof OrchestratorError)) {
      if (error.oclif) return super.catch(error);
      process.exitCode = EXIT.unexpected;
      if (this.jsonEnabled()) this.logJson({ error: { code: "ORCH_UNEXPECTED", message: error.message } });
      else process.stderr.write(`${style.red("Error:", process.stderr)} ${error.stack ?? error.message}\n`);
      return undefined;
    }
    process.exitCode = exitCodeFor(error);
    if (this.jsonEnabled()) {
      this.logJson({ error: { code: error.code, message: error.message, ...errorDetails(error) } });
    } else {
      process.stderr.write(
        `${style.red("Error:", process.stderr)} ${error.message} ${style.dim(`[${error.code}]`, process.stderr)}\n`,
      );
      if (this.flags?.debug) process.stderr.write(`${stackWithCauses(error)}\n`);
    }
    return undefined;
  }

  /** Stopped at a prompt: one line, no stack trace, and an exit code of its own (as for SIGINT). */
  #cancelled(error: Error): undefined {
    process.exitCode = EXIT.cancelled;
    const message = error instanceof CancelledError ? error.message : new CancelledError().message;
    if (this.jsonEnabled()) this.logJson({ error: { code: "ORCH_CANCELLED", message } });
    else process.stderr.write(`${message}\n`);
    return undefined;
  }
}

const READ_LOCK_TIMEOUT_MS = 10_000;

/**
 * The project flags of a command that reads the project but opens no database: --database-url and
 * --lock-timeout do nothing there, so its --help does not offer them. They stay accepted (hidden), so
 * a script that passes the same flags to every command keeps working.
 */
export const PROJECT_FLAGS_WITHOUT_DATABASE: typeof BaseCommand.baseFlags = {
  ...BaseCommand.baseFlags,
  "database-url": { ...BaseCommand.baseFlags["database-url"], hidden: true },
  "lock-timeout": { ...BaseCommand.baseFlags["lock-timeout"], hidden: true },
};

function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause)
    parts.push(current.stack ?? current.message);
  return parts.join("\nCaused by: ");
}

function errorDetails(error: OrchestratorError): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (error.location) details.location = error.location;
  const extra = (error as { toJSON?: () => unknown }).toJSON?.();
  if (extra && typeof extra === "object") Object.assign(details, extra);
  return details;
}

/** Appended to each command's description so `--help` documents the exit codes. */
export const helpWithExitCodes = (description: string): string => `${description}\n\n${EXIT_CODES_HELP}`;
