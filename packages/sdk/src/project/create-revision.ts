// `db revision MESSAGE`: an empty data migration to fill in by hand, in the same form and place as the
// generated ones, so it takes its turn in the one line of migrations.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Project } from "../config/load-project.ts";
import { CORE_HEAD } from "../db/core-migrations/index.ts";
import { newMigrationTime } from "../migrations/migration-time.ts";
import { migrationFileName, renderMigrationFile } from "../migrations/render-migration-file.ts";
import { ensureWritable } from "./generate-migration.ts";
import { ProjectError } from "./project-errors.ts";
import { writeNewFile } from "./write-new-file.ts";

const HOW_TO_FILL_IN =
  'Fill in up() and down(): this.addSql("…") for each statement, or this.addStatements(createProduct({ … })) with the migration helpers of @orchestrator/sdk. Each runs in one transaction.';

export function createRevision(project: Project, message: string, at: Date = new Date()): string {
  ensureWritable(project.migrationsDir);
  const now = newMigrationTime(project.migrationsDir, at);
  const file = join(project.migrationsDir, migrationFileName(message, now));
  if (existsSync(file)) throw ProjectError.migrationExists(file);
  const text = renderMigrationFile({
    message,
    basedOn: CORE_HEAD,
    upgrade: [],
    downgrade: [],
    createdAt: now,
    generatedBy: "orchestrator db revision",
    notes: [HOW_TO_FILL_IN],
  });
  writeNewFile(file, text);
  return file;
}
