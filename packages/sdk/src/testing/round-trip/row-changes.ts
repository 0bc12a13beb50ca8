// Test helper: every subscription row before and after a migration, and which rows the migration
// deleted, added or changed, held against the impact the user confirmed: a migration may touch no row
// that its impact table does not count (or mark "unknown").
import type { Database } from "../../db/database.ts";
import type { Impact } from "../../plan/count-impact.ts";

/** Row key → row content, per table. */
export type RowDump = Record<Table, Map<string, string>>;
type Table = "subscriptions" | "instances" | "relations" | "values";

const DUMP_SQL: Record<Table, string> = {
  subscriptions:
    "SELECT subscription_id::text AS key, product_id::text || ' ' || status AS content FROM subscriptions",
  instances:
    "SELECT subscription_instance_id::text AS key, subscription_id::text || ' ' || product_block_id::text AS content FROM subscription_instances",
  relations:
    "SELECT in_use_by_id::text || ' ' || depends_on_id::text || ' ' || order_id AS key, coalesce(domain_model_attr, '') AS content FROM subscription_instance_relations",
  values:
    "SELECT subscription_instance_value_id::text AS key, subscription_instance_id::text || ' ' || resource_type_id::text || ' ' || value AS content FROM subscription_instance_values",
};

export async function dumpRows(db: Database): Promise<RowDump> {
  const dump = {} as RowDump;
  for (const table of Object.keys(DUMP_SQL) as Table[]) {
    const rows = await db.query<{ key: string; content: string }>(DUMP_SQL[table]);
    dump[table] = new Map(rows.map((row) => [row.key, row.content]));
  }
  return dump;
}

export interface RowChanges {
  deleted: number;
  added: number;
  changed: number;
}

export function rowChanges(before: RowDump, after: RowDump): Record<Table, RowChanges> {
  const out = {} as Record<Table, RowChanges>;
  for (const table of Object.keys(DUMP_SQL) as Table[]) {
    const [a, b] = [before[table], after[table]];
    let deleted = 0;
    let changed = 0;
    for (const [key, content] of a) {
      const now = b.get(key);
      if (now === undefined) deleted++;
      else if (now !== content) changed++;
    }
    out[table] = { deleted, changed, added: [...b.keys()].filter((key) => !a.has(key)).length };
  }
  return out;
}

/**
 * What the rows the migration touched say against the impact, as readable lines (none: all is counted).
 * Instance and value rows are held to the impact's totals; a relation row may only go or change where
 * the impact says instances, subscriptions or values go or change (a relation has no column of its own).
 */
export function touchedOutsideImpact(
  changes: Record<Table, RowChanges>,
  impact: readonly Impact[],
): string[] {
  const total = (
    pick: (i: Impact) => { created: number; changed: number; deleted: number; unknown?: boolean },
  ) => {
    const cells = impact.map(pick);
    return {
      created: cells.reduce((n, c) => n + c.created, 0),
      changed: cells.reduce((n, c) => n + c.changed, 0),
      deleted: cells.reduce((n, c) => n + c.deleted, 0),
      unknown: cells.some((c) => c.unknown === true),
    };
  };
  const counted = {
    subscriptions: total((i) => i.subscriptions),
    instances: total((i) => i.instances),
    values: total((i) => i.values),
  };
  const out: string[] = [];
  for (const table of ["subscriptions", "instances", "values"] as const) {
    const touched = changes[table];
    const allowed = counted[table];
    if (allowed.unknown) continue;
    if (touched.deleted > allowed.deleted)
      out.push(`${touched.deleted} ${table} deleted, the impact counts ${allowed.deleted}`);
    if (touched.changed > allowed.changed)
      out.push(`${touched.changed} ${table} changed, the impact counts ${allowed.changed}`);
    // Value rows are added by backfills whose counts are estimates: only deletions and changes are held.
    if (table !== "values" && touched.added > allowed.created)
      out.push(`${touched.added} ${table} added, the impact counts ${allowed.created}`);
  }
  const relationsMayGo = [counted.subscriptions, counted.instances].some(
    (c) => c.unknown || c.deleted + c.changed > 0,
  );
  const relations = changes.relations;
  if (!relationsMayGo && relations.deleted + relations.changed > 0)
    out.push(
      `${relations.deleted} relations deleted and ${relations.changed} changed, while the impact says no instance or subscription is deleted or changed`,
    );
  return out;
}
