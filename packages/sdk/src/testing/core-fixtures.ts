// orchestrator-core's own database (schema built by its alembic migrations) and example-orchestrator's
// real product catalogue, for tests that must work on the databases users have. They are upstream's files,
// so they are read from where they live, never copied into the repository: ORCHESTRATOR_FIXTURES, or
// ../shared/fixtures beside the repository. Where they are absent, tests that need them skip loudly and
// name the reason; CI sets ORCHESTRATOR_FIXTURES_REQUIRED=1, which turns their absence into a failure.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "./databases.ts";

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

export const FIXTURES_DIR = resolve(
  process.env.ORCHESTRATOR_FIXTURES ?? join(REPOSITORY_ROOT, "..", "shared", "fixtures"),
);

export const CORE_SCHEMA_SQL = join(FIXTURES_DIR, "orchestrator-core", "schema-no-pgvector.sql");
export const CORE_DATA_SQL = join(FIXTURES_DIR, "orchestrator-core", "data.sql");
export const CATALOGUE_SQL = join(FIXTURES_DIR, "example-orchestrator", "catalogue.sql");

/** Why the fixture tests cannot run here, or undefined when they can. */
export function fixturesMissingReason(): string | undefined {
  const missing = [CORE_SCHEMA_SQL, CORE_DATA_SQL, CATALOGUE_SQL].filter((file) => !existsSync(file));
  if (missing.length === 0) return undefined;
  const reason = `orchestrator-core fixtures not found (${missing.join(", ")}); set ORCHESTRATOR_FIXTURES to the folder that holds orchestrator-core/ and example-orchestrator/`;
  if (process.env.ORCHESTRATOR_FIXTURES_REQUIRED === "1") throw new Error(`${reason}. CI requires them.`);
  console.warn(`\n!!! SKIPPED: ${reason} !!!\n`);
  return reason;
}

export const FIXTURES_AVAILABLE = fixturesMissingReason() === undefined;

export interface CoreDatabaseOptions {
  /** Load example-orchestrator's catalogue (11 products) on top of the core schema. Default true. */
  catalogue?: boolean;
  /** Also record example-orchestrator's data-branch head in alembic_version, as a real deployment has. */
  exampleHead?: boolean;
}

/** A fresh PostgreSQL database built from orchestrator-core's schema dump, its seed rows and, by default, the catalogue. */
export async function createCoreDatabase(options: CoreDatabaseOptions = {}): Promise<TestDatabase> {
  const database = await createTestDatabase("postgresql");
  if (database.target.kind !== "postgresql") throw new Error("orchestrator-core fixtures need PostgreSQL");
  const files = [CORE_SCHEMA_SQL, CORE_DATA_SQL];
  if (options.catalogue !== false) files.push(CATALOGUE_SQL);
  for (const file of files) runPsqlFile(database.target.url, file);
  if (options.exampleHead) {
    runPsql(database.target.url, "INSERT INTO alembic_version (version_num) VALUES ('610caa9e4286')");
  }
  return database;
}

export function runPsqlFile(url: string, file: string): void {
  execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

export function runPsql(url: string, sql: string): string {
  return execFileSync("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
