// Throwaway orchestrator projects under test/.tmp, where `@orchestrator/sdk` resolves through this
// package's node_modules, exactly as in a user's project that depends on it.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type DatabaseKind } from "@orchestrator/sdk/testing";

const TMP = fileURLToPath(new URL("../.tmp/", import.meta.url));
export const EXAMPLE_PROJECT = fileURLToPath(new URL("../../apps/example-orchestrator/", import.meta.url));
let counter = 0;

export interface TestProject {
  dir: string;
  /** The --database-url value (a PostgreSQL URL or the PGlite directory). */
  databaseUrl: string;
  /** Flags every command gets so it uses this project's database. */
  dbFlags: string[];
  dispose(): Promise<void>;
}

/** An empty folder (copyExample: a copy of apps/example-orchestrator) with its own fresh database. */
export async function createProject(
  kind: DatabaseKind,
  options: { copyExample?: boolean } = {},
): Promise<TestProject> {
  const dir = join(TMP, `project-${process.pid}-${counter++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (options.copyExample) {
    cpSync(EXAMPLE_PROJECT, dir, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|\.orchestrator|\.turbo|\.demo)([\\/]|$)/.test(source),
    });
  }
  const database = await createTestDatabase(kind);
  const databaseUrl =
    database.target.kind === "postgresql" ? database.target.url : `pglite:${database.target.dataDir}`;
  return {
    dir,
    databaseUrl,
    dbFlags: ["--database-url", databaseUrl],
    dispose: async () => {
      await database.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
