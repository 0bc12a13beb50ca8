// Real databases for tests: a fresh PGlite directory, or a fresh database on the PostgreSQL server
// (ORCHESTRATOR_TEST_POSTGRES_URL, default the local server). PostgreSQL tests never skip silently: an
// unreachable server fails them, unless ORCHESTRATOR_SKIP_POSTGRES=1 is set, which is announced loudly.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database } from "../db/database.ts";
import type { DatabaseTarget } from "../db/database-target.ts";

export const POSTGRES_ADMIN_URL =
  process.env.ORCHESTRATOR_TEST_POSTGRES_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
export const SKIP_POSTGRES = process.env.ORCHESTRATOR_SKIP_POSTGRES === "1";

if (SKIP_POSTGRES) {
  console.warn(
    "\n!!! ORCHESTRATOR_SKIP_POSTGRES=1: PostgreSQL tests are NOT run. CI must not set this. !!!\n",
  );
}

export type DatabaseKind = "pglite" | "postgresql";
export const DATABASE_KINDS: DatabaseKind[] = SKIP_POSTGRES ? ["pglite"] : ["pglite", "postgresql"];

export interface TestDatabase {
  target: DatabaseTarget;
  /** Removes the directory or drops the database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "orch-pglite-"));
    return {
      target: { kind: "pglite", dataDir: join(dir, "db") },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `orch_test_${randomBytes(6).toString("hex")}`;
  const admin = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgresql", url: url.toString() },
    dispose: async () => {
      const cleanup = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.close();
      }
    },
  };
}

/** Reads a --database-url style value back into a target (postgresql URL, or pglite:<dir>). */
export function targetFromUrl(databaseUrl: string): DatabaseTarget {
  return databaseUrl.startsWith("pglite:")
    ? { kind: "pglite", dataDir: databaseUrl.slice("pglite:".length) }
    : { kind: "postgresql", url: databaseUrl };
}

/** Opens a database from a test, under the same lock the CLI takes, and closes it after `work`. */
export async function withTestDatabase<T>(
  databaseUrl: string,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await Database.open(targetFromUrl(databaseUrl));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
