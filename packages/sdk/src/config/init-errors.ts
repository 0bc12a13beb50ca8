import { OrchestratorError } from "../errors.ts";

/** `orchestrator init` cannot set up the project where it was asked to; nothing was written. */
export class InitError extends OrchestratorError {
  static notAFolder(path: string): InitError {
    return new InitError(
      "ORCH_INIT_NOT_A_FOLDER",
      `${path} exists and is not a folder, so init cannot write the project there; nothing was written. Move or rename it, or pass another folder as DIR.`,
    );
  }
}
