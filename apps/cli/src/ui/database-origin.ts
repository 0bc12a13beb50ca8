// How a database's origin reads in every command: "orchestrator-core database (alembic …), not adopted".
import type { DatabaseOrigin } from "@orchestrator/sdk";

export function describeOrigin(origin: DatabaseOrigin): string | undefined {
  if (origin.kind !== "orchestrator-core") return undefined;
  const alembic = `alembic ${origin.alembic.join(", ")}`;
  if (!origin.adoption) return `orchestrator-core database (${alembic}), not adopted`;
  return `orchestrator-core database (${alembic}), adopted ${origin.adoption.at} at alembic ${origin.adoption.alembic.join(", ")}`;
}

export const ADOPT_HINT = "Run `orchestrator db adopt` to adopt it before migrating.";

export function isUnadopted(origin: DatabaseOrigin): boolean {
  return origin.kind === "orchestrator-core" && !origin.adoption;
}
