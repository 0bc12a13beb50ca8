import { defineConfig } from "@orchestrator/sdk";

export default defineConfig({
  // The module exporting SUBSCRIPTION_MODEL_REGISTRY: the workshop's User and UserGroup products.
  registry: "./products/index.ts",
  // This project's data migrations; the orchestrator's core schema ships with @orchestrator/sdk.
  migrations: "./migrations",
  // Unset: the embedded database in .orchestrator/db. Set DATABASE_URL to use a PostgreSQL server.
  database: process.env.DATABASE_URL,
});
