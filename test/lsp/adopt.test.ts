// The language server on orchestrator-core's own database (the fixtures): the status says it is not
// adopted, upgrading is refused naming `orchestrator db adopt`, and the "Adopt database…" command adopts
// it, after which the models are compared as on any database.
import { FIXTURES_AVAILABLE, fixturesMissingReason, runPsql } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CoreProject, createCoreProject } from "../helpers/core-project.ts";
import type { TestProject } from "../helpers/projects.ts";
import { startServer, type TestClient } from "./client.ts";

describe.skipIf(!FIXTURES_AVAILABLE)(
  `language server on orchestrator-core's database ${fixturesMissingReason() ?? ""}`,
  () => {
    let setup: CoreProject | undefined;
    let url: string;
    let project: TestProject;
    let client: TestClient;

    beforeAll(async () => {
      setup = await createCoreProject();
      ({ url, project } = setup);
      client = await startServer({ root: project.dir, initializationOptions: { databaseUrl: url } });
    });
    afterAll(async () => {
      await client?.stop();
      await setup?.dispose();
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
