// What the model loader and its thread say to each other, and how an error crosses the thread boundary
// (as plain data, revived as the typed error it was).
import type { OrchestratorError, PlainError } from "../errors.ts";
import { ModelError, RegistryLoadError } from "./model-errors.ts";
import type { EncodedModel } from "./model-parts.ts";

export interface LoadRequest {
  id: number;
  modulePath: string;
}

export interface LoadStats {
  /** Loads the thread has begun, less one. */
  generation: number;
  /** Model files the thread has imported (each once per version). */
  files: number;
  /** Files evaluated again for this load (all of them on the first). */
  reevaluated: number;
  /**
   * The thread's V8 heap after its last full collection, in bytes. A thread collects after it answers,
   * so this is what the loads before this one kept; undefined on its first load, which nothing preceded.
   */
  heapUsed: number | undefined;
  ms: number;
  /** What model files importing `@orchestrator/sdk` got: the DSL entry, or the package root. */
  sdkEntry: "model" | "root";
}

export type LoadResponse =
  | { id: number; ok: true; model: EncodedModel; stats: LoadStats }
  | { id: number; ok: false; error: PlainError; stats: LoadStats };

/** The model errors keep their classes (RegistryLoadError or ModelError) across the thread boundary. */
export function reviveError(error: PlainError): OrchestratorError {
  const options = error.location ? { location: error.location } : {};
  const revived =
    error.name === "RegistryLoadError"
      ? new RegistryLoadError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options)
      : new ModelError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options);
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/** What a loader thread is started with. */
export interface LoaderThreadData {
  /**
   * The compile cache folder of the process that starts the thread (compileCacheRoot), if it keeps one:
   * without it every thread compiles and strips the types of every model file anew (half a second for
   * a thousand products).
   */
  compileCache: string | undefined;
}
