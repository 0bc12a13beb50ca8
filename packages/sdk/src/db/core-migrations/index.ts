// The SDK's own schema migrations, applied before any of a project's data migrations. Append only:
// an applied core migration must never change (its checksum is recorded).
import * as orchestratorSchema from "./0001-orchestrator-schema.ts";

export interface CoreMigration {
  name: string;
  up: readonly string[];
  down: readonly string[];
}

export const CORE_MIGRATIONS: readonly CoreMigration[] = [
  { name: "0001_orchestrator_schema", up: orchestratorSchema.up, down: orchestratorSchema.down },
];

/** The core migration a newly generated data migration builds on. */
export const CORE_HEAD: string = CORE_MIGRATIONS[CORE_MIGRATIONS.length - 1]!.name;
