// Node keeps compiled code on disk per process once asked to (module.enableCompileCache): a worker thread
// or a child process keeps none unless it is told where. This names the folder this process uses, in
// the form enableCompileCache and NODE_COMPILE_CACHE take: the one above Node's per-version folder.
import { getCompileCacheDir } from "node:module";
import { dirname } from "node:path";

/** The compile cache folder to hand to a thread or a child process; undefined when this one keeps none. */
export function compileCacheRoot(): string | undefined {
  const folder = getCompileCacheDir?.();
  return folder ? dirname(folder) : undefined;
}
