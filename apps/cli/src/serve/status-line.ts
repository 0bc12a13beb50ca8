// The pages' status line: which database, the applied migrations, and `db check`'s verdict in its own
// words, with each difference linked to its model file and line. Without a project (serving a bare
// database), it reports the migrations table only and says the models were not compared.
import { type ModelLoader, OrchestratorError, type Project, readProjectStatus } from "@orchestrator/sdk";
import { checkMessage } from "../ui/check-words.ts";
import type { StatusBody } from "./api-routes.ts";
import type { DatabaseAccess } from "./database-access.ts";

export function statusReader(
  access: DatabaseAccess,
  project: Project | undefined,
  loader: ModelLoader | undefined,
): () => Promise<StatusBody> {
  const base = {
    database: access.label,
    databaseKind: access.target.kind,
    project: project?.configFile ?? null,
  };
  return async () => {
    if (!project || !loader) {
      return {
        ...base,
        applied: [],
        pending: [],
        changed: [],
        verdict: "no-project",
        message: "No orchestrator.config.ts here: showing the database only, models not compared.",
        differences: [],
      };
    }
    let model: Awaited<ReturnType<ModelLoader["load"]>>;
    try {
      model = await loader.load();
    } catch (error) {
      // Broken models are the project's state, not the server's: say so in the status line.
      if (!(error instanceof OrchestratorError)) throw error;
      return {
        ...base,
        applied: [],
        pending: [],
        changed: [],
        verdict: "models-invalid",
        message: error.message,
        differences: error.location
          ? [{ kind: "modelError", summary: error.message, location: error.location }]
          : [],
      };
    }
    const status = await access.use((db) => readProjectStatus(db, project, model));
    return {
      ...base,
      applied: status.applied,
      pending: status.pending,
      changed: status.changed,
      verdict: status.verdict,
      message: checkMessage({ ...status, differences: status.differenceCount }),
      differences: status.differences,
    };
  };
}
