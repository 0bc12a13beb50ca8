// createModelLoader: loads a registry again and again (a language server on every save, a watch mode)
// in one long-lived worker thread, so that TypeScript, the SDK and the unchanged model files are imported
// once; each load evaluates only what changed and what imports it (model-loader-worker.ts).
// Node never frees a module it imported, so every load leaves the previous copies of the re-evaluated
// files behind: once its heap has grown past a limit, or after a number of loads, a new thread is
// started and loads the model in the background; it takes over at the first load after it is ready, so
// no load waits for a full import.
import { Worker } from "node:worker_threads";
import { compileCacheRoot } from "../compile-cache.ts";
import type { PlainError } from "../errors.ts";
import type { DomainModel } from "./domain-model.ts";
import { RegistryLoadError } from "./model-errors.ts";
import {
  type LoaderThreadData,
  type LoadRequest,
  type LoadResponse,
  type LoadStats,
  reviveError,
} from "./model-loader-messages.ts";
import { ModelDecoder } from "./model-parts.ts";

type DecodedResponse =
  | { id: number; ok: true; model: DomainModel; stats: LoadStats }
  | { id: number; ok: false; error: PlainError; stats: LoadStats };

export interface ModelLoaderOptions {
  /**
   * Replace the thread once its heap (after a full collection) exceeds the one after its first load by
   * this much. Default 48 MB: for a model of a thousand product types, a save that changes one block
   * file keeps about 2 MB, so a thread lasts some twenty saves.
   */
  maxHeapGrowthMb?: number;
  /** Replace the thread after this many loads. Default 200. */
  maxLoads?: number;
}

export interface ModelLoader {
  /** The registry's model as the files are now. Loads run one at a time, in call order. */
  load(): Promise<DomainModel>;
  /** What the last load did (for diagnostics and tests). */
  readonly lastStats: LoadStats | undefined;
  /** Threads started so far (the first one included). */
  readonly threadsStarted: number;
  /** Settles once the successor thread being warmed up, if any, has finished its first load. */
  warmUpDone(): Promise<void>;
  close(): Promise<void>;
}

const WORKER_URL = new URL(
  `./model-loader-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
);

export function createModelLoader(registryFile: string, options: ModelLoaderOptions = {}): ModelLoader {
  return new LoaderThreads(registryFile, options);
}

class LoaderThreads implements ModelLoader {
  readonly #registryFile: string;
  readonly #maxHeapGrowth: number;
  readonly #maxLoads: number;
  #thread: LoaderThread | undefined;
  /** The thread's successor, warming up. */
  #next: LoaderThread | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #warming: Promise<void> = Promise.resolve();
  #closed = false;
  lastStats: LoadStats | undefined;
  threadsStarted = 0;

  constructor(registryFile: string, options: ModelLoaderOptions) {
    this.#registryFile = registryFile;
    this.#maxHeapGrowth = (options.maxHeapGrowthMb ?? 48) * 1024 * 1024;
    this.#maxLoads = options.maxLoads ?? 200;
  }

  load(): Promise<DomainModel> {
    const run = this.#queue.then(() => this.#load());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  warmUpDone(): Promise<void> {
    return this.#warming;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const threads = [this.#thread, this.#next];
    this.#thread = this.#next = undefined;
    await Promise.all(threads.map((thread) => thread?.terminate()));
  }

  async #load(): Promise<DomainModel> {
    if (this.#closed) throw new Error("the model loader is closed");
    if (this.#next?.ready) {
      void this.#thread?.terminate();
      this.#thread = this.#next;
      this.#next = undefined;
    }
    // A thread that crashed (out of memory, say) is replaced.
    if (!this.#thread || this.#thread.failed) this.#thread = this.#start();
    const thread = this.#thread;
    const response = await thread.load({ keepProcessAlive: true });
    this.lastStats = response.stats;
    // The heap a thread kept after its first load is its baseline (reported with its second).
    const { heapUsed } = response.stats;
    thread.baselineHeap ??= heapUsed;
    const grown =
      heapUsed !== undefined &&
      thread.baselineHeap !== undefined &&
      heapUsed - thread.baselineHeap > this.#maxHeapGrowth;
    if (!this.#next && (grown || response.stats.generation + 1 >= this.#maxLoads))
      this.#next = this.#warmUp(this.#start());
    if (!response.ok) throw reviveError(response.error);
    return response.model;
  }

  #start(): LoaderThread {
    this.threadsStarted++;
    return new LoaderThread(this.#registryFile);
  }

  /** Its first load finds every file imported and evaluates only what changed meanwhile. */
  #warmUp(thread: LoaderThread): LoaderThread {
    this.#warming = thread.load({ keepProcessAlive: false }).then(
      (response) => {
        thread.baselineHeap = response.stats.heapUsed;
        thread.ready = true;
      },
      () => {
        if (this.#next === thread) this.#next = undefined;
      },
    );
    return thread;
  }
}

/** One worker thread and the loads it has been asked for. */
class LoaderThread {
  readonly #registryFile: string;
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve(response: LoadResponse): void; reject(error: Error): void }
  >();
  readonly #decoder = new ModelDecoder();
  #nextId = 0;
  #kept = 0;
  #failure: Error | undefined;
  /** The heap after its first load. */
  baselineHeap: number | undefined;
  /** Its first load is done. */
  ready = false;

  constructor(registryFile: string) {
    this.#registryFile = registryFile;
    // A small young generation: loading a large model otherwise grows it to its maximum, and V8 keeps
    // that memory committed (over 100 MB) for the life of the thread.
    this.#worker = new Worker(WORKER_URL, {
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
      workerData: { compileCache: compileCacheRoot() } satisfies LoaderThreadData,
    });
    this.#worker.unref();
    this.#worker.on("message", (response: LoadResponse) => {
      this.#pending.get(response.id)?.resolve(response);
      this.#pending.delete(response.id);
    });
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => this.#fail(new Error(`the loader thread exited with code ${code}`)));
  }

  /** `keepProcessAlive`: a load someone awaits keeps the process running; a warm-up does not. */
  async load({ keepProcessAlive }: { keepProcessAlive: boolean }): Promise<DecodedResponse> {
    if (this.#failure) throw this.#failure;
    const id = this.#nextId++;
    if (keepProcessAlive && this.#kept++ === 0) this.#worker.ref();
    try {
      const response = await new Promise<LoadResponse>((resolve, reject) => {
        this.#pending.set(id, { resolve, reject });
        const request: LoadRequest = { id, modulePath: this.#registryFile };
        this.#worker.postMessage(request);
      });
      // Every answer is decoded, a warm-up's too: the thread counts on this side knowing what it sent.
      return response.ok ? { ...response, model: this.#decoder.decode(response.model) } : response;
    } finally {
      if (keepProcessAlive && --this.#kept === 0) this.#worker.unref();
    }
  }

  get failed(): boolean {
    return this.#failure !== undefined;
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }

  #fail(error: Error): void {
    this.#failure ??= RegistryLoadError.importFailed(this.#registryFile, error, undefined);
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
