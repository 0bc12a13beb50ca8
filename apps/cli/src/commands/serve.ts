import { Flags } from "@oclif/core";
import type { Project } from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../base-command.ts";
import { style } from "../ui/style.ts";

export default class Serve extends BaseCommand<typeof Serve> {
  static override summary =
    "Serve the database's product metadata: orchestrator-core's API and the metadata pages.";
  static override description = helpWithExitCodes(
    "A read-only view of the configured database (the embedded default, or PostgreSQL): GET /api/products/ and the other orchestrator-core metadata endpoints, /api/openapi.json, and the Products, Product blocks, Resource types and Workflows pages at /. The embedded database is opened per request and released in between, so `db upgrade heads` works while this runs. Without an orchestrator.config.ts, pass --database-url to look at any database, orchestrator-core's included. Stops on Ctrl-C or SIGTERM.",
  );
  static override examples = [
    "<%= config.bin %> serve",
    "<%= config.bin %> serve --port 9000 --open",
    "<%= config.bin %> serve --database-url postgresql://localhost/orchestrator-core",
    "ORCHESTRATOR_SERVE_TOKEN=secret <%= config.bin %> serve --host 0.0.0.0",
  ];
  static override enableJsonFlag = false;
  static override flags = {
    port: Flags.integer({
      description: "Port to listen on (0: any free port)",
      default: 8080,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({
      description: "Address to listen on; other than loopback, it is reachable from the network",
      default: "127.0.0.1",
    }),
    token: Flags.string({
      description: "Require `Authorization: Bearer TOKEN` on /api (the pages read it from the URL's #token=)",
      env: "ORCHESTRATOR_SERVE_TOKEN",
    }),
    open: Flags.boolean({ description: "Open the pages in the default browser" }),
  };

  async run(): Promise<void> {
    // The server and its framework load only here, so other commands start as fast as before.
    const { serveProject } = await import("../serve/serve-project.ts");
    const project = await this.projectIfAny();
    const running = await serveProject({
      project,
      ...(project ? {} : { databaseUrl: this.flags["database-url"]! }),
      host: this.flags.host,
      port: this.flags.port,
      token: this.flags.token,
      lockTimeoutMs: this.lockTimeoutMs,
      warn: (message) => process.stderr.write(`${style.yellow("Warning:", process.stderr)} ${message}\n`),
    });
    this.log(`Serving ${running.database} at ${style.bold(running.url)}`);
    this.log(`  API: ${running.url}api/products/   OpenAPI: ${running.url}api/openapi.json   Ctrl-C stops.`);
    if (this.flags.open) running.openInBrowser();
    await running.stopped;
    this.log("Stopped.");
  }

  /** The project, or none when there is no config but --database-url names a database to look at. */
  async projectIfAny(): Promise<Project | undefined> {
    try {
      return await this.project();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ORCH_CONFIG_NOT_FOUND" && this.flags["database-url"]) return undefined;
      throw error;
    }
  }
}
