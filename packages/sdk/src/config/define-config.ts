// The shape of orchestrator.config.ts. defineConfig only types the object: the config stays plain data.

export interface OrchestratorConfig {
  /** Module exporting the registry (SUBSCRIPTION_MODEL_REGISTRY or the default export). */
  registry?: string;
  /** Folder of the project's data migrations. */
  migrations?: string;
  /** postgresql:// URL, or a directory for the embedded database. Default: .orchestrator/db. */
  database?: string | undefined;
}

export function defineConfig(config: OrchestratorConfig): OrchestratorConfig {
  return config;
}

export const CONFIG_FILE_NAMES = [
  "orchestrator.config.ts",
  "orchestrator.config.mts",
  "orchestrator.config.js",
  "orchestrator.config.mjs",
];
export const DEFAULT_REGISTRY = "./products/index.ts";
export const DEFAULT_MIGRATIONS = "./migrations";
