// Errors of `orchestrator serve`: refusing to start (exit codes in exit-codes.ts) and the database
// becoming unavailable while serving (HTTP 503, the server keeps running).
import { type DatabaseTarget, describeTarget, OrchestratorError } from "@orchestrator/sdk";

export class ServeError extends OrchestratorError {
  static portInUse(host: string, port: number): ServeError {
    return new ServeError(
      "ORCH_SERVE_PORT_IN_USE",
      `Port ${port} on ${host} is already in use by another program. Stop it, or choose another port with --port (for example --port ${port + 1}).`,
    );
  }

  static cannotListen(host: string, port: number, cause: unknown): ServeError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ServeError(
      "ORCH_SERVE_CANNOT_LISTEN",
      `Cannot listen on ${host}:${port}: ${reason}. Check --host (an address of this machine, e.g. 127.0.0.1) and --port.`,
      { cause },
    );
  }

  static databaseUnavailable(target: DatabaseTarget, cause: unknown): ServeError {
    if (cause instanceof ServeError) return cause;
    // The SDK's messages end with a full stop of their own.
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, "");
    return new ServeError(
      "ORCH_SERVE_DATABASE_UNAVAILABLE",
      `The database ${describeTarget(target)} is not available: ${reason}. The server keeps running; reload once the database is back.`,
      { cause },
    );
  }
}
