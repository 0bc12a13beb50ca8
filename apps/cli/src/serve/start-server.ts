// Listening and stopping: the HTTP server on the chosen address, a clear error when the port is taken,
// and a shutdown that lets requests in flight finish before the database is closed.
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { ServeError } from "./serve-errors.ts";

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections and waits for open ones to end. */
  close(): Promise<void>;
}

export async function startServer(app: Hono, host: string, port: number): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? ServeError.portInUse(host, port)
          : ServeError.cannotListen(host, port, error),
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep idle connections open; without this, close waits for them to time out.
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}

/** Loopback addresses only this machine can reach; anything else is visible on a network. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}
