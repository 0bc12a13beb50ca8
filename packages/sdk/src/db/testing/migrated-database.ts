// For a test file: a fresh database of one kind with the core migrations applied, opened before its
// tests and dropped after them. Returns the database's getter (it exists once beforeAll ran).
import { afterAll, beforeAll } from "vitest";
import { MigrationRunner } from "../../migrations/migration-runner.ts";
import { coreMigrationSources } from "../../migrations/migration-source.ts";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../testing/databases.ts";
import { Database } from "../database.ts";

export function useMigratedDatabase(kind: DatabaseKind): () => Database {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    db = await Database.open(testDb.target);
    await new MigrationRunner(db, coreMigrationSources()).upgrade();
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.dispose();
  });
  return () => db!;
}
