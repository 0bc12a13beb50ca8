// The public API of @orchestrator/sdk. Everything not exported here is internal.

export { ConfigError } from "./config/config-errors.ts";
export { defineConfig, type OrchestratorConfig } from "./config/define-config.ts";
export { InitError } from "./config/init-errors.ts";
export { type InitOptions, type InitResult, initProject } from "./config/init-project.ts";
export { findConfigFile, type LoadProjectOptions, loadProject, type Project } from "./config/load-project.ts";
export * from "./db/adopt/index.ts";
export { CORE_HEAD, CORE_MIGRATIONS } from "./db/core-migrations/index.ts";
export { Database, type OpenDatabaseOptions, type TransactionScope, withDatabase } from "./db/database.ts";
export { DatabaseError, type LockHolder } from "./db/database-errors.ts";
export {
  type DatabaseSource,
  type DatabaseTarget,
  describeTarget,
  maskPassword,
  parseDatabaseTarget,
} from "./db/database-target.ts";
export { acquireDirectoryLock, DEFAULT_LOCK_TIMEOUT_MS, lockHolder } from "./db/directory-lock.ts";
export { embeddedDatabaseExists } from "./db/embedded-directory.ts";
export * as entities from "./db/entities/index.ts";
export {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeOf,
  type ChangeVisitor,
  visitChanges,
} from "./diff/change-kinds.ts";
export type * from "./diff/change-set.ts";
export { countChanges, emptyChangeSet, isEmptyChangeSet } from "./diff/change-set-summary.ts";
export { diff } from "./diff/diff.ts";
export { causeChain, formatLocation, OrchestratorError } from "./errors.ts";
export {
  type RevertPreview,
  type RowChange,
  removesSubscriptionData,
  SUBSCRIPTION_TABLES,
} from "./migrations/downgrade-preview.ts";
export type { DroppedTable } from "./migrations/dropped-tables.ts";
export * from "./migrations/helpers/index.ts";
export { Migration, type MigrationClass } from "./migrations/migration.ts";
export { MigrationError } from "./migrations/migration-errors.ts";
export {
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  type DowngradeOptions,
  type DowngradePlan,
  MIGRATIONS_TABLE,
  MigrationRunner,
  type MigrationRunnerOptions,
  type MigrationStatus,
} from "./migrations/migration-runner.ts";
export { type MigrationKind, type MigrationSource, migrationSources } from "./migrations/migration-source.ts";
export {
  migrationClassName,
  migrationFileName,
  type RenderMigrationFileOptions,
  renderMigrationFile,
} from "./migrations/render-migration-file.ts";
export type { BlockFieldBuilder } from "./model/block-field-builder.ts";
export type * from "./model/domain-model.ts";
export { LIFECYCLES } from "./model/domain-model.ts";
// The DSL (also its own cheap entry point, @orchestrator/sdk/model, for model files).
export * from "./model/index.ts";
export { isRequiredIn, LIFECYCLE_RANK } from "./model/lifecycle.ts";
export { type LoadRegistryOptions, loadRegistry } from "./model/load-registry.ts";
export { RegistryLoadError } from "./model/model-errors.ts";
export { createModelLoader, type ModelLoader, type ModelLoaderOptions } from "./model/model-loader.ts";
export type { ResourceTypeBuilder } from "./model/resource-type-builder.ts";
export { compileStatement } from "./plan/compile-statement.ts";
export type { Impact, ImpactCounts } from "./plan/count-impact.ts";
export { countImpact } from "./plan/count-impact.ts";
export { PlanError } from "./plan/plan-errors.ts";
export { type MigrationPlan, planMigration } from "./plan/plan-migration.ts";
export { sqlLiteral } from "./plan/sql-literal.ts";
export type * from "./plan/statement.ts";
export { agree, plural } from "./plural.ts";
export {
  type FixedInputView,
  listProducts,
  type ProductBlockView,
  type ProductView,
} from "./products/list-products.ts";
export {
  type Comparison,
  compareAgain,
  compareWithDatabase,
  compareWithoutDatabase,
} from "./project/compare-with-database.ts";
export { createRevision } from "./project/create-revision.ts";
export {
  type DatabaseProcess,
  runInDatabaseProcess,
  startDatabaseProcess,
} from "./project/database-process.ts";
export {
  type DatabaseState,
  type DatabaseTask,
  type DatabaseTaskResult,
  runDatabaseTask,
} from "./project/database-tasks.ts";
export { describePending } from "./project/describe-pending.ts";
export {
  type GeneratedMigration,
  type GenerateMigrationOptions,
  generateMigration,
} from "./project/generate-migration.ts";
export { assertNoPendingMigrations } from "./project/migrations-pending.ts";
export { ProjectError } from "./project/project-errors.ts";
export { PullError } from "./pull/pull-errors.ts";
export { type PullOptions, type PullResult, pullModels } from "./pull/pull-models.ts";
export type { PulledFile } from "./pull/render-files.ts";
export type { Answers, BlockAnswers, ProductAnswers, ResourceTypeAnswers } from "./questions/answers.ts";
export { listQuestions } from "./questions/build-questions.ts";
export { closestName } from "./questions/closest-name.ts";
export { type ExpectedAnswer, expectedAnswer } from "./questions/expected-answer.ts";
export { filterInputs } from "./questions/inputs-file.ts";
export type { AnswerResolver, Question, QuestionKind } from "./questions/question.ts";
export {
  type AnswerSource,
  HEADERS,
  type QuestionConstraints,
  type QuestionSubject,
} from "./questions/question.ts";
export type { AnswerProblem } from "./questions/question-errors.ts";
export {
  AnswersFileError,
  InvalidAnswerError,
  MigrationCancelledError,
  MissingAnswersError,
} from "./questions/question-errors.ts";
export { type AnswerSources, type ResolvedAnswers, resolveAnswers } from "./questions/resolve-answers.ts";
export { type RenameDecisions, resolveRenames } from "./questions/resolve-renames.ts";
export { parseUpdates } from "./questions/updates-file.ts";
export {
  DESCRIPTION_MAX_LENGTH,
  interpretAnswer,
  parseScalar,
  TAG_MAX_LENGTH,
  VALUE_MAX_LENGTH,
} from "./questions/validate-answer.ts";
// The read-only metadata view in orchestrator-core's API shapes (`orchestrator serve`, custom tooling).
export * from "./read-api/index.ts";
export { databaseFingerprint, METADATA_TABLES } from "./snapshot/database-fingerprint.ts";
export { type RestoreRows, readRestoreRows } from "./snapshot/read-restore-rows.ts";
export { addCounts, readSnapshot } from "./snapshot/read-snapshot.ts";
export type * from "./snapshot/snapshot.ts";
