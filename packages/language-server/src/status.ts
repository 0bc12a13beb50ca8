// The orchestrator/status notification after every refresh, for a status-bar item; and the one
// information message when the database cannot be reached (repeating it on every poll would bury the
// user in pop-ups; it is shown again only after the database was reachable in between).
import { describePending, plural } from "@orchestrator/sdk";
import type { Connection } from "vscode-languageserver";
import { listDifferences } from "./differences.ts";
import { messages } from "./messages.ts";
import { STATUS, type StatusParams } from "./protocol.ts";
import type { WorkspaceState } from "./workspace.ts";

export function statusOf(state: WorkspaceState, database: string): StatusParams {
  switch (state.kind) {
    case "loading":
      return { database, state: "loading", differences: 0 };
    case "model-error":
      return { database, state: "model-error", differences: 0, message: state.error.message };
    case "unreachable":
      return { database, state: "unreachable", differences: 0, message: state.error.message };
    case "no-schema":
      return {
        database,
        state: "pending-migrations",
        differences: 0,
        message: `No orchestrator schema yet: ${plural(state.pending.length, "migration")} to apply`,
      };
    case "compared": {
      const differences = listDifferences(state.model, state.comparison.changes).length;
      if (state.unadopted) {
        return {
          database,
          state: "not-adopted",
          differences,
          message: `orchestrator-core database (alembic ${state.unadopted.alembic.join(", ")}), not adopted: run "Adopt database…" before migrating it`,
        };
      }
      if (state.pending.length > 0) {
        return {
          database,
          state: "pending-migrations",
          differences,
          message: describePending(state.pending),
        };
      }
      return differences === 0
        ? { database, state: "in-sync", differences, message: "Models and database are in sync" }
        : {
            database,
            state: "differs",
            differences,
            message: `${plural(differences, "difference")} between the models and the database`,
          };
    }
  }
}

export class StatusReporter {
  readonly #connection: Connection;
  readonly #database: string;
  #toldUnreachable = false;

  constructor(connection: Connection, database: string) {
    this.#connection = connection;
    this.#database = database;
  }

  report(state: WorkspaceState): StatusParams {
    const status = statusOf(state, this.#database);
    void this.#connection.sendNotification(STATUS, status);
    if (state.kind === "unreachable" && !this.#toldUnreachable) {
      this.#toldUnreachable = true;
      messages(this.#connection).info(state.error.message);
    } else if (state.kind === "compared" || state.kind === "no-schema") {
      this.#toldUnreachable = false;
    }
    return status;
  }
}
