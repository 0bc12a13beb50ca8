// Domain models × database: the snapshot and the change set, in at most 9 queries whatever the size. The first
// diff runs on the metadata alone; counts (subscriptions, instances, values, attributes seen on instance
// relations) are then read only for what it touches, and the diff runs again on the enriched snapshot.
import type { Database } from "../db/database.ts";
import type { ChangeSet, Updates } from "../diff/change-set.ts";
import { diff } from "../diff/diff.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { addCounts, readSnapshot } from "../snapshot/read-snapshot.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { ProjectError } from "./project-errors.ts";

export interface Comparison {
  snapshot: Snapshot;
  changes: ChangeSet;
}

export async function compareWithDatabase(
  db: Database,
  model: DomainModel,
  updates?: Updates,
): Promise<Comparison> {
  const metadata = await readSnapshot(db).catch((error: unknown) => {
    throw isMissingTable(error) ? ProjectError.schemaMissing(db.label) : error;
  });
  const first = diff(model, metadata, updates);
  const snapshot = await addCounts(db, metadata, first, blocksHoldingABlockTwice(model));
  return { snapshot, changes: snapshot === metadata ? first : diff(model, snapshot, updates) };
}

/** PostgreSQL's undefined_table (42P01): the core migrations have not run yet. */
function isMissingTable(error: unknown): boolean {
  for (let current = error; current instanceof Object; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === "42P01") return true;
    if (current instanceof Error && /relation "[a-z_]+" does not exist/.test(current.message)) return true;
  }
  return false;
}

/**
 * Blocks with two or more attributes holding the same block type. Only the attributes seen on their
 * instance relations tell whether each attribute already has instances (the relation row has none, g.2).
 */
function blocksHoldingABlockTwice(model: DomainModel): string[] {
  return model.blocks
    .filter((block) => {
      const held = block.blockFields.flatMap((field) => field.blocks);
      return new Set(held).size < held.length;
    })
    .map((block) => block.name);
}
