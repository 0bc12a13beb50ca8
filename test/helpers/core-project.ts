// orchestrator-core's own database (the fixtures' schema dump, its seed rows and example-orchestrator's
// catalogue, on PostgreSQL) beside a project whose models describe that catalogue: where the adoption
// tests of the CLI and the language server start.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCoreDatabase, runPsql, type TestDatabase } from "@orchestrator/sdk/testing";
import { createProject, type TestProject } from "./projects.ts";

const CATALOGUE_MODELS = fileURLToPath(
  new URL("../cli/__fixtures__/catalogue-workshop/products/", import.meta.url),
);

/** orchestrator-core's catalogue tables: what adoption and the generated migrations must keep intact. */
export const CATALOGUE_TABLES = [
  "products",
  "product_blocks",
  "resource_types",
  "fixed_inputs",
  "product_product_blocks",
  "product_block_relations",
  "product_block_resource_types",
  "workflows",
  "products_workflows",
];

export interface CoreProject {
  core: TestDatabase;
  url: string;
  project: TestProject;
  dispose(): Promise<void>;
}

export async function createCoreProject(): Promise<CoreProject> {
  const core = await createCoreDatabase({ catalogue: true, exampleHead: true });
  if (core.target.kind !== "postgresql") {
    await core.dispose();
    throw new Error("orchestrator-core's database is a PostgreSQL one; got an embedded one");
  }
  const project = await createProject("postgresql", { copyExample: true });
  cpSync(CATALOGUE_MODELS, join(project.dir, "products"), { recursive: true });
  return {
    core,
    url: core.target.url,
    project,
    async dispose() {
      await project.dispose();
      await core.dispose();
    },
  };
}

/** Every row of the catalogue tables, ordered, as text. */
export function catalogueRows(url: string): string {
  return CATALOGUE_TABLES.map(
    (table) => `${table}\n${runPsql(url, `SELECT t::text FROM ${table} t ORDER BY t::text`).trim()}`,
  ).join("\n");
}
