// Generated migrations on an adopted orchestrator-core database that holds subscriptions, with
// orchestrator-core's triggers in place: the deferred *_refresh_search triggers that refresh the
// subscriptions_search materialized view at commit, and the version triggers. Create, rename, backfill
// and delete each commit without error, and a deletion's downgrade brings back the catalogue rows as
// they were (same ids), its products_workflows rows included.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_AVAILABLE, fixturesMissingReason, runPsql } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectExit, runCli } from "../helpers/cli.ts";
import { type CoreProject, catalogueRows, createCoreProject } from "../helpers/core-project.ts";
import type { TestProject } from "../helpers/projects.ts";

/** Two node subscriptions with a Node instance each and some of its values, inserted as orchestrator-core would. */
const SUBSCRIPTIONS_SQL = `
INSERT INTO subscriptions (description, status, product_id, customer_id, insync)
  SELECT 'node ' || n, 'active', product_id, 'customer', true FROM products, generate_series(1, 2) n
   WHERE name = 'node Cisco';
INSERT INTO subscription_instances (subscription_id, product_block_id, label)
  SELECT subscription_id, product_block_id, 'node' FROM subscriptions, product_blocks WHERE product_blocks.name = 'Node';
INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value)
  SELECT subscription_instance_id, resource_type_id, resource_type || '-value'
    FROM subscription_instances, resource_types WHERE resource_type IN ('node_name', 'node_status');
INSERT INTO subscription_customer_descriptions (subscription_id, customer_id, description)
  SELECT subscription_id, 'customer', 'their node' FROM subscriptions;
`;

describe.skipIf(!FIXTURES_AVAILABLE)(
  `migrations on an adopted orchestrator-core database ${fixturesMissingReason() ?? ""}`,
  () => {
    let setup: CoreProject | undefined;
    let url: string;
    let project: TestProject;
    const cli = (...args: string[]) => runCli([...args, "--database-url", url], { cwd: project.dir });
    const catalogue = () => join(project.dir, "products", "catalogue.ts");
    const editCatalogue = (from: string, to: string) => {
      const text = readFileSync(catalogue(), "utf8");
      expect(text).toContain(from);
      writeFileSync(catalogue(), text.replace(from, to));
    };
    const rows = (sql: string) => runPsql(url, sql).trim();
    const migrateAndUpgrade = async (message: string, ...flags: string[]) => {
      expectExit(await cli("db", "migrate-domain-models", message, ...flags), 0);
      expectExit(await cli("db", "upgrade", "heads"), 0);
      expectExit(await cli("db", "check"), 0);
    };

    beforeAll(async () => {
      setup = await createCoreProject();
      ({ url, project } = setup);
      runPsql(url, SUBSCRIPTIONS_SQL);
      expectExit(await cli("db", "adopt", "--yes"), 0);
    });
    afterAll(async () => {
      await setup?.dispose();
    });

    it("has orchestrator-core's deferred refresh triggers and version triggers in place", () => {
      expect(rows("SELECT count(*) FROM subscriptions_search")).toBe("2");
      const triggers = rows(
        "SELECT string_agg(tgname, ',' ORDER BY tgname) FROM pg_trigger WHERE tgname IN ('sub_refresh_search', 'siv_refresh_search', 'subscriptions_increment_version_trigger') AND tgenabled <> 'D'",
      );
      expect(triggers).toBe("siv_refresh_search,sub_refresh_search,subscriptions_increment_version_trigger");
    });

    it("creates the workshop's products", async () => {
      await migrateAndUpgrade("Add the workshop", "--inputs", "@answers.json");
      expect(rows("SELECT count(*) FROM products")).toBe("14");
    });

    it("renames a resource type that holds values", async () => {
      editCatalogue("node_name: r.string(),", "hostname: r.string(),");
      await migrateAndUpgrade(
        "Rename node_name",
        "--updates",
        '{"resource_types": {"node_name": "hostname"}}',
      );
      expect(
        rows(
          "SELECT count(*) FROM subscription_instance_values JOIN resource_types USING (resource_type_id) WHERE resource_type = 'hostname' AND value = 'node_name-value'",
        ),
      ).toBe("2");
    });

    it("backfills a new resource type on every existing instance", async () => {
      editCatalogue("node_status: r.string(),", "node_status: r.string(),\n    rack: r.string(),");
      writeFileSync(
        join(project.dir, "rack.json"),
        JSON.stringify({ rack: { description: "rack of the node", value: "R1" } }),
      );
      await migrateAndUpgrade("Add rack", "--inputs", "@rack.json");
      expect(
        rows(
          "SELECT count(*) FROM subscription_instance_values JOIN resource_types USING (resource_type_id) WHERE resource_type = 'rack' AND value = 'R1'",
        ),
      ).toBe("2");
      // The refresh at commit saw the new values.
      expect(rows("SELECT count(*) FROM subscriptions_search")).toBe("2");
    });

    it("deletes a resource type with values and a product with workflows; the downgrade restores the catalogue rows with their ids", async () => {
      const before = catalogueRows(url);
      const workflowsOfNsistp = rows(
        "SELECT count(*) FROM products_workflows JOIN products USING (product_id) WHERE name = 'nsistp'",
      );
      expect(Number(workflowsOfNsistp)).toBeGreaterThan(0);
      editCatalogue("    rack: r.string(),\n", "");
      editCatalogue("  nsistp: Nsistp,\n", "");
      await migrateAndUpgrade("Drop rack and nsistp", "--yes", "--confirm-warnings");
      expect(rows("SELECT count(*) FROM resource_types WHERE resource_type = 'rack'")).toBe("0");
      expect(rows("SELECT count(*) FROM products WHERE name = 'nsistp'")).toBe("0");

      expectExit(await cli("db", "downgrade"), 0);
      expect(catalogueRows(url)).toBe(before);
    });
  },
);
