// Domain models × database: the snapshot and the change set, in at most 9 queries whatever the size. The first
// diff runs on the metadata alone; counts (subscriptions, instances, values, attributes seen on instance
// relations) are then read only for what it touches, and the diff runs again on the enriched snapshot.

import type { Database } from "../db/database.ts";
import { isMissingTable } from "../db/postgres-errors.ts";
import type { ChangeSet, Updates } from "../diff/change-set.ts";
import type { Comparison } from "../diff/comparison.ts";
import { diff } from "../diff/diff.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { addCounts, countsToRead, readSnapshot, touchedNames } from "../snapshot/read-snapshot.ts";
import type { Snapshot } from "../snapshot/snapshot.ts";
import { countDeletions, deletionsToCount } from "./count-deletions.ts";
import { ProjectError } from "./project-errors.ts";

export type { Comparison };

/**
 * Reads the database's product metadata and compares it with the models: the snapshot read, and the change
 * set that brings the database in line with the models, with exact counts of what each deletion removes.
 * Takes a fixed number of queries whatever the database's size. Pass `--updates` here so the counts are
 * those of the renamed change set.
 *
 * @throws ProjectError (`ORCH_SCHEMA_MISSING`) when the core schema has not been migrated yet.
 * @example
 * const comparison = await withDatabase(project.database, {}, (db) => compareWithDatabase(db, model));
 * console.log(countChanges(comparison.changes), "changes");
 */
export async function compareWithDatabase(
  db: Database,
  model: DomainModel,
  updates?: Updates,
): Promise<Comparison> {
  return compareWithMetadata(db, readMetadata(db), model, updates);
}

/**
 * The metadata `compareWithDatabase` starts from: read ahead by a process that holds the database while it
 * waits for its models (database-process-child.ts).
 */
export function readMetadata(db: Database): Promise<Snapshot> {
  return readSnapshot(db).catch((error: unknown) => {
    throw isMissingTable(error) ? ProjectError.schemaMissing(db.label) : error;
  });
}

/** compareWithDatabase from metadata read earlier, on the same open database and with nothing written since. */
export async function compareWithMetadata(
  db: Database,
  reading: Promise<Snapshot>,
  model: DomainModel,
  updates?: Updates,
): Promise<Comparison> {
  const metadata = await reading;
  const first = diff(model, metadata, updates);
  const snapshot = await addCounts(db, metadata, first, blocksCountedPerAttribute(model));
  const changes = snapshot === metadata ? first : diff(model, snapshot, updates);
  await countDeletions(db, changes);
  // The rows a downgrade restores are read by generateMigration: an editor compares on every save, and
  // only a migration being written needs them.
  return { snapshot, changes };
}

/**
 * compareWithDatabase from metadata read earlier, when the comparison needs nothing more from the
 * database: no counts (the change set touches nothing the database has) and no deletion to count. Gives
 * undefined otherwise (then compare on the database, from the same metadata). A language server whose
 * database process read the metadata while the models loaded then need not send it the models.
 */
export function compareWithoutDatabase(
  metadata: Snapshot,
  model: DomainModel,
  updates?: Updates,
): Comparison | undefined {
  const changes = diff(model, metadata, updates);
  if (countsToRead(metadata, changes, blocksCountedPerAttribute(model))) return undefined;
  if (deletionsToCount(changes).length > 0) return undefined;
  return { snapshot: metadata, changes };
}

/**
 * Compares new models with what an earlier `compareWithDatabase` read, without the database: for an
 * editor that re-loads the models on every save while the database stays as it was. The earlier read
 * holds counts only for what its change set touched, so this gives undefined when the new change set
 * touches something else (then compare with the database).
 */
export function compareAgain(
  earlier: { model: DomainModel; comparison: Comparison },
  model: DomainModel,
  updates?: Updates,
): Comparison | undefined {
  const counted = countedNames(earlier.model, earlier.comparison.changes);
  const changes = diff(model, earlier.comparison.snapshot, updates);
  const needed = countedNames(model, changes);
  for (const kind of ["products", "blocks", "resourceTypes"] as const)
    for (const name of needed[kind]) if (!counted[kind].has(name)) return undefined;
  return { snapshot: earlier.comparison.snapshot, changes };
}

/** The names whose counts `compareWithDatabase` reads for this model and change set. */
function countedNames(model: DomainModel, changes: ChangeSet): ReturnType<typeof touchedNames> {
  const names = touchedNames(changes);
  for (const block of blocksCountedPerAttribute(model)) names.blocks.add(block);
  return names;
}

/**
 * Blocks whose instances are counted per attribute even when the change set does not touch them. Those
 * with two or more attributes holding the same block type: only the attributes seen on their instance
 * relations tell whether each attribute already has instances (the relation row has none). Those
 * with a list of blocks that has a `.min()`: only the sizes of their lists tell whether an instance falls
 * short of it.
 */
function blocksCountedPerAttribute(model: DomainModel): string[] {
  return model.blocks
    .filter((block) => {
      const held = block.blockFields.flatMap((field) => field.blocks);
      const holdsTwice = new Set(held).size < held.length;
      return holdsTwice || block.blockFields.some((field) => field.list && (field.min ?? 0) > 0);
    })
    .map((block) => block.name);
}
