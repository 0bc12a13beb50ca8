// Quick fixes on the server's own diagnostics. Every difference is fixed the same way, by a migration
// for all of them (a migration per difference would leave the history in pieces), so each diagnostic
// offers the same two actions; pending migrations offer applying them instead, because generating
// again would repeat what the pending ones already do.
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
} from "vscode-languageserver";
import type { DiagnosticsPublisher } from "./diagnostics.ts";
import { isOrchestratorDiagnostic } from "./diagnostics.ts";
import { normalizeUri, overlaps } from "./locations.ts";
import { COMMANDS, DIAGNOSTIC_CODES, type GenerateMigrationArgs } from "./protocol.ts";
import type { WorkspaceState } from "./workspace.ts";

export const ACTION_TITLES = {
  generate: "Generate migration for all domain model changes",
  generateAndApply: "Generate and apply (upgrade heads)",
  upgrade: "Apply pending migrations (upgrade heads)",
} as const;

const NOT_FIXABLE: string[] = [DIAGNOSTIC_CODES.modelError, DIAGNOSTIC_CODES.databaseUnreachable];

export function codeActions(
  params: CodeActionParams,
  state: WorkspaceState,
  published: DiagnosticsPublisher,
): CodeAction[] {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind)))
    return [];
  // Clients that rebuild the context's diagnostics (Neovim 0.7) may lose `source`: fall back to ours.
  let diagnostics = params.context.diagnostics.filter(isOrchestratorDiagnostic);
  if (diagnostics.length === 0) {
    diagnostics = published
      .for(normalizeUri(params.textDocument.uri))
      .filter((d) => overlaps(d.range, params.range));
  }
  const fixable = diagnostics.filter((d) => !NOT_FIXABLE.includes(String(d.code)));
  if (fixable.length === 0) return [];
  const pending = (state.kind === "compared" || state.kind === "no-schema") && state.pending.length > 0;
  // One action of each kind for all the diagnostics at the cursor: the fix is the same for all of them.
  return pending ? [upgradeAction(fixable)] : [generateAction(fixable, false), generateAction(fixable, true)];
}

function generateAction(diagnostics: Diagnostic[], apply: boolean): CodeAction {
  const title = apply ? ACTION_TITLES.generateAndApply : ACTION_TITLES.generate;
  const args: GenerateMigrationArgs = { apply };
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: !apply,
    command: { title, command: COMMANDS.generateMigration, arguments: [args] },
  };
}

function upgradeAction(diagnostics: Diagnostic[]): CodeAction {
  return {
    title: ACTION_TITLES.upgrade,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: true,
    command: { title: ACTION_TITLES.upgrade, command: COMMANDS.upgradeDatabase, arguments: [] },
  };
}
