// What this project reads and writes, as table shapes: the core migrations' own tables, built for a
// moment in this session's temporary schema and read back from the catalogue, then rolled back. So the
// expectation is whatever the core migrations create, never a second copy that could drift from them.
import { CORE_MIGRATIONS } from "../core-migrations/index.ts";
import type { Database } from "../database.ts";
import { readTableShapes, type TableShape } from "./table-shapes.ts";

/** Types, tables and indexes describe the shape; functions and triggers do not, and are not built. */
const SHAPE_STATEMENT = /^\s*CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TYPE)\b/i;
const TABLE_NAME = /^\s*CREATE\s+TABLE\s+([a-z_][a-z0-9_]*)/i;

/** The tables the core migrations create, in creation order. */
export function coreTableNames(): string[] {
  return CORE_MIGRATIONS.flatMap((migration) =>
    migration.up.flatMap((sql) => {
      const match = TABLE_NAME.exec(sql);
      return match ? [match[1]!] : [];
    }),
  );
}

class RollBack extends Error {
  readonly shapes: Map<string, TableShape>;
  constructor(shapes: Map<string, TableShape>) {
    super("rolled back on purpose");
    this.shapes = shapes;
  }
}

/** The shapes of the core migrations' tables; nothing of them stays in the database. */
export async function expectedCoreShapes(db: Database): Promise<Map<string, TableShape>> {
  const tables = coreTableNames();
  try {
    await db.transaction(async (scope) => {
      // Temporary tables need only the TEMP privilege, which every role has by default; with pg_temp
      // first in the path the statements create (and resolve references to) temporary tables only.
      await scope.query("SET LOCAL search_path = pg_temp");
      for (const migration of CORE_MIGRATIONS) {
        for (const sql of migration.up) if (SHAPE_STATEMENT.test(sql)) await scope.query(sql);
      }
      throw new RollBack(await readTableShapes(scope, "temporary", tables));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.shapes;
    throw error;
  }
  throw new Error("unreachable: the expectation transaction always rolls back");
}
