// The SDK's own schema migrations, applied before any of a project's data migrations. Append only:
// an applied core migration must never change (its checksum is recorded).
import * as orchestratorSchema from "./0001-orchestrator-schema.ts";

export interface CoreMigration {
  name: string;
  up: readonly string[];
  down: readonly string[];
  /**
   * Checksums of earlier releases of this migration that databases may hold. A database built by one of
   * them is accepted as having it applied (not "changed"); its `down` must revert those versions too.
   */
  formerChecksums?: readonly string[];
}

export const CORE_MIGRATIONS: readonly CoreMigration[] = [
  {
    name: "0001_orchestrator_schema",
    up: orchestratorSchema.up,
    down: orchestratorSchema.down,
    // 0.1.0, before the process and customer-description tables matched orchestrator-core's (see the
    // README, "Differences from orchestrator-core's schema"). Those tables are not read by this toolkit,
    // so such a database keeps working as it is.
    formerChecksums: ["684a06108fc66bff771d95bb7f91ede79dc07807cd4cc887392bd193b6610272"],
  },
];

/** The core migration a newly generated data migration builds on. */
export const CORE_HEAD: string = CORE_MIGRATIONS[CORE_MIGRATIONS.length - 1]!.name;
