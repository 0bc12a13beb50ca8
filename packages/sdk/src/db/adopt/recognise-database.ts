// Who built a database: nobody yet, this project (its core migration ran), or orchestrator-core (its
// alembic migrations ran: alembic_version beside the orchestrator's tables), adopted or not. Read only.
import { MIGRATIONS_TABLE } from "../../migrations/migration-lock.ts";
import type { Queryable } from "./table-shapes.ts";

export type DatabaseOrigin =
  | { kind: "empty" }
  | { kind: "project" }
  /** Orchestrator tables, but neither alembic_version nor this project's bookkeeping. */
  | { kind: "unknown" }
  | { kind: "orchestrator-core"; alembic: string[]; adoption?: Adoption };

export interface Adoption {
  /** When the core migration was recorded as adopted (ISO 8601). */
  at: string;
  /** The alembic revisions found at adoption. */
  alembic: string[];
}

export async function recogniseDatabase(db: Queryable): Promise<DatabaseOrigin> {
  const alembic = await readAlembicRevisions(db);
  const core = await coreRows(db);
  if (alembic !== undefined) {
    const adopted = core.find((row) => row.adopted_alembic !== null);
    if (!adopted) return { kind: "orchestrator-core", alembic };
    return {
      kind: "orchestrator-core",
      alembic,
      adoption: {
        at: new Date(adopted.applied_at).toISOString(),
        alembic: splitRevisions(adopted.adopted_alembic!),
      },
    };
  }
  if (core.length > 0) return { kind: "project" };
  const [products] = await db.query<{ found: string | null }>(
    "SELECT to_regclass('products')::text AS found",
  );
  return products?.found ? { kind: "unknown" } : { kind: "empty" };
}

/** The revisions in alembic_version, sorted; undefined when the table does not exist. */
export async function readAlembicRevisions(db: Queryable): Promise<string[] | undefined> {
  const [table] = await db.query<{ found: string | null }>(
    "SELECT to_regclass('alembic_version')::text AS found",
  );
  if (!table?.found) return undefined;
  const rows = await db.query<{ version_num: string }>(
    "SELECT version_num FROM alembic_version ORDER BY version_num",
  );
  return rows.map((row) => row.version_num);
}

export function joinRevisions(revisions: readonly string[]): string {
  return revisions.join(",");
}

export function splitRevisions(text: string): string[] {
  return text.split(",").filter((revision) => revision !== "");
}

async function coreRows(
  db: Queryable,
): Promise<{ applied_at: string | Date; adopted_alembic: string | null }[]> {
  const [table] = await db.query<{ found: string | null }>(
    `SELECT to_regclass('${MIGRATIONS_TABLE}')::text AS found`,
  );
  if (!table?.found) return [];
  // to_jsonb reads adopted_alembic also from a bookkeeping table made before that column existed.
  return db.query(
    `SELECT applied_at, to_jsonb(m) ->> 'adopted_alembic' AS adopted_alembic
       FROM ${MIGRATIONS_TABLE} m WHERE kind = 'core' ORDER BY id`,
  );
}
