import { OrchestratorError } from "../errors.ts";

export class ConfigError extends OrchestratorError {
  static notFound(cwd: string): ConfigError {
    return new ConfigError(
      "ORCH_CONFIG_NOT_FOUND",
      `No orchestrator.config.ts in ${cwd} or any parent folder. Run \`orchestrator init\` in your project's root, or pass --config PATH.`,
    );
  }

  static missingFile(path: string): ConfigError {
    return new ConfigError(
      "ORCH_CONFIG_NOT_FOUND",
      `The config file ${path} does not exist. Check the --config path.`,
    );
  }

  static loadFailed(path: string, cause: unknown): ConfigError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ConfigError(
      "ORCH_CONFIG_INVALID",
      `Cannot load ${path}: ${reason}. It should \`export default defineConfig({ … })\` (import { defineConfig } from "@orchestrator/sdk").`,
      { cause },
    );
  }

  static invalid(path: string, key: string, reason: string): ConfigError {
    return new ConfigError("ORCH_CONFIG_INVALID", `${path}: '${key}' ${reason}.`);
  }
}
