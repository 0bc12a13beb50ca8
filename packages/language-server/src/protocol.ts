// The LSP extensions between the orchestrator language server and its clients. Everything else is
// standard LSP (diagnostics, code actions, code lens, hover, workspace/executeCommand, window/showDocument).
// Clients that do not implement these (Neovim, …) still get diagnostics and code actions; questions they
// cannot answer make generation stop with the list of missing answers (as the CLI without a terminal).

/** Commands the server executes (workspace/executeCommand) and clients offer in their palettes. */
export const COMMANDS = {
  /** args: [GenerateMigrationArgs?] — generate a migration for every domain-model change. */
  generateMigration: "orchestrator.generateMigration",
  /** args: none — `db upgrade heads`. */
  upgradeDatabase: "orchestrator.upgradeDatabase",
  /** args: none — `db adopt`: adopt the orchestrator-core database this project uses. */
  adoptDatabase: "orchestrator.adoptDatabase",
  /** args: none — reload the models and re-read the database. */
  refresh: "orchestrator.refresh",
} as const;

export interface GenerateMigrationArgs {
  /** Also apply it (db upgrade heads) once written. */
  apply?: boolean;
  /** The migration message; asked (kind "message") when absent. */
  message?: string;
}

export interface GenerateMigrationResult {
  /** Absolute path of the written migration, or null when there was nothing to do or it was cancelled. */
  file: string | null;
  applied: string[];
  cancelled: boolean;
}

/** Server → client request: ask the user one question. */
export const ASK_QUESTION = "orchestrator/askQuestion";

export interface AskQuestionParams {
  id: string;
  /**
   * A Question kind of the SDK ("product-description", "default-value", "rename-block-resource-type", …),
   * "message" for the migration message, or "confirm" (the deletion confirmation: answer "yes"/"no").
   */
  kind: string;
  header: string;
  intro?: string;
  prompt: string;
  default?: string;
  /** Present for choices (quick pick); `allowNone` adds "none of these". */
  options?: string[];
  allowNone?: boolean;
  /** Client-side validation, mirroring the server's: max length, required, allowed values. */
  required: boolean;
  maxLength?: number;
  allowedValues?: string[];
  /** Why the previous answer was refused (shown with the re-ask). */
  retryReason?: string;
}

export interface AskQuestionResult {
  /**
   * null = the user cancelled: nothing is written. For a choice (`options`, `allowNone`), "" = "none of
   * these" (e.g. do not rename). For kind "confirm" (options ["yes", "no"]), "yes" or "no".
   * The server validates every answer as the CLI does and re-asks with `retryReason` when it is refused.
   */
  answer: string | null;
}

/** Client → server request: the database's products for the tree view (the SDK's ProductView[]). */
export const LIST_PRODUCTS = "orchestrator/products";

/** Server → client notification: the database and the sync state, for a status-bar item. */
export const STATUS = "orchestrator/status";

export type SyncState =
  | "in-sync"
  | "differs"
  | "pending-migrations"
  /** An orchestrator-core database that must be adopted (COMMANDS.adoptDatabase) before it is migrated. */
  | "not-adopted"
  | "unreachable"
  | "model-error"
  | "loading";

export interface StatusParams {
  /** Password-free database label. */
  database: string;
  state: SyncState;
  /** Number of differences between models and database. */
  differences: number;
  message?: string;
}

/** Diagnostic codes, stable across releases (documented for users who filter them). */
export const DIAGNOSTIC_CODES = {
  productMissingInDb: "orchestrator.product-missing-in-db",
  productMissingInModel: "orchestrator.product-missing-in-model",
  productRenamed: "orchestrator.product-renamed",
  fixedInputMissingInDb: "orchestrator.fixed-input-missing-in-db",
  fixedInputMissingInModel: "orchestrator.fixed-input-missing-in-model",
  fixedInputRenamed: "orchestrator.fixed-input-renamed",
  blockMissingInDb: "orchestrator.product-block-missing-in-db",
  blockMissingInModel: "orchestrator.product-block-missing-in-model",
  blockRenamed: "orchestrator.product-block-renamed",
  blockMoved: "orchestrator.product-block-moved",
  blockLinkMissingInDb: "orchestrator.block-link-missing-in-db",
  blockLinkMissingInModel: "orchestrator.block-link-missing-in-model",
  resourceTypeMissingInDb: "orchestrator.resource-type-missing-in-db",
  resourceTypeMissingInModel: "orchestrator.resource-type-missing-in-model",
  resourceTypeRenamed: "orchestrator.resource-type-renamed",
  modelError: "orchestrator.model-error",
  /** Information at the registry: migrations (or the whole schema) not applied to the database yet. */
  migrationsPending: "orchestrator.migrations-pending",
  databaseUnreachable: "orchestrator.database-unreachable",
} as const;

/** `initializationOptions` of the initialize request; every field is optional. */
export interface InitializationOptions {
  /**
   * The database to compare with (VS Code setting `orchestrator.databaseUrl`): a `postgresql://…` URL or
   * an embedded database directory (`pglite:./path`, relative to the project root). Takes the place of
   * the CLI's `--database-url`: it wins over DATABASE_URL and the config's `database`. Absent or empty:
   * the usual lookup.
   */
  databaseUrl?: string;
}

/**
 * The answer to a choice question (`options` with `allowNone`) meaning "none of these" (e.g. do not
 * rename). No option is ever empty, so this cannot be mistaken for one. A "confirm" question without
 * `options` is answered "yes" or "no".
 */
export const NONE_OF_THESE = "";

/**
 * How to start the server's Node process (the bin script does this itself; clients that start it
 * otherwise, like the VS Code extension over IPC, pass them). Settings only a starting process takes,
 * which keep the server's memory low (measured in bench/lsp/did-save.ts):
 * - A small young generation: the server keeps a large model for hours and re-parses only what a save
 *   changed.
 * - glibc's allocator with one arena, large blocks mapped on their own and freed memory returned to the
 *   system soon: otherwise each thread's arenas keep what they once held.
 * Not V8's --optimize-for-size: on the 1 000-product model it made the first load about 0.5 s slower and
 * each save some 40 ms slower, for 15 MB less after 20 saves (262 against 277 MB; the target is 300).
 */
export const SERVER_PROCESS = {
  execArgv: ["--max-semi-space-size=2"],
  env: { MALLOC_ARENA_MAX: "1", MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_TRIM_THRESHOLD_: "131072" },
} as const;
