// Finds and reads a project's orchestrator.config.ts and decides which database to use:
// --database-url flag, then DATABASE_URL, then the config's `database`, else the embedded default.
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type DatabaseSource,
  type DatabaseTarget,
  DEFAULT_PGLITE_DIR,
  parseDatabaseTarget,
} from "../db/database-target.ts";
import { ConfigError } from "./config-errors.ts";
import {
  CONFIG_FILE_NAMES,
  DEFAULT_MIGRATIONS,
  DEFAULT_REGISTRY,
  type OrchestratorConfig,
} from "./define-config.ts";

export interface Project {
  /** The folder holding the config file. */
  root: string;
  configFile: string;
  registryFile: string;
  migrationsDir: string;
  database: DatabaseTarget;
  databaseSource: DatabaseSource;
}

export interface LoadProjectOptions {
  cwd?: string;
  /** --config: an explicit config file. */
  configPath?: string;
  /** --database-url. */
  databaseUrl?: string;
  env?: NodeJS.ProcessEnv;
}

/** The config file for `cwd`: the first orchestrator.config.* in it or one of its parents. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = resolve(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export async function loadProject(options: LoadProjectOptions = {}): Promise<Project> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const configFile = options.configPath ? resolve(cwd, options.configPath) : findConfigFile(cwd);
  if (!configFile) throw ConfigError.notFound(cwd);
  if (!existsSync(configFile)) throw ConfigError.missingFile(configFile);
  const config = await readConfig(configFile);
  const root = dirname(configFile);
  const { database, databaseSource } = chooseDatabase(root, config, options.databaseUrl, env);
  return {
    root,
    configFile,
    registryFile: resolve(root, config.registry ?? DEFAULT_REGISTRY),
    migrationsDir: resolve(root, config.migrations ?? DEFAULT_MIGRATIONS),
    database,
    databaseSource,
  };
}

function chooseDatabase(
  root: string,
  config: OrchestratorConfig,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): { database: DatabaseTarget; databaseSource: DatabaseSource } {
  if (flag) return { database: parseDatabaseTarget(flag, process.cwd()), databaseSource: "flag" };
  if (env.DATABASE_URL)
    return { database: parseDatabaseTarget(env.DATABASE_URL, process.cwd()), databaseSource: "env" };
  if (config.database)
    return { database: parseDatabaseTarget(config.database, root), databaseSource: "config" };
  return { database: parseDatabaseTarget(DEFAULT_PGLITE_DIR, root), databaseSource: "default" };
}

async function readConfig(file: string): Promise<OrchestratorConfig> {
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(file).href);
  } catch (error) {
    throw ConfigError.loadFailed(file, error);
  }
  const config = module.default;
  if (config === null || typeof config !== "object") {
    throw ConfigError.loadFailed(file, new Error("it has no default export"));
  }
  for (const key of ["registry", "migrations", "database"] as const) {
    const value = (config as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== "string")
      throw ConfigError.invalid(file, key, "must be a string");
  }
  return config as OrchestratorConfig;
}
