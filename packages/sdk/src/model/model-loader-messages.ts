// What the model loader and its thread say to each other, and how an error crosses the thread boundary
// (as plain data, revived as the typed error it was).
import type { OrchestratorError } from "../errors.ts";
import type { SourceLocation } from "./domain-model.ts";
import { ModelError, RegistryLoadError } from "./model-errors.ts";

export interface LoadRequest {
  id: number;
  modulePath: string;
  /**
   * A heap above this (bytes) may only hold garbage: the thread collects it before it measures. Absent,
   * it collects (a first load: the baseline).
   */
  collectAbove?: number;
}

export interface LoadStats {
  /** Loads the thread has begun, less one. */
  generation: number;
  /** Model files the thread has imported (each once per version). */
  files: number;
  /** Files evaluated again for this load (all of them on the first). */
  reevaluated: number;
  /** The thread's V8 heap after the load, in bytes (collected first when past `collectAbove`). */
  heapUsed: number;
  ms: number;
}

export type LoadResponse =
  | { id: number; ok: true /** The DomainModel as JSON. */; model: string; stats: LoadStats }
  | { id: number; ok: false; error: PlainError; stats: LoadStats };

export interface PlainError {
  name?: string | undefined;
  code?: string | undefined;
  message: string;
  location?: SourceLocation | undefined;
  stack?: string | undefined;
}

export function reviveError(error: PlainError): OrchestratorError {
  const options = error.location ? { location: error.location } : {};
  const revived =
    error.name === "RegistryLoadError"
      ? new RegistryLoadError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options)
      : new ModelError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
