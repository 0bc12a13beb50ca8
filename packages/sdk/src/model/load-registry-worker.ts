// Runs in a fresh worker thread: a new module cache, so edited model files (and the files they import)
// are read again. Posts back the plain DomainModel, or the error as plain data.
import { parentPort, workerData } from "node:worker_threads";
import { importRegistry } from "./registry-module.ts";

const { modulePath } = workerData as { modulePath: string };
try {
  parentPort!.postMessage({ ok: true, model: await importRegistry(modulePath) });
} catch (error) {
  const e = error as { name?: string; code?: string; message?: string; location?: unknown; stack?: string };
  parentPort!.postMessage({
    ok: false,
    error: {
      name: e?.name,
      code: e?.code,
      message: e?.message ?? String(error),
      location: e?.location,
      stack: e?.stack,
    },
  });
}
