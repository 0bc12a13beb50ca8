// `orchestrator serve` wired together: the database access, the models for the status line, the app,
// the listening server, and a clean stop on SIGINT or SIGTERM.
import { spawn } from "node:child_process";
import { createModelLoader, type Project, parseDatabaseTarget } from "@orchestrator/sdk";
import { createApp } from "./create-app.ts";
import { DatabaseAccess } from "./database-access.ts";
import { isLoopback, startServer } from "./start-server.ts";
import { statusReader } from "./status-line.ts";

export interface ServeOptions {
  /** The project; without one, `databaseUrl` names the database and the models are not compared. */
  project: Project | undefined;
  databaseUrl?: string;
  host: string;
  port: number;
  token: string | undefined;
  lockTimeoutMs: number;
  warn: (message: string) => void;
}

export interface ServingProject {
  url: string;
  database: string;
  /** Resolves once a signal has stopped the server and everything is closed. */
  stopped: Promise<void>;
  openInBrowser(): void;
}

export async function serveProject(options: ServeOptions): Promise<ServingProject> {
  const { project } = options;
  const target = project?.database ?? parseDatabaseTarget(options.databaseUrl!, process.cwd());
  if (!isLoopback(options.host)) {
    options.warn(
      options.token
        ? `listening on ${options.host}, reachable from other machines; /api requires the bearer token.`
        : `listening on ${options.host}, reachable from other machines, without a token: anyone who reaches it can read the product metadata. Pass --token (or ORCHESTRATOR_SERVE_TOKEN) to require one.`,
    );
  }
  const access = new DatabaseAccess(target, options.lockTimeoutMs);
  const loader = project ? createModelLoader(project.registryFile) : undefined;
  const app = createApp({ access, readStatus: statusReader(access, project, loader), token: options.token });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(app, options.host, options.port);
  } catch (error) {
    await loader?.close();
    throw error;
  }

  const stopped = new Promise<void>((resolve) => {
    const stop = async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      await server.close();
      await access.close();
      await loader?.close();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  const pageUrl = options.token ? `${server.url}#token=${encodeURIComponent(options.token)}` : server.url;
  return {
    url: server.url,
    database: access.label,
    stopped,
    openInBrowser: () => {
      const opener =
        process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
      spawn(opener, [pageUrl], { detached: true, stdio: "ignore" })
        .on("error", () => {})
        .unref();
    },
  };
}
