// What `db check` decides, as data for views that show it next to the metadata (`orchestrator serve`'s
// status line): applied and pending migrations, changed files, and, when the database is up to date,
// each way the domain models differ from it with the model source location it comes from.
import type { Project } from "../config/load-project.ts";
import type { Database } from "../db/database.ts";
import { countChanges } from "../diff/change-set-summary.ts";
import { MigrationRunner } from "../migrations/migration-runner.ts";
import { migrationSources } from "../migrations/migration-source.ts";
import type { DomainModel, SourceLocation } from "../model/domain-model.ts";
import { compareWithDatabase } from "../project/compare-with-database.ts";
import { listModelDifferences, type ModelDifference } from "./model-differences.ts";

export type CheckVerdict = "agree" | "migrations-changed" | "migrations-pending" | "models-differ";

export interface ProjectStatus {
  /** Applied migrations, oldest first. */
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed or is gone. */
  changed: string[];
  verdict: CheckVerdict;
  /** countChanges of the comparison (what `db check` reports); 0 when the models were not compared. */
  differenceCount: number;
  /** Empty when the models were not compared (migrations pending or changed). */
  differences: ModelDifference[];
}

export type { ModelDifference, SourceLocation };

/**
 * `db check` as data: migrations first (models are compared only with an up-to-date database), then
 * the models against the database's metadata.
 * @example const status = await readProjectStatus(db, project, await loadRegistry(project.registryFile));
 */
export async function readProjectStatus(
  db: Database,
  project: Pick<Project, "migrationsDir">,
  model: DomainModel,
): Promise<ProjectStatus> {
  const statuses = await new MigrationRunner(db, migrationSources(project.migrationsDir)).status();
  const applied = statuses.filter((s) => s.applied).map((s) => s.name);
  const pending = statuses.filter((s) => !s.applied).map((s) => s.name);
  const changed = statuses.filter((s) => s.changed || s.missing).map((s) => s.name);
  const base = { applied, pending, changed, differenceCount: 0, differences: [] };
  if (changed.length > 0) return { ...base, verdict: "migrations-changed" };
  if (pending.length > 0) return { ...base, verdict: "migrations-pending" };
  const { changes } = await compareWithDatabase(db, model);
  const differenceCount = countChanges(changes);
  return {
    ...base,
    verdict: differenceCount > 0 ? "models-differ" : "agree",
    differenceCount,
    differences: listModelDifferences(changes),
  };
}
