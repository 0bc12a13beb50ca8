// loadRegistry: import a user's model module and return its normalised DomainModel.
// Model files are loaded by Node itself (Node 24 strips TypeScript types), so imports between model
// files must name the file with its extension: `import { UserBlock } from "./user-block.ts"`.
import type { DomainModel } from "./domain-model.ts";
import { createModelLoader } from "./model-loader.ts";
import { importRegistry } from "./registry-module.ts";

export interface LoadRegistryOptions {
  /**
   * Load in a fresh worker thread so every file is read again. Node caches imported modules for the life
   * of the process; a process that re-loads after each save should keep a `createModelLoader()` instead,
   * which re-reads only the files that changed.
   */
  fresh?: boolean;
}

export async function loadRegistry(
  modulePath: string,
  options: LoadRegistryOptions = {},
): Promise<DomainModel> {
  if (!options.fresh) return importRegistry(modulePath);
  const loader = createModelLoader(modulePath);
  try {
    return await loader.load();
  } finally {
    await loader.close();
  }
}
