// workspace/executeCommand: generate a migration (optionally applying it), upgrade the database, refresh.
// Generation compares afresh first (the database is not held while the user answers), takes answers
// from the models, asks the rest through the client, writes the file and asks the client to open it.
// Clients that cannot ask get the answers file of the project (if any) instead, and otherwise a
// message listing what is missing, like the CLI without a terminal. One command runs at a time.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Comparison, type DomainModel, describePending } from "@orchestrator/sdk";
import type { Connection } from "vscode-languageserver";
import { toUri } from "./locations.ts";
import { type Messages, messages } from "./messages.ts";
import { COMMANDS, type GenerateMigrationArgs, type GenerateMigrationResult } from "./protocol.ts";
import { type AnswerResolver, ClientCannotAsk, type ClientQuestions, MESSAGE_QUESTION } from "./questions.ts";
import type { Workspace } from "./workspace.ts";

export interface CommandOptions {
  /** The project's answers file (relative to the project root), used when the client cannot ask. */
  answersFile: string;
  /** The client opens documents on window/showDocument. */
  canShowDocument: boolean;
}

const NOTHING: GenerateMigrationResult = { file: null, applied: [], cancelled: false };

export class Commands {
  readonly #connection: Connection;
  readonly #workspace: Workspace;
  readonly #questions: ClientQuestions;
  readonly #options: CommandOptions;
  readonly #say: Messages;
  #busy = false;

  constructor(
    connection: Connection,
    workspace: Workspace,
    questions: ClientQuestions,
    options: CommandOptions,
  ) {
    this.#connection = connection;
    this.#workspace = workspace;
    this.#questions = questions;
    this.#options = options;
    this.#say = messages(connection);
  }

  async execute(command: string, args: unknown[] = []): Promise<unknown> {
    if (this.#busy) {
      this.#say.warning("another command is still running; try again when it has finished.");
      return null;
    }
    this.#busy = true;
    try {
      switch (command) {
        case COMMANDS.generateMigration:
          return await this.generateMigration((args[0] ?? {}) as GenerateMigrationArgs);
        case COMMANDS.upgradeDatabase:
          return { applied: await this.upgradeDatabase() };
        case COMMANDS.adoptDatabase:
          return await this.adoptDatabase();
        case COMMANDS.refresh:
          await this.#workspace.refresh();
          return null;
        default:
          throw new Error(`Unknown command ${command}`);
      }
    } catch (error) {
      this.#say.error(`${(error as Error).message}`);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  async generateMigration(args: GenerateMigrationArgs): Promise<GenerateMigrationResult> {
    const state = await this.#workspace.refresh();
    if (state.kind !== "compared") {
      const why =
        state.kind === "model-error"
          ? `the models do not load: ${state.error.message}`
          : state.kind === "unreachable"
            ? state.error.message
            : state.kind === "no-schema"
              ? "the database has no orchestrator schema yet; run Upgrade database first"
              : "the project is still loading";
      this.#say.warning(`cannot generate a migration: ${why}`);
      return NOTHING;
    }
    if (state.pending.length > 0) {
      this.#say.warning(
        `${describePending(state.pending)}. ` +
          "Apply them first (Upgrade database); generating now would repeat their changes.",
      );
      return NOTHING;
    }
    if (this.#workspace.sdk.isEmptyChangeSet(state.comparison.changes)) {
      this.#say.info("the models and the database are in sync; there is nothing to migrate.");
      return NOTHING;
    }

    const message = args.message ?? (await this.#askMessage());
    if (message === null) return this.#cancelled();
    const written = await this.#generate(state.model, state.comparison, message);
    if (written === "cancelled") return this.#cancelled();
    if (written === null) return NOTHING;

    await this.#show(written);
    if (!args.apply) {
      await this.#workspace.refresh();
      return { file: written, applied: [], cancelled: false };
    }
    const applied = await this.upgradeDatabase();
    return { file: written, applied, cancelled: false };
  }

  /** `db adopt`: records the core migration as adopted; refusals (mismatches, no privilege) are shown as errors. */
  async adoptDatabase(): Promise<{ status: string }> {
    let result: { status: string; alembic?: string[] };
    try {
      result = await this.#workspace.database.run({ kind: "adopt" });
    } finally {
      this.#workspace.databaseChanged();
      await this.#workspace.refresh();
    }
    const alembic = result.alembic ? ` (alembic ${result.alembic.join(", ")})` : "";
    this.#say.info(
      result.status === "adopted"
        ? `adopted the orchestrator-core database${alembic}: it can be migrated now.`
        : result.status === "already-adopted"
          ? `the database is already adopted${alembic}.`
          : "the database was built by this project's migrations: there is nothing to adopt.",
    );
    return { status: result.status };
  }

  async upgradeDatabase(): Promise<string[]> {
    const { project } = this.#workspace;
    let applied: string[];
    try {
      applied = await this.#workspace.database.run(
        { kind: "upgrade", migrationsDir: project.migrationsDir },
        { waitForHolder: true },
      );
    } finally {
      this.#workspace.databaseChanged();
      await this.#workspace.refresh();
    }
    this.#say.info(applied.length === 0 ? "the database is up to date." : `applied ${applied.join(", ")}.`);
    return applied;
  }

  /** The written file, null when nothing was written (reported already), or "cancelled". */
  async #generate(
    model: DomainModel,
    comparison: Comparison,
    message: string,
  ): Promise<string | null | "cancelled"> {
    const { sdk, project } = this.#workspace;
    const run = (resolver: AnswerResolver | undefined) =>
      sdk.generateMigration(project, comparison, model, {
        message,
        ...(resolver ? { resolver } : { inputs: this.#answersFileInputs(model, comparison) }),
        // Through the server's database access (the embedded database is read in a child process). Asked
        // for by the user, so it waits for another holder as an upgrade does: another editor's poll may
        // open the database between this server's last read and this one.
        readRestoreRows: (changes) =>
          this.#workspace.database.run({ kind: "restore-rows", changes }, { waitForHolder: true }),
      });
    try {
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result = await run(this.#questions.supported ? this.#questions.resolver() : undefined);
      } catch (error) {
        if (!(error instanceof ClientCannotAsk)) throw error;
        result = await run(undefined);
      }
      if (result.file === null) {
        this.#say.info("the changes need no SQL; no migration was written.");
      }
      return result.file;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ORCH_MIGRATION_CANCELLED") return "cancelled";
      if (code === "ORCH_MISSING_ANSWERS") {
        const answers = join(project.root, this.#options.answersFile);
        this.#say.warning(
          `no migration was written. ${(error as Error).message}\n` +
            `This editor cannot ask questions: give the answers in the models or in ${answers}, or run \`orchestrator db migrate-domain-models\` in a terminal.`,
        );
        return null;
      }
      throw error;
    }
  }

  async #askMessage(): Promise<string | null> {
    if (!this.#questions.supported) return MESSAGE_QUESTION.default;
    try {
      return await this.#questions.askValid(MESSAGE_QUESTION, (answer) => {
        const trimmed = answer.trim();
        if (trimmed === "") return "an answer is required";
        return trimmed.length > MESSAGE_QUESTION.maxLength
          ? `at most ${MESSAGE_QUESTION.maxLength} characters are allowed, got ${trimmed.length}`
          : undefined;
      });
    } catch (error) {
      if (error instanceof ClientCannotAsk) return MESSAGE_QUESTION.default;
      throw error;
    }
  }

  /** The project's answers file, reduced to what this migration asks (the SDK refuses unknown names). */
  #answersFileInputs(model: DomainModel, comparison: Comparison): unknown {
    const file = join(this.#workspace.project.root, this.#options.answersFile);
    if (!existsSync(file)) return undefined;
    const questions = this.#workspace.sdk.listQuestions(comparison.changes, model);
    return this.#workspace.sdk.filterInputs(JSON.parse(readFileSync(file, "utf8")), questions);
  }

  async #show(file: string): Promise<void> {
    if (this.#options.canShowDocument) {
      await this.#connection.window
        .showDocument({ uri: toUri(file), takeFocus: true })
        .catch(() => undefined);
    }
    this.#say.info(`wrote ${file}`);
  }

  #cancelled(): GenerateMigrationResult {
    this.#say.info("cancelled; no migration was written.");
    return { file: null, applied: [], cancelled: true };
  }
}
