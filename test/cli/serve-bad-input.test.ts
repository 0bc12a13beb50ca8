// Issue 15: what `orchestrator serve` does with bad input and a failing environment: paths outside the
// API, SQL-looking and huge query strings, writes, a non-loopback host, a port in use, the embedded
// database held by another process, and a database that goes away while serving.
import { rmSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { acquireDirectoryLock, Database } from "@orchestrator/sdk";
import { DATABASE_KINDS, POSTGRES_ADMIN_URL, targetFromUrl } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import type { TestProject } from "../helpers/projects.ts";
import { type ServeProcess, startServe } from "../helpers/serve.ts";
import { createWorkshopProject } from "../helpers/workshop-project.ts";

/** A GET with the path sent byte for byte (fetch would normalise `..` away). */
function rawGet(url: string, path: string, method = "GET"): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const productNames = async (server: ServeProcess) =>
  (await server.getJson<{ name: string }[]>("/api/products/")).map((p) => p.name);

// The faster database for the checks that do not depend on the kind.
const kind = DATABASE_KINDS.at(-1)!;

describe(`serve refuses bad requests (${kind})`, () => {
  let project: TestProject;
  let server: ServeProcess;
  beforeAll(async () => {
    project = await createWorkshopProject(kind);
    server = await startServe(project.dbFlags, { cwd: project.dir });
  });
  afterAll(async () => {
    await server?.stop();
    await project?.dispose();
  });

  it("serves no file outside its own pages, whatever the path", async () => {
    for (const path of [
      "/etc/passwd",
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/package.json",
      "/app.js/../../package.json",
      "/index.html",
      "/api/../orchestrator.config.ts",
      "/api/nothing-here",
    ]) {
      const response = await rawGet(server.url, path);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body), path).toEqual({ detail: "Not Found" });
    }
    expect((await rawGet(server.url, "/")).status).toBe(200);
  });

  it("treats a SQL-looking filter as a value: no match, and nothing changed", async () => {
    for (const tag of ["' OR '1'='1", "USER_INT'; DROP TABLE products; --", "%", "USER_INT' --"]) {
      const response = await server.get(`/api/products/?tag=${encodeURIComponent(tag)}`);
      expect(response.status, tag).toBe(200);
      expect(await response.json(), tag).toEqual([]);
    }
    expect(await productNames(server)).toEqual(["User Group", "User external", "User internal"]);
  });

  it("refuses an over-long filter with 422 and a huge query string with 431, and keeps serving", async () => {
    const long = await server.get(`/api/products/?product_type=${"x".repeat(1000)}`);
    expect(long.status).toBe(422);
    expect(JSON.stringify(await long.json())).toContain("product_type");
    const huge = await rawGet(server.url, `/api/products/?tag=${"x".repeat(17_000)}`);
    expect(huge.status).toBe(431);
    expect(await productNames(server)).toHaveLength(3);
  });

  it("is read-only: every method but GET and HEAD gets 405", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const response = await rawGet(server.url, "/api/products/", method);
      expect(response.status, method).toBe(405);
      expect(JSON.parse(response.body).detail).toContain("read-only");
    }
    expect(await productNames(server)).toHaveLength(3);
  });

  it("says clearly when the port is already in use, and exits 13", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runCli(["serve", "--port", String(port), ...project.dbFlags], {
        cwd: project.dir,
      });
      expect(result.code).toBe(13);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain("--port");
      expect(result.stderr).toContain("ORCH_SERVE_PORT_IN_USE");
    } finally {
      blocker.close();
    }
  });

  it("warns on a non-loopback host without a token, and with a token requires it on /api", async () => {
    const open = await startServe(["--host", "0.0.0.0", ...project.dbFlags], { cwd: project.dir });
    try {
      expect(open.output().stderr).toContain("reachable from other machines, without a token");
    } finally {
      await open.stop();
    }
    const guarded = await startServe(["--host", "0.0.0.0", ...project.dbFlags], {
      cwd: project.dir,
      env: { ORCHESTRATOR_SERVE_TOKEN: "s3cret-token" },
    });
    try {
      const port = new URL(guarded.url).port;
      const local = `http://127.0.0.1:${port}/api/products/`;
      expect(guarded.output().stderr).toContain("requires the bearer token");
      expect((await fetch(local)).status).toBe(401);
      expect((await fetch(local, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
      const allowed = await fetch(local, { headers: { Authorization: "Bearer s3cret-token" } });
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toHaveLength(3);
      // The pages hold no data and stay reachable; they send the token from #token=.
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe.each(DATABASE_KINDS)("serve on %s when the database is unavailable", (dbKind) => {
  let project: TestProject;
  let server: ServeProcess;
  beforeAll(async () => {
    project = await createWorkshopProject(dbKind);
    server = await startServe(["--lock-timeout", "0", ...project.dbFlags], { cwd: project.dir });
  });
  afterAll(async () => {
    const stopped = await server?.stop();
    expect(stopped?.code).toBe(0);
    await project?.dispose();
  });

  // Only the embedded database has a lock another process can hold.
  if (dbKind === "pglite")
    it("answers 503 while another process holds the embedded database, then recovers", async () => {
      const target = targetFromUrl(project.databaseUrl);
      if (target.kind !== "pglite") throw new Error("expected PGlite");
      const release = await acquireDirectoryLock(target.dataDir);
      try {
        const response = await server.get("/api/products/");
        expect(response.status).toBe(503);
        expect(((await response.json()) as { detail: string }).detail).toContain(
          `in use by process ${process.pid}`,
        );
      } finally {
        release();
      }
      expect(await productNames(server)).toHaveLength(3);
    });

  it("answers 503 with a message when the database goes away, and keeps running", async () => {
    expect(await productNames(server)).toHaveLength(3);
    const target = targetFromUrl(project.databaseUrl);
    if (target.kind === "pglite") {
      rmSync(target.dataDir, { recursive: true, force: true });
    } else {
      const admin = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
      try {
        await admin.query(`DROP DATABASE ${new URL(target.url).pathname.slice(1)} WITH (FORCE)`);
      } finally {
        await admin.close();
      }
    }
    for (const path of ["/api/products/", "/api/health", "/api/status"]) {
      const response = await server.get(path);
      expect(response.status, path).toBe(503);
      const { detail } = (await response.json()) as { detail: string };
      expect(detail, path).toMatch(
        target.kind === "pglite"
          ? /is not available: The embedded database .* does not exist yet\. .*db upgrade heads/
          : /is not available: .*does not exist/,
      );
      expect(detail, path).toMatch(/[^.]\. The server keeps running/);
    }
    expect((await server.get("/")).status).toBe(200);
    expect((await server.get("/api/openapi.json")).status).toBe(200);
    // A read-only view never creates the database back (MikroORM would, by default).
    if (target.kind === "postgresql") {
      const admin = await Database.open({ kind: "postgresql", url: POSTGRES_ADMIN_URL });
      const name = new URL(target.url).pathname.slice(1);
      try {
        expect(await admin.query("SELECT 1 FROM pg_database WHERE datname = ?", [name])).toEqual([]);
      } finally {
        await admin.close();
      }
    }
  });
});
