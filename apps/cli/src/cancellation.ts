// Someone stopped the command at a prompt: Ctrl-C at any prompt, or "no" at the final confirmation; or
// nobody could be asked. Each ends the command before anything is written, with one message and an exit
// code scripts can test.
import { OrchestratorError } from "@orchestrator/sdk";

/** "No" at a final confirmation. The CLI's own error: the SDK never asks, so it never refuses. */
export class CancelledError extends Error {
  readonly code = "ORCH_CANCELLED";

  constructor(message = "Cancelled: nothing was written.") {
    super(message);
    this.name = "CancelledError";
  }
}

/** Ctrl-C (or Ctrl-D) at an @inquirer/prompts prompt, which rejects with its ExitPromptError. */
export function isPromptExit(error: Error): boolean {
  return error.name === "ExitPromptError";
}

/**
 * A confirmation that nobody was there to give: no terminal to ask on, and no --yes. The CLI's own, like
 * CancelledError, since only the CLI asks; its message names the flag that confirms.
 */
export class ConfirmationRequiredError extends OrchestratorError {
  constructor(what: string, howToConfirm: string) {
    super("ORCH_CONFIRMATION_REQUIRED", `${what} Nothing was written. ${howToConfirm}`);
  }
}
