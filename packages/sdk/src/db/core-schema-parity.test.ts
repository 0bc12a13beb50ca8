// The core migration against the real thing: orchestrator-core's schema dump beside a database built by
// 0001_orchestrator_schema, compared on the tables both have (columns, types, lengths, nullability,
// meaningful defaults, unique keys, foreign keys with ON DELETE). Any difference fails, except the few
// listed in the README ("Differences from orchestrator-core's schema") with their reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { migrationSources } from "../migrations/migration-source.ts";
import {
  createCoreDatabase,
  createTestDatabase,
  FIXTURES_AVAILABLE,
  fixturesMissingReason,
  type TestDatabase,
} from "../testing/index.ts";
import { coreTableNames } from "./adopt/expected-schema.ts";
import { readTableShapes, type TableShape } from "./adopt/table-shapes.ts";
import { Database } from "./database.ts";

/**
 * Both generate a random uuid: orchestrator-core with uuid-ossp's uuid_generate_v4(), this project with
 * the built-in gen_random_uuid() (no extension, and PGlite has no uuid-ossp).
 */
function normaliseDefault(expression: string | null): string | null {
  return expression === "uuid_generate_v4()" ? "gen_random_uuid()" : expression;
}

/** One line per fact, so a difference reads as the lines only one side has. */
function facts(shapes: Map<string, TableShape>, tables: Set<string>): string[] {
  const lines: string[] = [];
  for (const shape of shapes.values()) {
    if (!tables.has(shape.name)) continue;
    for (const column of shape.columns)
      lines.push(
        `${shape.name}.${column.name} ${column.type} ${column.nullable ? "NULL" : "NOT NULL"} default ${normaliseDefault(column.default)}`,
      );
    for (const key of shape.uniqueKeys) lines.push(`${shape.name} unique (${[...key].sort().join(", ")})`);
    for (const fk of shape.foreignKeys)
      lines.push(
        `${shape.name} (${fk.columns.join(", ")}) → ${fk.referencedTable} (${fk.referencedColumns.join(", ")}) ON DELETE ${fk.onDelete}`,
      );
  }
  return lines.sort();
}

describe.skipIf(!FIXTURES_AVAILABLE)(
  `core migration beside orchestrator-core's schema ${fixturesMissingReason() ?? ""}`,
  () => {
    const databases: TestDatabase[] = [];
    let real: Map<string, TableShape>;
    let ours: Map<string, TableShape>;

    beforeAll(async () => {
      const core = await createCoreDatabase({ catalogue: false });
      const built = await createTestDatabase("postgresql");
      databases.push(core, built);
      const tables = coreTableNames();
      const coreDb = await Database.open(core.target);
      try {
        real = await readTableShapes(coreDb, "current", tables);
      } finally {
        await coreDb.close();
      }
      const builtDb = await Database.open(built.target);
      try {
        await new MigrationRunner(builtDb, migrationSources("/nonexistent-migrations-folder")).upgrade(
          "heads",
        );
        ours = await readTableShapes(builtDb, "current", tables);
      } finally {
        await builtDb.close();
      }
    }, 60_000);
    afterAll(async () => {
      await Promise.all(databases.map((database) => database.dispose()));
    });

    it("creates only tables that orchestrator-core has", () => {
      expect([...ours.keys()].filter((table) => !real.has(table))).toEqual([]);
    });

    it("matches orchestrator-core on every column, unique key and foreign key of the tables both have", () => {
      const shared = new Set([...ours.keys()].filter((table) => real.has(table)));
      expect(shared.size).toBe(coreTableNames().length);
      const theirs = facts(real, shared);
      const mine = facts(ours, shared);
      expect(mine.length).toBeGreaterThan(100); // 150 facts today: the comparison has something to compare
      expect({
        onlyInOrchestratorCore: theirs.filter((line) => !mine.includes(line)),
        onlyInThisProject: mine.filter((line) => !theirs.includes(line)),
      }).toEqual({ onlyInOrchestratorCore: [], onlyInThisProject: [] });
    });
  },
);
