// Wiring: LSP requests and notifications to the feature modules, the workspace's state changes to
// diagnostics, status and code-lens refreshes, saves and file events to (debounced) refreshes, and a
// timer that notices database changes made by other processes.
import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
} from "vscode-languageserver";
import { codeActions } from "./code-actions.ts";
import { codeLenses } from "./code-lens.ts";
import { Commands } from "./commands.ts";
import { computeDiagnostics, DiagnosticsPublisher } from "./diagnostics.ts";
import { hover } from "./hover.ts";
import { collectGarbageSoon } from "./memory.ts";
import { COMMANDS, LIST_PRODUCTS, STATUS, type StatusParams } from "./protocol.ts";
import { ClientQuestions } from "./questions.ts";
import { loadSdk } from "./sdk.ts";
import { StatusReporter } from "./status.ts";
import { Workspace } from "./workspace.ts";

/** initializationOptions a client may pass; every one is optional. */
export interface ServerOptions {
  /** An explicit orchestrator.config.ts (otherwise searched from the workspace folders upwards). */
  configFile?: string;
  /** Overrides DATABASE_URL and the config's database. */
  databaseUrl?: string;
  /** How often the database is checked for changes by other processes (ms; 0 = never). */
  pollIntervalMs?: number;
  /** Quiet time after file events (not saves) before the models are re-loaded (ms). */
  debounceMs?: number;
  /** How long a read waits for another process holding the embedded database (ms). */
  lockTimeoutMs?: number;
  /** Answers file used when the client cannot ask questions (relative to the project root). */
  answersFile?: string;
}

/** How long after a save a file event for the same file is taken to be about that save. */
const SAVE_EVENT_WINDOW_MS = 2000;

const DEFAULTS = { pollIntervalMs: 5000, debounceMs: 50, lockTimeoutMs: 3000, answersFile: "answers.json" };

export function startServer(connection: Connection): void {
  let workspace: Workspace | undefined;
  let commands: Commands | undefined;
  let options = { ...DEFAULTS } as Required<ServerOptions>;
  let canRefreshLenses = false;
  let canWatchFiles = false;
  let timer: NodeJS.Timeout | undefined;
  let debounce: NodeJS.Timeout | undefined;
  const published = new DiagnosticsPublisher(connection);
  const questions = new ClientQuestions(connection);
  const log = (message: string) => connection.console.log(message);

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    options = {
      ...DEFAULTS,
      ...(params.initializationOptions as ServerOptions | undefined),
    } as Required<ServerOptions>;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    try {
      workspace = await openWorkspace(params, options);
    } catch (error) {
      // Not an orchestrator project, or its config does not load: stay up, say why, do nothing else.
      const message = (error as Error).message;
      log(`orchestrator: ${message}`);
      void connection.sendNotification(STATUS, {
        database: "",
        state: "model-error",
        differences: 0,
        message,
      } satisfies StatusParams);
    }
    if (workspace) {
      const status = new StatusReporter(connection, workspace.database.label);
      workspace.onChange((state) => {
        published.publish(computeDiagnostics(state));
        status.report(state);
        if (canRefreshLenses)
          void connection.sendRequest("workspace/codeLens/refresh").catch(() => undefined);
        collectGarbageSoon();
      });
      commands = new Commands(connection, workspace, questions, {
        answersFile: options.answersFile,
        canShowDocument: params.capabilities.window?.showDocument?.support === true,
      });
      log(`orchestrator: project ${workspace.project.root}, database ${workspace.database.label}`);
    }
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.None,
          save: { includeText: false },
        },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
      },
      serverInfo: { name: "orchestrator-language-server", version: "0.1.0" },
    };
  });

  connection.onInitialized(() => {
    if (!workspace) return;
    const ws = workspace;
    if (canWatchFiles) {
      const folders = [dirname(ws.project.registryFile), ws.project.migrationsDir];
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          ...folders.map((f) => ({ globPattern: `${f}/**/*` })),
          { globPattern: ws.project.configFile },
        ],
      });
    }
    void ws.refresh();
    if (options.pollIntervalMs > 0) {
      timer = setInterval(
        () => void ws.poll().catch((error) => log(`orchestrator: poll failed: ${error}`)),
        options.pollIntervalMs,
      );
    }
  });

  /** Model files, the config and migrations: what a refresh depends on. */
  const concerns = (uri: string): boolean => {
    if (!workspace || !uri.startsWith("file:")) return false;
    const file = fileURLToPath(uri);
    const { registryFile, configFile, migrationsDir } = workspace.project;
    return (
      file === configFile ||
      file.startsWith(dirname(registryFile) + sep) ||
      file.startsWith(migrationsDir + sep)
    );
  };
  const scheduleRefresh = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void workspace?.refresh(), options.debounceMs);
  };
  // A save refreshes at once (refreshes asked for while one runs fold into one follow-up); file events
  // come in bursts (a checkout, a generated migration) and wait for quiet. The event an editor also
  // sends for the file it just saved is left out.
  const savedAt = new Map<string, number>();
  connection.onDidSaveTextDocument(({ textDocument }) => {
    if (!concerns(textDocument.uri)) return;
    savedAt.set(textDocument.uri, Date.now());
    void workspace?.refresh();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const now = Date.now();
    const justSaved = (uri: string) => now - (savedAt.get(uri) ?? 0) < SAVE_EVENT_WINDOW_MS;
    for (const [uri, time] of savedAt) if (now - time >= SAVE_EVENT_WINDOW_MS) savedAt.delete(uri);
    if (changes.some((change) => concerns(change.uri) && !justSaved(change.uri))) scheduleRefresh();
  });
  // Opening and closing need nothing: the models are read from disk, as saved.
  connection.onDidOpenTextDocument(() => undefined);
  connection.onDidCloseTextDocument(() => undefined);

  connection.onCodeAction((params) => (workspace ? codeActions(params, workspace.state, published) : []));
  connection.onCodeLens(({ textDocument }) =>
    workspace ? codeLenses(textDocument.uri, workspace.state) : [],
  );
  connection.onHover(({ textDocument, position }) =>
    workspace ? hover(textDocument.uri, position, workspace.state) : null,
  );
  connection.onExecuteCommand(
    ({ command, arguments: args }) => commands?.execute(command, args ?? []) ?? null,
  );

  connection.onRequest(LIST_PRODUCTS, async () => {
    if (!workspace) throw new ResponseError(-32803, "No orchestrator project in this workspace");
    const ws = workspace;
    try {
      return await ws.database.run({ kind: "products" });
    } catch (error) {
      throw new ResponseError(-32803, (error as Error).message);
    }
  });

  connection.onShutdown(async () => {
    clearInterval(timer);
    clearTimeout(debounce);
    await workspace?.dispose();
  });

  connection.listen();
}

async function openWorkspace(params: InitializeParams, options: Required<ServerOptions>): Promise<Workspace> {
  const roots = [
    ...(params.workspaceFolders ?? []).map((folder) => folder.uri),
    ...(params.rootUri ? [params.rootUri] : []),
  ]
    .filter((uri) => uri.startsWith("file:"))
    .map((uri) => fileURLToPath(uri));
  if (params.rootPath) roots.push(params.rootPath);
  const start = options.configFile ? dirname(options.configFile) : roots[0];
  if (!start)
    throw new Error("the client gave no workspace folder; open the folder holding orchestrator.config.ts");
  const { sdk } = await loadSdk(start);
  const configFile =
    options.configFile ?? roots.map((root) => sdk.findConfigFile(root)).find((file) => file !== undefined);
  if (!configFile)
    throw new Error(`no orchestrator.config.ts in ${roots.join(", ")} or their parent folders`);
  // The SDK of the project that owns the config (it may be another one than the first folder's).
  const { sdk: projectSdk } = await loadSdk(dirname(configFile));
  const project = await projectSdk.loadProject({
    configPath: configFile,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  return new Workspace(projectSdk, project, { lockTimeoutMs: options.lockTimeoutMs });
}
