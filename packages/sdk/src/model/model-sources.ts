// The text of each model file, read once. Node's loader read every file of a registry as bytes (several
// system calls each), and the source index (source-index.ts) then read it a second time to find the
// definitions in it: 2 000 model files spent about 300 ms reading. While a registry loads, a load hook
// reads the user's ES module files itself, as text in one call, and keeps that text for the index.
// The hook is registered when this module is first imported, before any hook of a model-loading thread
// (model-loader-worker.ts), so that those run first and still see every source they ask Node for.
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

/** Formats whose source is the file's text as written (type stripping works on the text). */
const TEXT_FORMATS: ReadonlySet<string> = new Set(["module", "module-typescript"]);

/** Set while a registry loads: which files are the user's (the hook reads only those). */
let isUserFile: ((path: string) => boolean) | undefined;
const texts = new Map<string, string>();

registerHooks({
  load(url, context, nextLoad) {
    const format = context.format;
    if (!isUserFile || !url.startsWith("file:") || typeof format !== "string" || !TEXT_FORMATS.has(format))
      return nextLoad(url, context);
    // Without its query: a loader thread imports a changed file again under `?v=N`.
    const path = fileURLToPath(url);
    if (!isUserFile(path)) return nextLoad(url, context);
    const source = readFileSync(path, "utf8");
    texts.set(path, source);
    return { format, source, shortCircuit: true };
  },
});

/**
 * Keeps the text of the user's files (those `userFile` accepts) imported from now until the returned
 * function is called.
 */
export function keepModelSources(userFile: (path: string) => boolean): () => void {
  texts.clear();
  isUserFile = userFile;
  return () => {
    isUserFile = undefined;
    texts.clear();
  };
}

/** The text Node evaluated for `file` during this load, if it was read by the hook. */
export function modelSource(file: string): string | undefined {
  return texts.get(file);
}
