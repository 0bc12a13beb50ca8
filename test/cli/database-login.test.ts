// Issues 12 and 14: logging in to a PostgreSQL server and the URL's own settings. A wrong or missing
// password, ?password=, sslmode and a URL without a database name, through the built CLI as a process,
// against a throw-away cluster that checks passwords and speaks TLS (the shared test server trusts
// 127.0.0.1 and has TLS off, so neither could fail there).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withDatabase } from "@orchestrator/sdk";
import { POSTGRES_ADMIN_URL, SKIP_POSTGRES } from "@orchestrator/sdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { type PasswordServer, startPasswordServer } from "../helpers/password-server.ts";
import { createProject, type TestProject } from "../helpers/projects.ts";

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);
// No PGPASSWORD and a HOME without ~/.pgpass or ~/.postgresql: the URL is all the CLI gets.
const home = mkdtempSync(join(tmpdir(), "orch-home-"));
const env = { PGPASSWORD: undefined, PGSSLMODE: undefined, PGUSER: undefined, HOME: home };
let project: TestProject;
let cwd: string;
const current = (url: string) => runCli(["db", "current", "--database-url", url], { cwd, env });
beforeAll(async () => {
  project = await createProject("pglite");
  cwd = project.dir;
  expect((await runCli(["db", "init"], { cwd })).code).toBe(0);
});
afterAll(async () => {
  await project.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe("a URL without a database name", () => {
  it.each(["postgresql://127.0.0.1:5432", "postgresql://root:pw@127.0.0.1:5432/"])(
    "%s: exit 2, saying where the name goes, no stack trace",
    async (url) => {
      const result = await current(url);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain("names no database");
      expect(result.stderr).toContain("postgresql://user:password@host:5432/NAME");
      expect(result.stderr).toContain("ORCH_DATABASE_URL_INVALID");
      expect(result.stderr).not.toContain(":pw@");
      noStackTrace(result.stderr);
    },
  );
});

describe("a URL parameter that cannot be honoured", () => {
  it("is refused by name, with exit 2, before anything is opened", async () => {
    const result = await current("postgresql://127.0.0.1:5432/postgres?target_session_attrs=read-write");
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("target_session_attrs=, which is not supported here");
    noStackTrace(result.stderr);
  });
});

describe("a server that checks passwords and speaks TLS", () => {
  let server: PasswordServer | undefined;
  let unavailable = "";
  beforeAll(async () => {
    const started = await startPasswordServer();
    if ("unavailable" in started) {
      unavailable = started.unavailable;
      // CI runs everything: there, a cluster that cannot start fails these tests instead of skipping them.
      if (process.env.CI)
        throw new Error(`the login tests need their own PostgreSQL cluster: ${unavailable}`);
      console.warn(`\n!!! login tests NOT run: ${unavailable} !!!\n`);
    } else server = started;
  }, 120_000);
  afterAll(() => server?.stop());
  const the = (skip: (note: string) => void): PasswordServer => {
    if (!server) skip(unavailable);
    return server!;
  };
  /** Whether the session that `url` opens is encrypted, as the server sees it. */
  const encrypted = (url: string) =>
    withDatabase({ kind: "postgresql", url }, {}, async (db) => {
      const [row] = await db.query<{ ssl: boolean }>(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
      );
      return row!.ssl;
    });

  it("a wrong password: exit 14, 'password authentication failed' for the user, with a hint", async (ctx) => {
    const pg = the(ctx.skip);
    const result = await current(pg.url({ password: "wr0ng-guess" }));
    expect(result.code, result.stderr).toBe(14);
    expect(result.stderr).toContain(`password authentication failed for user "${pg.user}"`);
    expect(result.stderr).toContain("Check the password in the URL");
    expect(result.stderr).toContain("ORCH_DATABASE_AUTH_FAILED");
    expect(result.stderr).not.toContain("wr0ng-guess");
    expect(result.stderr).not.toContain("server is running");
    noStackTrace(result.stderr);
  });

  it("no password: exit 14, saying one is needed and where it goes, not the driver's SASL text", async (ctx) => {
    const pg = the(ctx.skip);
    const started = Date.now();
    const result = await current(pg.url({ password: null }));
    expect(result.code, result.stderr).toBe(14);
    // At once: not when the server drops the half-open login (authentication_timeout, 60 s).
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.stderr).toContain(`asks for a password for user "${pg.user}" and none was given`);
    expect(result.stderr).toContain("?password=");
    expect(result.stderr).not.toContain("SASL");
    noStackTrace(result.stderr);
  });

  it("?password= logs in; a wrong ?password= is refused, so it is the one used", async (ctx) => {
    const pg = the(ctx.skip);
    const right = await current(
      pg.url({ password: null, query: `?password=${encodeURIComponent(pg.password)}` }),
    );
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain("No migrations applied");
    const wrong = await current(pg.url({ password: null, query: "?password=wr0ng-guess" }));
    expect(wrong.code, wrong.stderr).toBe(14);
    expect(`${wrong.stdout}${wrong.stderr}`).not.toContain("wr0ng-guess");
  });

  it("PGPASSWORD still works when the URL has none", async (ctx) => {
    const pg = the(ctx.skip);
    const result = await runCli(["db", "current", "--database-url", pg.url({ password: null })], {
      cwd,
      env: { ...env, PGPASSWORD: pg.password },
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it("sslmode: disable is plain; require, prefer and verify-full encrypt", async (ctx) => {
    const pg = the(ctx.skip);
    expect(await encrypted(pg.url({ query: "?sslmode=disable" }))).toBe(false);
    expect(await encrypted(pg.url({ query: "?sslmode=require" }))).toBe(true);
    expect(await encrypted(pg.url({ query: "?sslmode=prefer" }))).toBe(true);
    const verified = `?sslmode=verify-full&sslrootcert=${encodeURIComponent(pg.certificate)}`;
    expect(await encrypted(pg.url({ host: "localhost", query: verified }))).toBe(true);
  });

  it("sslmode=allow: plain first, then TLS for a user the server lets in over TLS only", async (ctx) => {
    const pg = the(ctx.skip);
    const user = pg.tlsOnlyUser;
    expect(await encrypted(pg.url({ user, query: "?sslmode=allow" }))).toBe(true);
    expect(await encrypted(pg.url({ query: "?sslmode=allow" }))).toBe(false);
    const plain = await current(pg.url({ user, query: "?sslmode=disable" }));
    expect(plain.code, plain.stderr).toBe(14);
    expect(plain.stderr).toContain("over TLS only: add sslmode=require");
    noStackTrace(plain.stderr);
  });

  it("sslmode=verify-full refuses a certificate that does not name the host: exit 4, no stack trace", async (ctx) => {
    const pg = the(ctx.skip);
    // The certificate names localhost; the URL says 127.0.0.1.
    const query = `?sslmode=verify-full&sslrootcert=${encodeURIComponent(pg.certificate)}`;
    const result = await current(pg.url({ query }));
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("is not trusted (sslmode=verify-full)");
    expect(result.stderr).toContain("ORCH_DATABASE_TLS_FAILED");
    noStackTrace(result.stderr);
    const unknownAuthority = await current(
      pg.url({ host: "localhost", query: "?sslmode=verify-ca&sslrootcert=system" }),
    );
    expect(unknownAuthority.code, unknownAuthority.stderr).toBe(4);
    expect(unknownAuthority.stderr).toContain("is not trusted (sslmode=verify-ca)");
  });
});

describe.skipIf(SKIP_POSTGRES)("sslmode against the shared test server, which has TLS off", () => {
  const url = (query: string) => `${POSTGRES_ADMIN_URL}${query}`;

  it("sslmode=require: exit 4, the server does not accept TLS, with what to do", async () => {
    const result = await current(url("?sslmode=require"));
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("does not accept TLS (SSL) connections");
    expect(result.stderr).toContain("sslmode=prefer");
    noStackTrace(result.stderr);
  });

  it("sslmode=prefer falls back to a plain connection, as libpq does", async () => {
    const result = await current(url("?sslmode=prefer"));
    expect(result.code, result.stderr).toBe(0);
  });
});
