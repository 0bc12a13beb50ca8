// The rows each deletion of the change set removes, counted in the database with the very selection the
// migration's statement uses (plan/compile-statement.ts doomedBy): nested instances that only the
// deleted ones use, and the values of all of them. The impact table then shows true counts, not the
// lower bounds the metadata counts give.
import type { Database } from "../db/database.ts";
import type { ChangeSet, DeletedRows } from "../diff/change-set.ts";
import { doomedBy } from "../plan/compile-statement.ts";
import { countInstancesWithDescendants } from "../plan/instance-sql.ts";
import type { Statement } from "../plan/statement.ts";

/** Deletions counted per query: each is a recursive query of its own, joined by UNION ALL. */
const PER_QUERY = 100;

export async function countDeletions(db: Database, changes: ChangeSet): Promise<void> {
  const pending = deletionsToCount(changes);
  for (let start = 0; start < pending.length; start += PER_QUERY) {
    const chunk = pending.slice(start, start + PER_QUERY);
    const rows = await db.query<{ k: unknown; instances: unknown; values: unknown }>(
      chunk
        .map(
          ({ where }, k) =>
            `SELECT ${k} AS k, c.instances, c.values FROM (${countInstancesWithDescendants(where)}) c`,
        )
        .join(" UNION ALL "),
    );
    for (const row of rows)
      chunk[Number(row.k)]!.entry.deleted = { instances: Number(row.instances), values: Number(row.values) };
  }
}

/** The deletions of `changes` that remove rows, each with the selection of what it removes. */
export function deletionsToCount(changes: ChangeSet): { entry: { deleted?: DeletedRows }; where: string }[] {
  const pending: { entry: { deleted?: DeletedRows }; where: string }[] = [];
  const add = (entry: { deleted?: DeletedRows }, statement: Statement) => {
    const where = doomedBy(statement);
    if (where !== undefined) pending.push({ entry, where });
  };
  for (const r of changes.deleteBlockRelations)
    if (!r.moved && r.instances > 0)
      add(
        r,
        r.existing
          ? {
              kind: "deleteNestedInstances",
              block: r.block,
              dependsOn: r.dependsOn,
              attributes: r.attributes,
            }
          : { kind: "deleteBlockRelation", block: r.block, dependsOn: r.dependsOn },
      );
  for (const l of changes.deleteProductBlockLinks)
    if (!l.moved && l.subscriptions > 0)
      add(l, { kind: "deleteProductBlockLink", product: l.product, block: l.block });
  for (const d of changes.deleteProductBlocks)
    if (d.instances > 0) add(d, { kind: "deleteProductBlock", block: d.block });
  return pending;
}
