// A minimal LSP client for tests: spawns the built language server (over stdio, or the esbuild bundle
// over node-ipc), records what it publishes and sends, and answers its requests.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ASK_QUESTION,
  type AskQuestionParams,
  type AskQuestionResult,
  type GenerateMigrationArgs,
  type GenerateMigrationResult,
  LIST_PRODUCTS,
  type ServerOptions,
  STATUS,
  type StatusParams,
} from "@orchestrator/language-server";
import type { ProductView } from "@orchestrator/sdk";
import {
  type CodeAction,
  type CodeLens,
  createProtocolConnection,
  type Diagnostic,
  type Hover,
  IPCMessageReader,
  IPCMessageWriter,
  type ProtocolConnection,
  type ShowMessageParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { cleanEnv } from "../helpers/cli.ts";

export const SERVER_BIN = fileURLToPath(
  new URL("../../packages/language-server/bin/orchestrator-language-server.js", import.meta.url),
);
export const SERVER_BUNDLE = fileURLToPath(
  new URL("../../packages/language-server/dist/server.cjs", import.meta.url),
);

export interface StartOptions {
  root: string;
  initializationOptions?: ServerOptions;
  /** Answers orchestrator/askQuestion; absent = the client does not implement it (like Neovim). */
  answer?: (question: AskQuestionParams) => string | null;
  /** Start dist/server.cjs over --node-ipc instead of the bin over --stdio. */
  bundle?: boolean;
}

export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  diagnostics: Map<string, Diagnostic[]>;
  statuses: StatusParams[];
  messages: ShowMessageParams[];
  questions: AskQuestionParams[];
  shownDocuments: string[];
  stderr: () => string;
  uri(file: string): string;
  /** Resolves with the predicate's first non-undefined value; fails after `timeoutMs`, saying what it waited for. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  didSave(file: string): void;
  /** A watched-file event, as an editor sends for changes on disk (1 created, 2 changed, 3 deleted). */
  fileChanged(file: string, type?: 1 | 2 | 3): void;
  /**
   * Runs `action`, then waits for the first status it causes in `state` (with `differences`, if given).
   * The server sends a state's diagnostics before its status, so they are all in when this resolves.
   */
  statusAfter(
    what: string,
    action: () => void,
    state: StatusParams["state"],
    differences?: number,
  ): Promise<StatusParams>;
  codeActions(file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]>;
  codeLenses(file: string): Promise<CodeLens[]>;
  hover(file: string, line: number, character: number): Promise<Hover | null>;
  generate(args: GenerateMigrationArgs): Promise<GenerateMigrationResult | null>;
  execute(command: string, args?: unknown[]): Promise<unknown>;
  products(): Promise<ProductView[]>;
  stop(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<TestClient> {
  const args = options.bundle ? [SERVER_BUNDLE, "--node-ipc"] : [SERVER_BIN, "--stdio"];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: cleanEnv(),
    stdio: options.bundle ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const connection = options.bundle
    ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
    : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));

  const client: TestClient = {
    connection,
    child,
    diagnostics: new Map(),
    statuses: [],
    messages: [],
    questions: [],
    shownDocuments: [],
    stderr: () => stderr,
    uri: (file) => pathToFileURL(file).href,
    waitFor: (what, predicate, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          let value: ReturnType<typeof predicate>;
          try {
            value = predicate();
          } catch (error) {
            return reject(error);
          }
          if (value !== undefined && value !== false) return resolve(value as never);
          if (Date.now() - started > timeoutMs) {
            return reject(
              new Error(
                `timed out waiting for ${what}\nstatuses: ${JSON.stringify(client.statuses.slice(-3))}\n` +
                  `diagnostics: ${JSON.stringify([...client.diagnostics])}\nmessages: ${JSON.stringify(client.messages)}\nstderr: ${stderr}`,
              ),
            );
          }
          setTimeout(check, 25);
        };
        check();
      }),
    statusAfter: (what, action, state, differences) => {
      const seen = client.statuses.length;
      action();
      return client.waitFor(what, () =>
        client.statuses
          .slice(seen)
          .find((s) => s.state === state && (differences === undefined || s.differences === differences)),
      );
    },
    didSave: (file) =>
      void connection.sendNotification("textDocument/didSave", { textDocument: { uri: client.uri(file) } }),
    fileChanged: (file, type = 2) =>
      void connection.sendNotification("workspace/didChangeWatchedFiles", {
        changes: [{ uri: client.uri(file), type }],
      }),
    codeActions: (file, diagnostics) =>
      connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: client.uri(file) },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      }),
    codeLenses: (file) =>
      connection.sendRequest("textDocument/codeLens", { textDocument: { uri: client.uri(file) } }),
    hover: (file, line, character) =>
      connection.sendRequest("textDocument/hover", {
        textDocument: { uri: client.uri(file) },
        position: { line, character },
      }),
    generate: (args) =>
      client.execute("orchestrator.generateMigration", [args]) as Promise<GenerateMigrationResult | null>,
    execute: (command, commandArgs = []) =>
      connection.sendRequest("workspace/executeCommand", { command, arguments: commandArgs }),
    products: () => connection.sendRequest(LIST_PRODUCTS),
    stop: async () => {
      try {
        await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 5000))]);
        void connection.sendNotification("exit");
      } catch {
        // Already gone.
      }
      await Promise.race([
        new Promise((r) => child.once("exit", r)),
        new Promise((r) => setTimeout(r, 3000)),
      ]);
      if (child.exitCode === null) child.kill();
      connection.dispose();
    },
  };

  connection.onNotification(
    "textDocument/publishDiagnostics",
    (params: { uri: string; diagnostics: Diagnostic[] }) => {
      client.diagnostics.set(params.uri, params.diagnostics);
    },
  );
  connection.onNotification(STATUS, (params: StatusParams) => void client.statuses.push(params));
  connection.onNotification(
    "window/showMessage",
    (params: ShowMessageParams) => void client.messages.push(params),
  );
  connection.onNotification("window/logMessage", () => undefined);
  connection.onRequest("window/showDocument", (params: { uri: string }) => {
    client.shownDocuments.push(params.uri);
    return { success: true };
  });
  connection.onRequest("workspace/codeLens/refresh", () => null);
  connection.onRequest("client/registerCapability", () => null);
  if (options.answer) {
    const answer = options.answer;
    connection.onRequest(ASK_QUESTION, (params: AskQuestionParams): AskQuestionResult => {
      client.questions.push(params);
      return { answer: answer(params) };
    });
  }
  connection.listen();

  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(options.root).href,
    workspaceFolders: [{ uri: pathToFileURL(options.root).href, name: "project" }],
    capabilities: {
      window: { showDocument: { support: true } },
      workspace: { codeLens: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { synchronization: { didSave: true } },
    },
    initializationOptions: { pollIntervalMs: 300, ...options.initializationOptions },
  });
  await connection.sendNotification("initialized", {});
  return client;
}
