// What reverting core migrations would destroy: the tables their downgrade drops, with the rows each
// holds now. Read from the core migrations' own DROP TABLE statements, so the list cannot drift from
// what actually runs.
import type { Database } from "../db/database.ts";
import type { MigrationSource } from "./migration-source.ts";

export interface DroppedTable {
  table: string;
  rows: number;
}

const DROP_TABLE = /^\s*DROP TABLE (?:IF EXISTS )?([a-z_][a-z0-9_]*)/i;

/** The tables the `down` of these core migrations drops, in drop order, with their row counts. */
export async function countDroppedTables(db: Database, core: MigrationSource[]): Promise<DroppedTable[]> {
  const tables = core.flatMap((source) =>
    (source.core?.down ?? []).flatMap((sql) => DROP_TABLE.exec(sql)?.[1] ?? []),
  );
  const dropped: DroppedTable[] = [];
  for (const table of tables) {
    const rows = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`);
    dropped.push({ table, rows: Number(rows[0]?.n ?? 0) });
  }
  return dropped;
}
