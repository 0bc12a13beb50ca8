// The language server on orchestrator-core's own database (the fixtures): the status says it is not
// adopted, upgrading is refused naming `orchestrator db adopt`, and the "Adopt database…" command adopts
// it, after which the models are compared as on any database.
import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createCoreDatabase,
  FIXTURES_AVAILABLE,
  fixturesMissingReason,
  runPsql,
  type TestDatabase,
} from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type TestProject } from "../helpers/projects.ts";
import { startServer, type TestClient } from "./client.ts";

const CATALOGUE_MODELS = fileURLToPath(
  new URL("../cli/__fixtures__/catalogue-workshop/products/", import.meta.url),
);

describe.skipIf(!FIXTURES_AVAILABLE)(
  `language server on orchestrator-core's database ${fixturesMissingReason() ?? ""}`,
  () => {
    let core: TestDatabase;
    let url: string;
    let project: TestProject;
    let client: TestClient;

    beforeAll(async () => {
      core = await createCoreDatabase({ catalogue: true, exampleHead: true });
      if (core.target.kind !== "postgresql") throw new Error("expected PostgreSQL");
      url = core.target.url;
      project = await createProject("postgresql", { copyExample: true });
      cpSync(CATALOGUE_MODELS, join(project.dir, "products"), { recursive: true });
      client = await startServer({ root: project.dir, initializationOptions: { databaseUrl: url } });
    });
    afterAll(async () => {
      await client?.stop();
      await project?.dispose();
      await core?.dispose();
    });

    it("shows 'orchestrator-core database, not adopted', refuses to upgrade, then adopts with Adopt database…", async () => {
      const status = await client.waitFor("the not-adopted status", () =>
        client.statuses.find((s) => s.state === "not-adopted"),
      );
      expect(status.message).toContain(
        "orchestrator-core database (alembic 610caa9e4286, ca79fd834ba0), not adopted",
      );

      await client.execute("orchestrator.upgradeDatabase");
      const refusal = await client.waitFor("the refusal", () =>
        client.messages.find((m) => m.message.includes("orchestrator db adopt")),
      );
      expect(refusal.type).toBe(1);
      expect(runPsql(url, "SELECT to_regclass('orchestrator_migrations') IS NOT NULL").trim()).toBe("f");

      expect(await client.execute("orchestrator.adoptDatabase")).toEqual({ status: "adopted" });
      await client.waitFor("the models compared with the adopted database", () =>
        client.statuses.at(-1)?.state === "differs" ? true : undefined,
      );
      expect(
        runPsql(url, "SELECT count(*) FROM orchestrator_migrations WHERE adopted_alembic IS NOT NULL").trim(),
      ).toBe("1");
    });
  },
);
