// `db migrate-domain-models` as one SDK call, shared by the CLI and the language server: from a
// comparison of the models with the database (read beforehand, so the database is not held while a
// user answers questions), resolve the answers, plan the SQL, and write the migration file.
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../config/load-project.ts";
import { CORE_HEAD } from "../db/core-migrations/index.ts";
import { withDatabase } from "../db/database.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { isEmptyChangeSet } from "../diff/change-set-summary.ts";
import { newMigrationTime } from "../migrations/migration-time.ts";
import { migrationFileName, renderMigrationFile } from "../migrations/render-migration-file.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { countImpact, type Impact } from "../plan/count-impact.ts";
import { planMigration } from "../plan/plan-migration.ts";
import type { AnswerResolver, Question } from "../questions/question.ts";
import { resolveAnswers } from "../questions/resolve-answers.ts";
import { type RestoreRows, readRestoreRows, removesRows } from "../snapshot/read-restore-rows.ts";
import type { Comparison } from "./compare-with-database.ts";
import { ProjectError } from "./project-errors.ts";
import { writeNewFile } from "./write-new-file.ts";

export interface GenerateMigrationOptions {
  message: string;
  /** --inputs: JSON text or the parsed object. */
  inputs?: unknown;
  /** --updates: JSON text or the parsed object; when given, no rename is asked. */
  updates?: unknown;
  /** Asks what nobody answered in advance; without one, MissingAnswersError lists what is missing. */
  resolver?: AnswerResolver;
  /** Deleting existing data is confirmed in advance. */
  confirmDeletions?: boolean;
  /** Filling lists below their `.min()` is answered in advance: true fills, false leaves; undefined asks. */
  fillListsToMin?: boolean;
  /** false: plan only (--test), write nothing. */
  write?: boolean;
  /**
   * Answer what nobody answered with placeholders instead of failing (see `unanswered`). A plan with
   * placeholders is never written, whatever `write` says.
   */
  placeholders?: boolean;
  /** Called with the plan before the file is written; false cancels (nothing is written). */
  confirm?: (plan: GeneratedMigration) => Promise<boolean>;
  /**
   * Reads the rows the change set removes, so that the downgrade restores them as they were (ids,
   * timestamps). Called only when the change set removes something, after every question is answered.
   * Default: opens the project's database for that read. A caller that still holds the database, or
   * reads it elsewhere (the language server's embedded database lives in a child process), passes its own.
   */
  readRestoreRows?: (changes: ChangeSet) => Promise<RestoreRows>;
  now?: Date;
}

export interface GeneratedMigration {
  /** The change set that was planned (renames applied). */
  changes: ChangeSet;
  questions: Question[];
  /** The questions answered with placeholders (only with the `placeholders` option). */
  unanswered: Question[];
  impact: Impact[];
  upgrade: string[];
  downgrade: string[];
  /** --inputs and --updates entries this migration did not need (see ResolvedAnswers.unusedInputs). */
  unusedInputs: string[];
  /** The written file; null when nothing was written. */
  file: string | null;
  nothingToDo: boolean;
}

/**
 * `db migrate-domain-models` as one call: resolves the answers for a comparison (renames first, then
 * --inputs, the models and the resolver), plans the upgrade and downgrade, and writes the migration file
 * unless `write` is false or `confirm` declines. Nothing is written when anything fails.
 *
 * @param comparison - from `compareWithDatabase`, read beforehand so the database is not held while a
 * user answers questions.
 * @throws MissingAnswersError, InvalidAnswerError, AnswersFileError, MigrationCancelledError, ProjectError.
 * @example
 * const project = await loadProject();
 * const model = await loadRegistry(project.registryFile);
 * const comparison = await withDatabase(project.database, {}, async (db) => {
 *   await assertNoPendingMigrations(db, project.migrationsDir);
 *   return compareWithDatabase(db, model);
 * });
 * const { file } = await generateMigration(project, comparison, model, { message: "Add users", inputs });
 */
export async function generateMigration(
  project: Project,
  comparison: Comparison,
  model: DomainModel,
  options: GenerateMigrationOptions,
): Promise<GeneratedMigration> {
  if (isEmptyChangeSet(comparison.changes)) {
    return {
      changes: comparison.changes,
      questions: [],
      unanswered: [],
      impact: [],
      unusedInputs: [],
      upgrade: [],
      downgrade: [],
      file: null,
      nothingToDo: true,
    };
  }
  // Refuse an unwritable folder before asking anything, not after the user answered every question.
  if (options.write !== false) ensureWritable(project.migrationsDir);
  const resolved = await resolveAnswers(
    comparison,
    model,
    {
      inputs: options.inputs,
      updates: options.updates,
      confirmDeletions: options.confirmDeletions ?? false,
      ...(options.fillListsToMin === undefined ? {} : { fillListsToMin: options.fillListsToMin }),
      ...(options.placeholders ? { placeholders: true } : {}),
    },
    options.resolver,
  );
  const restoreRows = removesRows(resolved.changeSet)
    ? await (options.readRestoreRows ?? readFromProject(project))(resolved.changeSet)
    : undefined;
  const plan = planMigration(resolved.changeSet, resolved.answers, restoreRows);
  const result: GeneratedMigration = {
    changes: resolved.changeSet,
    questions: resolved.questions,
    unanswered: resolved.questions.filter((q) => q.source === "placeholder"),
    impact: countImpact(resolved.changeSet, resolved.answers),
    unusedInputs: resolved.unusedInputs,
    upgrade: plan.upgrade,
    downgrade: plan.downgrade,
    file: null,
    nothingToDo: plan.upgrade.length === 0 && plan.downgrade.length === 0,
  };
  if (options.write === false || result.nothingToDo || result.unanswered.length > 0) return result;
  if (options.confirm && !(await options.confirm(result))) return result;

  const createdAt = newMigrationTime(project.migrationsDir, options.now ?? new Date());
  const text = renderMigrationFile({
    message: options.message,
    basedOn: CORE_HEAD,
    upgrade: plan.upgrade,
    downgrade: plan.downgrade,
    createdAt,
  });
  const file = join(project.migrationsDir, migrationFileName(options.message, createdAt));
  if (existsSync(file)) throw ProjectError.migrationExists(file);
  writeNewFile(file, text);
  return { ...result, file };
}

export function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw ProjectError.notWritable(dir, error);
  }
}

/** The restore rows read from the project's database, opened for that read alone. */
function readFromProject(project: Project): (changes: ChangeSet) => Promise<RestoreRows> {
  return (changes) => withDatabase(project.database, {}, (db) => readRestoreRows(db, changes));
}
