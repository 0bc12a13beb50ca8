// Every error the SDK raises for a user to read. The stable `code` lets front ends map errors to exit
// codes and diagnostics; the message says what is wrong, where, and how to fix it. Areas subclass this in
// their own *-errors.ts with static factories so the wording lives in one place.
import type { SourceLocation } from "./model/domain-model.ts";

export class OrchestratorError extends Error {
  readonly code: string;
  /** Where in the user's model or migration files the problem is, when known. */
  readonly location?: SourceLocation;

  constructor(code: string, message: string, options: { location?: SourceLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.location) this.location = options.location;
  }
}

/** "file:line:column", the form terminals and editors turn into links. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
