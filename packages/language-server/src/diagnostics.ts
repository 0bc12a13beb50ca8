// Diagnostics are a view of the workspace state: one per difference, at the name in the model source it
// is about; a model that throws gets one error at the throwing place instead (differences computed
// from a model that does not load would be stale). Every file published last time and not now is
// cleared, so fixed differences disappear.
import { describePending, plural } from "@orchestrator/sdk";
import { type Connection, type Diagnostic, DiagnosticSeverity } from "vscode-languageserver";
import { listDifferences } from "./differences.ts";
import { toRange, toUri } from "./locations.ts";
import { DIAGNOSTIC_CODES } from "./protocol.ts";
import type { WorkspaceState } from "./workspace.ts";

export const SOURCE = "orchestrator";

type ByUri = Map<string, Diagnostic[]>;

export function computeDiagnostics(state: WorkspaceState): ByUri {
  const byUri: ByUri = new Map();
  const add = (file: string, diagnostic: Diagnostic) => {
    const uri = toUri(file);
    byUri.set(uri, [...(byUri.get(uri) ?? []), diagnostic]);
  };
  switch (state.kind) {
    case "loading":
      break;
    case "model-error": {
      const location = state.error.location!;
      add(location.file, {
        range: toRange(location),
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: DIAGNOSTIC_CODES.modelError,
        message: state.error.message,
      });
      break;
    }
    case "unreachable":
      add(state.model.registryLocation.file, {
        range: toRange(state.model.registryLocation),
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: DIAGNOSTIC_CODES.databaseUnreachable,
        message: `${state.error.message} Differences between the models and the database are not shown until it is reachable.`,
      });
      break;
    case "no-schema":
      add(
        state.model.registryLocation.file,
        pendingDiagnostic(state.model.registryLocation, state.pending, true),
      );
      break;
    case "compared":
      for (const difference of listDifferences(state.model, state.comparison.changes)) {
        add(difference.location.file, {
          range: toRange(difference.location),
          severity: DiagnosticSeverity.Warning,
          source: SOURCE,
          code: difference.code,
          message: difference.message,
        });
      }
      if (state.pending.length > 0) {
        add(
          state.model.registryLocation.file,
          pendingDiagnostic(state.model.registryLocation, state.pending, false),
        );
      }
      break;
  }
  return byUri;
}

function pendingDiagnostic(
  location: Parameters<typeof toRange>[0],
  pending: string[],
  noSchema: boolean,
): Diagnostic {
  const names = pending.join(", ");
  return {
    range: toRange(location),
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: DIAGNOSTIC_CODES.migrationsPending,
    message: noSchema
      ? `The database has no orchestrator schema yet; ${plural(pending.length, "migration")} to apply (${names}). Apply them with upgrade heads.`
      : `${describePending(pending)}; the differences shown are those of the database as it is. Apply them with upgrade heads.`,
  };
}

export function isOrchestratorDiagnostic(diagnostic: Diagnostic): boolean {
  return diagnostic.source === SOURCE;
}

/** Publishes diagnostics and clears those of files that have none any more. */
export class DiagnosticsPublisher {
  readonly #connection: Connection;
  #published = new Map<string, Diagnostic[]>();

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  /** The diagnostics published last for `uri`, as the code-action provider needs them. */
  for(uri: string): Diagnostic[] {
    return this.#published.get(uri) ?? [];
  }

  publish(byUri: ByUri): void {
    for (const uri of this.#published.keys()) {
      if (!byUri.has(uri)) void this.#connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const [uri, diagnostics] of byUri) void this.#connection.sendDiagnostics({ uri, diagnostics });
    this.#published = byUri;
  }
}
