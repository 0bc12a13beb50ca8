// A copy of the example project with the seed's workshop migration generated and applied.

import type { DatabaseKind } from "@orchestrator/sdk/testing";
import { expect } from "vitest";
import { runCli } from "./cli.ts";
import { createProject, type TestProject } from "./projects.ts";

export const WORKSHOP_MESSAGE = "Add User and UserGroup products";

export async function createWorkshopProject(kind: DatabaseKind): Promise<TestProject> {
  const project = await createProject(kind, { copyExample: true });
  for (const args of [
    ["db", "upgrade", "heads"],
    ["db", "migrate-domain-models", WORKSHOP_MESSAGE, "--inputs", "@answers.json"],
    ["db", "upgrade", "heads"],
  ]) {
    const result = await runCli([...args, ...project.dbFlags], { cwd: project.dir });
    expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(0);
  }
  return project;
}
