import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, POSTGRES_ADMIN_URL, SKIP_POSTGRES } from "../testing/databases.ts";
import { Database } from "./database.ts";
import { CLIENT_CHECK_INTERVAL_MS } from "./postgres-connection.ts";

const created: string[] = [];
afterAll(async () => {
  const admin = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
  try {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
});

function urlOf(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseExists(name: string): Promise<boolean> {
  const admin = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
  try {
    return (await admin.query("SELECT 1 FROM pg_database WHERE datname = ?", [name])).length > 0;
  } finally {
    await admin.close();
  }
}

describe.skipIf(SKIP_POSTGRES)("PostgreSQL connections", () => {
  it("refuse a database that does not exist, naming it, and create nothing", async () => {
    const name = `orch_typo_${randomBytes(4).toString("hex")}`;
    created.push(name);
    const error = await Database.open({ kind: "postgresql", url: urlOf(name) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORCH_DATABASE_MISSING" });
    expect((error as Error).message).toContain(`The database "${name}" does not exist`);
    expect((error as Error).message).toContain("--create-database");
    expect(await databaseExists(name)).toBe(false);
  });

  it("create the database when asked to", async () => {
    const name = `orch_new_${randomBytes(4).toString("hex")}`;
    created.push(name);
    const db = await Database.open({ kind: "postgresql", url: urlOf(name) }, { createDatabase: true });
    await db.close();
    expect(await databaseExists(name)).toBe(true);
  });

  it("name their command and let the server notice a client that went away", async () => {
    const database = await createTestDatabase("postgresql");
    const db = await Database.open(database.target);
    try {
      const [row] = await db.query<{ name: string; interval: string }>(
        "SELECT current_setting('application_name') AS name, current_setting('client_connection_check_interval') AS interval",
      );
      expect(row!.name).toMatch(/^orchestrator: /);
      expect(row!.interval).toBe(`${CLIENT_CHECK_INTERVAL_MS}ms`);
    } finally {
      await db.close();
      await database.dispose();
    }
  });
});
