// One status-bar item: which database the server compares with and whether the models match it.
// Clicking it re-reads models and database (orchestrator.refresh, a server command).

import type { StatusParams, SyncState } from "@orchestrator/language-server/protocol";
import * as vscode from "vscode";

const ICONS: Record<SyncState, string> = {
  "in-sync": "$(database)",
  differs: "$(database)",
  "pending-migrations": "$(database)",
  "not-adopted": "$(database)",
  unreachable: "$(error)",
  "model-error": "$(warning)",
  loading: "$(sync~spin)",
};

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    "orchestrator.status",
    vscode.StatusBarAlignment.Left,
    10,
  );

  constructor() {
    this.item.name = "Orchestrator database";
    this.item.command = "orchestrator.refresh";
    this.item.show();
  }

  loading(): void {
    this.item.text = "$(sync~spin) orchestrator";
    this.item.tooltip = "Starting the orchestrator language server…";
    this.item.backgroundColor = undefined;
  }

  failed(reason: string): void {
    this.item.text = "$(error) orchestrator";
    this.item.tooltip = `The orchestrator language server did not start: ${reason}`;
    this.item.command = "orchestrator.showOutput";
    this.item.backgroundColor = new vscode.ThemeColor("statusBarItem.errorBackground");
  }

  update(status: StatusParams): void {
    // An orchestrator-core database is adopted before anything else can happen to it: clicking offers that.
    const adopt = status.state === "not-adopted";
    this.item.command = adopt ? "orchestrator.adoptDatabase" : "orchestrator.refresh";
    this.item.text = `${ICONS[status.state] ?? "$(database)"} ${shortLabel(status.database)} · ${stateText(status)}`;
    const tooltip = new vscode.MarkdownString(`**${status.database}**\n\n${stateText(status)}`);
    if (status.message) tooltip.appendMarkdown(`\n\n${status.message}`);
    tooltip.appendMarkdown(
      adopt
        ? "\n\nClick to adopt the database (Adopt database…)."
        : "\n\nClick to re-read the models and the database.",
    );
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      status.state === "unreachable" || status.state === "model-error"
        ? new vscode.ThemeColor("statusBarItem.errorBackground")
        : status.state === "differs" || status.state === "pending-migrations" || adopt
          ? new vscode.ThemeColor("statusBarItem.warningBackground")
          : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function stateText(status: StatusParams): string {
  switch (status.state) {
    case "in-sync":
      return "in sync";
    case "differs":
      return status.differences === 1 ? "1 difference" : `${status.differences} differences`;
    case "pending-migrations":
      return "migrations pending";
    case "not-adopted":
      return "orchestrator-core database, not adopted";
    case "unreachable":
      return "unreachable";
    case "model-error":
      return "model error";
    case "loading":
      return "loading…";
    default:
      return String(status.state);
  }
}

/** `pglite:/long/path/.orchestrator/db` → `pglite …/.orchestrator/db`; URLs keep host and database. */
function shortLabel(database: string): string {
  const pglite = /^pglite:(.*)$/.exec(database);
  if (pglite) {
    const parts = pglite[1]!.split(/[\\/]/).filter(Boolean);
    return `pglite …/${parts.slice(-2).join("/")}`;
  }
  try {
    const url = new URL(database);
    return `${url.protocol.replace(/:$/, "")} ${url.host}${url.pathname}`;
  } catch {
    return database;
  }
}
