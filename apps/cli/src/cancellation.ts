// Someone stopped the command at a prompt: Ctrl-C at any prompt, or "no" at the final confirmation.
// Both end the command before anything is written, with one message and an exit code scripts can test.

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
