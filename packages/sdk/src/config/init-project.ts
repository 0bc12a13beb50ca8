// `db init`: a new project gets a migrations folder and a commented orchestrator.config.ts. An existing,
// non-empty migrations folder is refused, as the reference does, so nothing a user has is overwritten.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { MigrationError } from "../migrations/migration-errors.ts";
import { DEFAULT_MIGRATIONS, DEFAULT_REGISTRY } from "./define-config.ts";

export interface InitResult {
  created: string[];
  skipped: string[];
}

const CONFIG_TEMPLATE = `import { defineConfig } from "@orchestrator/sdk";

export default defineConfig({
  // The module exporting your products: SUBSCRIPTION_MODEL_REGISTRY (or the default export).
  registry: "${DEFAULT_REGISTRY}",
  // Your data migrations. The orchestrator's own schema migrations ship with @orchestrator/sdk.
  migrations: "${DEFAULT_MIGRATIONS}",
  // A postgresql:// URL. Unset, the embedded database in .orchestrator/db is used.
  // --database-url and the DATABASE_URL variable take precedence over this entry.
  database: process.env.DATABASE_URL,
});
`;

export function initProject(dir: string): InitResult {
  const migrationsDir = resolve(dir, DEFAULT_MIGRATIONS);
  const configFile = resolve(dir, "orchestrator.config.ts");
  if (existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0) {
    throw MigrationError.directoryNotEmpty(migrationsDir);
  }
  const result: InitResult = { created: [], skipped: [] };
  if (!existsSync(migrationsDir)) {
    mkdirSync(migrationsDir, { recursive: true });
    result.created.push(migrationsDir);
  }
  if (existsSync(configFile)) {
    result.skipped.push(configFile);
  } else {
    writeFileSync(configFile, CONFIG_TEMPLATE, { flag: "wx" });
    result.created.push(configFile);
  }
  return result;
}
