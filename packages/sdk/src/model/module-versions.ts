// Which copy of each model file the long-lived loader imports. Node keeps every module it imported, keyed
// by URL, so a changed file is imported again under a new URL: `file:///…/block.ts?v=3`. The resolve hook
// asks `versioned()` for every import; files that did not change keep their URL and are not evaluated
// again. A change reaches the files that import the changed one, transitively, because their imports must
// bind to the new copy: the import graph is recorded as the hook sees it (parent → specifier).
// Whether a file changed is decided by the content Node evaluated (the load hook hands it over), not by
// its modification time alone (file-fingerprint.ts).
import { fileURLToPath } from "node:url";
import {
  currentFingerprint,
  type FileFingerprint,
  fingerprintOf,
  unchangedFingerprint,
} from "./file-fingerprint.ts";

export class ModuleVersions {
  /** path → the generation whose URL the file is imported under (0: its plain URL). */
  readonly #versions = new Map<string, number>();
  /** path → the content that version was evaluated from. */
  readonly #fingerprints = new Map<string, FileFingerprint>();
  readonly #imports = new Map<string, Set<string>>();
  readonly #importers = new Map<string, Set<string>>();
  /** Files given a new version during the current load. */
  #fresh = new Set<string>();
  /** Files given a new version during a load that failed: Node keeps their failure, so they need another. */
  #unsettled = new Set<string>();
  #generation = -1;
  readonly #tracked: (path: string) => boolean;

  /** `tracked`: files that are re-imported when they change (not dependencies, not the SDK). */
  constructor(tracked: (path: string) => boolean) {
    this.#tracked = tracked;
  }

  /** Loads begun so far, less one: the version new files get. */
  get generation(): number {
    return this.#generation;
  }

  /** Files imported so far. */
  get size(): number {
    return this.#versions.size;
  }

  /**
   * Before a load (the first excepted): gives a new version to each changed file and to every file that
   * imports one, transitively. Returns how many files will be evaluated again.
   */
  beginLoad(): number {
    this.#generation++;
    const changed = new Set(this.#unsettled);
    for (const path of this.#versions.keys()) {
      const recorded = this.#fingerprints.get(path);
      const unchanged = recorded && unchangedFingerprint(path, recorded);
      if (unchanged) this.#fingerprints.set(path, unchanged);
      else changed.add(path);
    }
    const stale = new Set<string>();
    const visit = (path: string) => {
      if (stale.has(path)) return;
      stale.add(path);
      for (const importer of this.#importers.get(path) ?? []) visit(importer);
    };
    for (const path of changed) visit(path);
    for (const path of stale) this.#forget(path);
    this.#fresh = new Set();
    this.#unsettled = new Set();
    return stale.size;
  }

  endLoad(ok: boolean): void {
    if (!ok) this.#unsettled = this.#fresh;
    this.#fresh = new Set();
  }

  /** The URL to import for a resolved `url`, imported by `parentURL`. */
  versioned(url: string, parentURL: string | undefined): string {
    const path = trackedPath(url, this.#tracked);
    if (path === undefined) return url;
    const parent = parentURL === undefined ? undefined : trackedPath(parentURL, this.#tracked, true);
    if (parent !== undefined) this.#addImport(parent, path);
    let version = this.#versions.get(path);
    if (version === undefined) {
      version = this.#generation;
      this.#versions.set(path, version);
      this.#fresh.add(path);
    }
    return version === 0 ? url : `${url}?v=${version}`;
  }

  /** From the load hook: the source Node is about to evaluate for `url` (a URL `versioned` returned). */
  loaded(url: string, source: string | ArrayBuffer | ArrayBufferView | undefined | null): void {
    const path = trackedPath(url, this.#tracked, true);
    if (path === undefined || !this.#versions.has(path)) return;
    this.#fingerprints.set(
      path,
      source === undefined || source === null
        ? currentFingerprint(path)
        : fingerprintOf(path, typeof source === "string" ? source : bytesOf(source)),
    );
  }

  #addImport(parent: string, path: string): void {
    addTo(this.#imports, parent, path);
    addTo(this.#importers, path, parent);
  }

  /** A stale file is versioned afresh when next imported, and its imports are recorded again. */
  #forget(path: string): void {
    this.#versions.delete(path);
    this.#fingerprints.delete(path);
    for (const imported of this.#imports.get(path) ?? []) this.#importers.get(imported)?.delete(path);
    this.#imports.delete(path);
  }
}

/** The file's path if `url` is a tracked file (a URL with a query or hash is someone else's business). */
function trackedPath(
  url: string,
  tracked: (path: string) => boolean,
  ignoreQuery = false,
): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const bare = ignoreQuery ? url.replace(/[?#].*$/, "") : url;
  if (/[?#]/.test(bare)) return undefined;
  const path = fileURLToPath(bare);
  return tracked(path) ? path : undefined;
}

function addTo(sets: Map<string, Set<string>>, key: string, value: string): void {
  const set = sets.get(key);
  if (set) set.add(value);
  else sets.set(key, new Set([value]));
}

function bytesOf(source: ArrayBuffer | ArrayBufferView): Uint8Array {
  return source instanceof ArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}
