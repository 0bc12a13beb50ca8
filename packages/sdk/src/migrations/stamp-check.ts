// Whether a migration may be recorded as applied without running it (alembic's `stamp`). Stricter than
// alembic, whose stamp moves one version pointer: here every migration has its own bookkeeping row, so a
// stamp that skipped an older pending migration would leave it to run later, out of order, on a database
// built as if it had run. Checked before asking and again under the migration lock, on the rows then
// (docs/design.md, Stamping and reverting migrations).
import { MigrationError } from "./migration-errors.ts";
import type { MigrationSource } from "./migration-source.ts";

/** The source to stamp, or the reason it may not be: unknown, a core migration, applied, or out of order. */
export function checkStamp(
  name: string,
  sources: readonly MigrationSource[],
  appliedAt: ReadonlyMap<string, string | undefined>,
): MigrationSource {
  const index = sources.findIndex((source) => source.name === name);
  if (index < 0)
    throw MigrationError.unknownTarget(
      name,
      sources.map((source) => source.name),
    );
  const source = sources[index]!;
  // Core migrations create the tables everything else needs; recording one unrun is what adoption does,
  // and only after checking that orchestrator-core's tables fit.
  if (source.kind === "core") throw MigrationError.stampCore(name);
  if (appliedAt.has(name)) throw MigrationError.stampAlreadyApplied(name, appliedAt.get(name));
  const olderPending = sources.slice(0, index).filter((older) => !appliedAt.has(older.name));
  if (olderPending.length > 0)
    throw MigrationError.stampLeavesGap(
      name,
      olderPending.map((older) => older.name),
    );
  return source;
}
