// Starts the orchestrator language server and wires its LSP extensions to VS Code: questions as input
// boxes, the database's products as a tree, the sync state in the status bar. Diagnostics, code actions,
// code lenses, hovers and the orchestrator.* commands all come from the server.

import {
  ASK_QUESTION,
  type InitializationOptions,
  SERVER_PROCESS,
  STATUS,
  type StatusParams,
} from "@orchestrator/language-server/protocol";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { ProductsTree } from "./products-tree.ts";
import { askQuestion } from "./questions.ts";
import { StatusBar } from "./status-bar.ts";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const statusBar = new StatusBar();
  const products = new ProductsTree(() => client);
  // Models, the config and migration files change on disk too (git, the CLI, generated migrations).
  const watcher = vscode.workspace.createFileSystemWatcher("**/*.{ts,mts,cts,js,mjs,cjs}");
  const restart = async (): Promise<void> => {
    await stop();
    await start(context, { statusBar, products, watcher });
  };
  context.subscriptions.push(
    statusBar,
    watcher,
    vscode.window.registerTreeDataProvider("orchestrator.products", products),
    vscode.commands.registerCommand("orchestrator.showOutput", () => client?.outputChannel.show()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration("orchestrator.databaseUrl") ||
        event.affectsConfiguration("orchestrator.server")
      ) {
        await restart();
      }
    }),
  );
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  try {
    await running?.stop();
  } catch {
    // It never started (the failure is in the status bar and the output channel).
  }
}

interface Parts {
  statusBar: StatusBar;
  products: ProductsTree;
  watcher: vscode.FileSystemWatcher;
}

async function start(
  context: vscode.ExtensionContext,
  { statusBar, products, watcher }: Parts,
): Promise<void> {
  const config = vscode.workspace.getConfiguration("orchestrator");
  const module = context.asAbsolutePath("dist/server.cjs");
  const runtime = config.get<string>("server.nodePath") || undefined;
  // The server's process settings (memory), as its bin script applies them.
  const execArgv = [...SERVER_PROCESS.execArgv];
  const env = { ...SERVER_PROCESS.env, ...process.env };
  const serverOptions: ServerOptions = {
    run: { module, runtime, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: {
      module,
      runtime,
      transport: TransportKind.ipc,
      options: { execArgv: [...execArgv, "--inspect=6011"], env },
    },
  };
  const initializationOptions: InitializationOptions = {};
  const databaseUrl = config.get<string>("databaseUrl")?.trim();
  if (databaseUrl) initializationOptions.databaseUrl = databaseUrl;
  const clientOptions: LanguageClientOptions = {
    // The server reports only on files of the orchestrator projects (orchestrator.config.ts) it finds.
    documentSelector: [
      { scheme: "file", language: "typescript" },
      { scheme: "file", language: "javascript" },
    ],
    initializationOptions,
    synchronize: { fileEvents: watcher },
  };
  statusBar.loading();
  const languageClient = new LanguageClient("orchestrator", "Orchestrator", serverOptions, clientOptions);
  client = languageClient;
  languageClient.onRequest(ASK_QUESTION, askQuestion);
  languageClient.onNotification(STATUS, (status: StatusParams) => {
    statusBar.update(status);
    products.refresh();
  });
  languageClient.onDidChangeState(({ newState }) => {
    if (newState === State.Stopped && client === languageClient) statusBar.failed("it stopped");
  });
  try {
    await languageClient.start();
  } catch (error) {
    statusBar.failed(error instanceof Error ? error.message : String(error));
  }
}
