// The LSP tests' project: a copy of apps/example-orchestrator whose database holds the workshop's
// products, except that UserBlock lacks `age` in the database and has an extra `nickname` resource type
// there (with values), and a few subscriptions so messages carry real counts. Built through the SDK
// (workshop-setup.ts), as `db upgrade heads` + `db migrate-domain-models "init" --inputs @answers.json`
// + `db upgrade heads` and some hand-written SQL would.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DatabaseKind } from "@orchestrator/sdk/testing";
import { cleanEnv } from "../helpers/cli.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const SETUP = fileURLToPath(new URL("./workshop-setup.ts", import.meta.url));

export async function createWorkshopProject(kind: DatabaseKind): Promise<TestProject> {
  const project = await createProject(kind, { copyExample: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [SETUP, project.dir, project.databaseUrl], {
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`workshop set-up failed (exit ${code}):\n${output}`)),
    );
  });
  return project;
}
