// The long-lived loader's thread (model-loader.ts). Imports the registry module again on every request;
// a resolve hook gives changed model files, and the files that import them, a new URL so that only those
// are evaluated again (module-versions.ts). The SDK and unchanged files stay loaded.
// Model files that import the package root get the DSL entry (@orchestrator/sdk/model) instead: the
// same definitions without the database layer (MikroORM, the drivers), which would otherwise cost the
// thread tens of megabytes. A file that imports something only the root has fails to link; the load
// then starts again with the root for the files it re-imports (Node never links a module twice, so those
// files get new versions anyway, and both entries share the same definition modules).
// Answers with the model in numbered parts, the text of each sent once (model-parts.ts): a save re-sends
// only the blocks it changed.
import {
  enableCompileCache,
  type ResolveFnOutput,
  type ResolveHookContext,
  registerHooks,
} from "node:module";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData } from "node:worker_threads";
import { causeChain, toPlainError } from "../errors.ts";
import type { DomainModel } from "./domain-model.ts";
import type { LoaderThreadData, LoadRequest, LoadResponse } from "./model-loader-messages.ts";
import { ModelEncoder } from "./model-parts.ts";
import { ModuleVersions } from "./module-versions.ts";
import { reuseModelObjects } from "./normalize-registry.ts";
import { importRegistry, isDependencyFile } from "./registry-module.ts";

// Each load leaves garbage (the previous copies' definitions, the model's JSON), and V8 left alone lets a
// thread's heap grow to hundreds of megabytes before it collects. So every load ends with a full
// collection, after the answer is sent (it takes tens of milliseconds on a large model, which neither a
// save nor the first diagnostics should wait for). What the heap holds after a collection is what the
// loads keep: the loader replaces the thread once it has grown.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const { compileCache } = (workerData ?? {}) as Partial<LoaderThreadData>;
if (compileCache) enableCompileCache(compileCache);

reuseModelObjects();
const encoder = new ModelEncoder();
const versions = new ModuleVersions((path) => !isDependencyFile(path));

const SDK_PACKAGE = "@orchestrator/sdk";
let dslEntryForRoot = true;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const result =
      (specifier === SDK_PACKAGE && dslEntryForRoot && resolveDslEntry(context, nextResolve)) ||
      nextResolve(specifier, context);
    // require() keeps its own cache by file name; only ES modules are re-imported by URL.
    if (context.conditions.includes("require")) return result;
    return { ...result, url: versions.versioned(result.url, context.parentURL) };
  },
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    versions.loaded(url, result.source);
    return result;
  },
});

/** The DSL entry, for an import of the package root by a model file (not for require()). */
function resolveDslEntry(
  context: ResolveHookContext,
  nextResolve: (specifier: string, context?: Partial<ResolveHookContext>) => ResolveFnOutput,
): ResolveFnOutput | undefined {
  if (context.conditions.includes("require")) return undefined;
  try {
    return nextResolve(`${SDK_PACKAGE}/model`, context);
  } catch {
    // An SDK without the entry.
    return undefined;
  }
}

/** A model file imported a name the DSL entry does not export. */
function needsPackageRoot(error: unknown): boolean {
  for (const current of causeChain(error))
    if (
      current instanceof Error &&
      current.message.includes(`requested module '${SDK_PACKAGE}' does not provide an export named`)
    )
      return true;
  return false;
}

let queue = Promise.resolve();
parentPort!.on("message", (request: LoadRequest) => {
  queue = queue.then(() => load(request));
});

/** The heap after the last collection. */
let retainedHeap: number | undefined;

async function load({ id, modulePath }: LoadRequest): Promise<void> {
  const started = performance.now();
  let reevaluated = versions.beginLoad();
  let response: LoadResponse;
  try {
    let model: DomainModel;
    try {
      model = await importRegistry(modulePath);
    } catch (error) {
      if (!dslEntryForRoot || !needsPackageRoot(error)) throw error;
      dslEntryForRoot = false;
      versions.endLoad(false);
      reevaluated = versions.beginLoad();
      model = await importRegistry(modulePath);
    }
    versions.endLoad(true);
    response = { id, ok: true, model: encoder.encode(model), stats: stats() };
  } catch (error) {
    versions.endLoad(false);
    response = { id, ok: false, error: toPlainError(error), stats: stats() };
  }
  parentPort!.postMessage(response);
  collect();

  function stats(): LoadResponse["stats"] {
    return {
      generation: versions.generation,
      files: versions.size,
      reevaluated,
      heapUsed: retainedHeap,
      ms: performance.now() - started,
      sdkEntry: dslEntryForRoot ? "model" : "root",
    };
  }
}

function collect(): void {
  collectGarbage();
  retainedHeap = getHeapStatistics().used_heap_size;
}
