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

/**
 * An error as plain data, to cross a thread or process boundary (postMessage, IPC): what front ends act
 * on (code, message, location) and the stack for whoever debugs it.
 */
export interface PlainError {
  name?: string | undefined;
  code?: string | undefined;
  message: string;
  location?: SourceLocation | undefined;
  stack?: string | undefined;
}

export function toPlainError(error: unknown): PlainError {
  const e = error as { name?: string; code?: unknown; message?: string; location?: unknown; stack?: string };
  return {
    name: e?.name,
    code: typeof e?.code === "string" ? e.code : undefined,
    message: e?.message ?? String(error),
    location: e?.location as SourceLocation | undefined,
    stack: e?.stack,
  };
}

/** The error back on this side: an OrchestratorError when it had a code, a plain Error otherwise. */
export function fromPlainError(error: PlainError): Error {
  const revived = error.code
    ? new OrchestratorError(error.code, error.message, error.location ? { location: error.location } : {})
    : new Error(error.message);
  if (error.name) revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/**
 * The error and every `cause` below it, outermost first: drivers wrap their errors (MikroORM, pg, PGlite),
 * so a code or message to look for may sit a few levels down. Stops at a non-object or a cycle.
 */
export function* causeChain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Object && !seen.has(current); ) {
    seen.add(current);
    yield current as { code?: unknown; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}
