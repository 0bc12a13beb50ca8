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

/**
 * Imports the registry module (the file that calls `defineRegistry`) and returns the models as plain data,
 * with the source location of every definition.
 *
 * @param modulePath - path of the registry module, e.g. `products/index.ts`.
 * @throws RegistryLoadError when the module cannot be imported or exports no registry; ModelError when a
 * definition is invalid (its message gives file:line:column).
 * @example
 * const model = await loadRegistry("products/index.ts");
 * console.log(model.products.map((product) => product.name));
 */
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
