import { OrchestratorError } from "../../errors.ts";
import { agree, plural } from "../../plural.ts";
import { formatMismatch, type SchemaMismatch } from "./schema-compatibility.ts";

export class AdoptError extends OrchestratorError {
  /** The mismatches of an incompatible schema, for --json. */
  readonly mismatches: SchemaMismatch[] = [];

  /** A migration path reached an orchestrator-core database that was never adopted. */
  static notAdopted(label: string, alembic: string[]): AdoptError {
    return new AdoptError(
      "ORCH_DATABASE_NOT_ADOPTED",
      `${label} is an orchestrator-core database (alembic ${alembic.join(", ")}), not adopted: its tables were built by orchestrator-core, so this project's core migration must not run on it. Nothing was changed. Run \`orchestrator db adopt\` first; it checks that the schema fits and records the core migration as adopted.`,
    );
  }

  static incompatible(label: string, mismatches: SchemaMismatch[]): AdoptError {
    const error = new AdoptError(
      "ORCH_CANNOT_ADOPT",
      `Cannot adopt ${label}: ${plural(mismatches.length, "place")} in its schema ${agree(mismatches.length, "does", "do")} not fit what this project reads and writes:\n${mismatches.map((m) => `  - ${formatMismatch(m)}`).join("\n")}\nNothing was changed. Bring these columns back to orchestrator-core's definition (its alembic migrations), then run \`orchestrator db adopt\` again.`,
    );
    error.mismatches.push(...mismatches);
    return error;
  }

  static emptyDatabase(label: string): AdoptError {
    return new AdoptError(
      "ORCH_CANNOT_ADOPT",
      `Cannot adopt ${label}: it has no orchestrator-core tables (no alembic_version, no products). Nothing was changed. To build the orchestrator's schema in it, run \`orchestrator db upgrade heads\`.`,
    );
  }

  static unknownOrigin(label: string): AdoptError {
    return new AdoptError(
      "ORCH_CANNOT_ADOPT",
      `Cannot adopt ${label}: it has orchestrator tables but no alembic_version, so orchestrator-core did not build it, and no orchestrator_migrations rows, so this project did not either. Nothing was changed. Adopt a database that orchestrator-core manages, or start from an empty one (\`orchestrator db upgrade heads\`).`,
    );
  }

  static noCreatePrivilege(label: string, role: string, schema: string): AdoptError {
    return new AdoptError(
      "ORCH_CANNOT_ADOPT",
      `Cannot adopt ${label}: role ${role} may not create tables in schema ${schema}, and adopting creates the bookkeeping table orchestrator_migrations there. Nothing was changed. Run it as the role that owns the orchestrator-core tables, or GRANT CREATE ON SCHEMA ${schema} TO ${role}.`,
    );
  }

  static downgradePastAdoption(migrations: string[], alembic: string[]): AdoptError {
    return new AdoptError(
      "ORCH_DOWNGRADE_PAST_ADOPTION",
      `Cannot revert ${migrations.join(", ")}: adopted from orchestrator-core (alembic ${alembic.join(", ")}), not run by this project, so reverting would drop orchestrator-core's tables. Nothing was reverted. Downgrade to ${migrations.at(-1)} at most (every data migration above it may be reverted); orchestrator-core's own schema is managed by its alembic migrations.`,
    );
  }

  toJSON(): Record<string, unknown> {
    return this.mismatches.length > 0 ? { mismatches: this.mismatches } : {};
  }
}
