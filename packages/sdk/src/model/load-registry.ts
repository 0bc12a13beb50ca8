// loadRegistry: import a user's model module and return its normalised DomainModel.
// Model files are loaded by Node itself (Node 24 strips TypeScript types), so imports between model
// files must name the file with its extension: `import { UserBlock } from "./user-block.ts"`.
import { Worker } from "node:worker_threads";
import type { OrchestratorError } from "../errors.ts";
import type { DomainModel, SourceLocation } from "./domain-model.ts";
import { ModelError, RegistryLoadError } from "./model-errors.ts";
import { importRegistry } from "./registry-module.ts";

export interface LoadRegistryOptions {
  /**
   * Load in a fresh worker thread so every file is read again. Node caches imported modules for the life
   * of the process; a language server or a watch mode that re-loads after each save needs this.
   */
  fresh?: boolean;
}

export async function loadRegistry(
  modulePath: string,
  options: LoadRegistryOptions = {},
): Promise<DomainModel> {
  return options.fresh ? loadInWorker(modulePath) : importRegistry(modulePath);
}

const WORKER_URL = new URL(
  `./load-registry-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
);

interface WorkerError {
  name?: string;
  code?: string;
  message: string;
  location?: SourceLocation;
  stack?: string;
}

function loadInWorker(modulePath: string): Promise<DomainModel> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(WORKER_URL, { workerData: { modulePath } });
    let settled = false;
    worker.once(
      "message",
      (message: { ok: true; model: DomainModel } | { ok: false; error: WorkerError }) => {
        settled = true;
        void worker.terminate();
        if (message.ok) resolvePromise(message.model);
        else reject(revive(message.error));
      },
    );
    worker.once("error", (error) => {
      if (!settled) reject(RegistryLoadError.importFailed(modulePath, error, undefined));
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled)
        reject(
          RegistryLoadError.importFailed(
            modulePath,
            new Error(`the loader exited with code ${code}`),
            undefined,
          ),
        );
    });
  });
}

function revive(error: WorkerError): OrchestratorError {
  const options = error.location ? { location: error.location } : {};
  const revived =
    error.name === "RegistryLoadError"
      ? new RegistryLoadError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options)
      : new ModelError(error.code ?? "ORCH_MODEL_IMPORT_FAILED", error.message, options);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
