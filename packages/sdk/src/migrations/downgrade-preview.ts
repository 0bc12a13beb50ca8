// What reverting data migrations would change, measured rather than guessed: their downgrade statements
// run in a transaction that is always rolled back, and the rows of the orchestrator's tables are counted
// before and after each migration. A migration's downgrade may reach rows its upgrade never made
// (subscriptions created since on a product it deletes), which only running it shows (docs/design.md,
// Stamping and reverting migrations).
import type { TransactionScope } from "../db/database.ts";
import { METADATA_TABLES } from "../snapshot/database-fingerprint.ts";
import type { MigrationKind } from "./migration-source.ts";

/** Subscriptions and what they hold: rows that no later upgrade can bring back. */
export const SUBSCRIPTION_TABLES = [
  "subscriptions",
  "subscription_instances",
  "subscription_instance_values",
  "subscription_instance_relations",
] as const;

const PREVIEW_TABLES = [...METADATA_TABLES, "workflows", "products_workflows", ...SUBSCRIPTION_TABLES];

export interface RowChange {
  table: string;
  before: number;
  after: number;
}

/** One data migration's revert: the tables whose row counts it changes, in the order above. */
export interface RevertPreview {
  name: string;
  kind: MigrationKind;
  rows: RowChange[];
}

/** Row counts of the orchestrator's tables, in one query. */
export async function countRows(scope: TransactionScope): Promise<Map<string, number>> {
  const [row] = await scope.query<Record<string, string | number>>(
    `SELECT ${PREVIEW_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS "${t}"`).join(", ")}`,
  );
  return new Map(PREVIEW_TABLES.map((table) => [table, Number(row?.[table] ?? 0)]));
}

export function rowChanges(before: Map<string, number>, after: Map<string, number>): RowChange[] {
  return PREVIEW_TABLES.flatMap((table) => {
    const [was, is] = [before.get(table) ?? 0, after.get(table) ?? 0];
    return was === is ? [] : [{ table, before: was, after: is }];
  });
}

/** Whether reverting removes subscriptions, instances, values or relations between them. */
export function removesSubscriptionData(previews: readonly RevertPreview[]): boolean {
  const subscriptionTables: readonly string[] = SUBSCRIPTION_TABLES;
  return previews.some((preview) =>
    preview.rows.some((change) => subscriptionTables.includes(change.table) && change.after < change.before),
  );
}
