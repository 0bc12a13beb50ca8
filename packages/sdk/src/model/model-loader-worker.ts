// The long-lived loader's thread (model-loader.ts). Imports the registry module again on every request;
// a resolve hook gives changed model files, and the files that import them, a new URL so that only those
// are evaluated again (module-versions.ts). TypeScript, the SDK and unchanged files stay loaded.
// Answers with the model as JSON text: for a large model, JSON.stringify + JSON.parse cost a fraction of
// the structured clone postMessage would do on the object.
import { registerHooks } from "node:module";
import { sep } from "node:path";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort } from "node:worker_threads";
import type { LoadRequest, LoadResponse, PlainError } from "./model-loader-messages.ts";
import { ModuleVersions } from "./module-versions.ts";
import { importRegistry, isSdkFile } from "./registry-module.ts";

// What the loads leave behind is the heap after a full collection (the loader replaces the thread once it
// has grown too much); at other times it also holds the garbage of the last few loads. A collection
// takes a while on a large heap, so it is forced only when the heap looks past the limit.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const versions = new ModuleVersions((path) => !path.includes(`${sep}node_modules${sep}`) && !isSdkFile(path));

registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    // require() keeps its own cache by file name; only ES modules are re-imported by URL.
    if (context.conditions.includes("require")) return result;
    return { ...result, url: versions.versioned(result.url, context.parentURL) };
  },
});

let queue = Promise.resolve();
parentPort!.on("message", (request: LoadRequest) => {
  queue = queue.then(() => load(request));
});

async function load({ id, modulePath, collectAbove }: LoadRequest): Promise<void> {
  const started = performance.now();
  const reevaluated = versions.beginLoad();
  let response: LoadResponse;
  try {
    const model = JSON.stringify(await importRegistry(modulePath));
    versions.endLoad(true);
    response = { id, ok: true, model, stats: stats() };
  } catch (error) {
    versions.endLoad(false);
    response = { id, ok: false, error: plainError(error), stats: stats() };
  }
  parentPort!.postMessage(response);

  function stats(): LoadResponse["stats"] {
    if (collectAbove === undefined || getHeapStatistics().used_heap_size > collectAbove) collectGarbage();
    return {
      generation: versions.generation,
      files: versions.size,
      reevaluated,
      heapUsed: getHeapStatistics().used_heap_size,
      ms: performance.now() - started,
    };
  }
}

function plainError(error: unknown): PlainError {
  const e = error as { name?: string; code?: string; message?: string; location?: unknown; stack?: string };
  return {
    name: e?.name,
    code: e?.code,
    message: e?.message ?? String(error),
    location: e?.location as PlainError["location"],
    stack: e?.stack,
  };
}
