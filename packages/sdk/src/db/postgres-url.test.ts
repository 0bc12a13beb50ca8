import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConnectionOptions, PeerCertificate } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import { parseDatabaseTarget } from "./database-target.ts";
import { readPostgresUrl } from "./postgres-url.ts";

const dir = mkdtempSync(join(tmpdir(), "orch-url-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (url: string) => {
  try {
    parseDatabaseTarget(url, "/");
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error(`expected ${url} to be refused`);
};

describe("a PostgreSQL URL without a database name", () => {
  it.each([
    "postgresql://127.0.0.1:5432",
    "postgresql://127.0.0.1:5432/",
    "postgres://u:pw@h/?sslmode=disable",
  ])("%s is refused, saying where the name goes", (url) => {
    const error = refused(url);
    expect(error.code).toBe("ORCH_DATABASE_URL_INVALID");
    expect(error.message).toContain("names no database");
    expect(error.message).toContain("host:5432/NAME");
    expect(error.message).not.toContain(":pw@");
  });
});

describe("a PostgreSQL URL's query parameters", () => {
  it("reads password= and user=, and the userinfo's when the query has none", () => {
    expect(readPostgresUrl("postgresql://h/db?user=orch&password=s%40cret")).toMatchObject({
      user: "orch",
      password: "s@cret",
    });
    expect(readPostgresUrl("postgresql://orch:pw@h/db")).toMatchObject({ user: "orch", password: "pw" });
    expect(readPostgresUrl("postgresql://h/db").password).toBeUndefined();
  });

  it("refuses a password given twice with different values, without showing either", () => {
    const error = refused("postgresql://u:first-pw@h/db?password=second-pw");
    expect(error.message).toContain("gives password twice");
    expect(error.message).not.toMatch(/first-pw|second-pw/);
  });

  it("maps each sslmode to the TLS attempts libpq makes", () => {
    const attempts = (mode: string) => readPostgresUrl(`postgresql://h/db?sslmode=${mode}`).attempts;
    expect(readPostgresUrl("postgresql://h/db").attempts).toEqual([undefined]);
    expect(attempts("disable")).toEqual([false]);
    expect(attempts("allow")).toEqual([false, { rejectUnauthorized: false }]);
    expect(attempts("prefer")).toEqual([{ rejectUnauthorized: false }, false]);
    expect(attempts("require")).toEqual([{ rejectUnauthorized: false }]);
  });

  it("checks the certificate for verify-ca and verify-full (the host name only for verify-full)", () => {
    const ca = join(dir, "root.crt");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\n");
    const [full] = readPostgresUrl(`postgresql://h/db?sslmode=verify-full&sslrootcert=${ca}`)
      .attempts as ConnectionOptions[];
    expect(full).toMatchObject({ ca: "-----BEGIN CERTIFICATE-----\n", rejectUnauthorized: true });
    // verify-full checks the URL's host (h), not the name the driver would pass.
    const certificate = { subject: { CN: "h" }, subjectaltname: "DNS:h" } as PeerCertificate;
    expect(full!.checkServerIdentity!("localhost", certificate)).toBeUndefined();
    const other = { subject: { CN: "x" }, subjectaltname: "DNS:x" } as PeerCertificate;
    expect(full!.checkServerIdentity!("h", other)).toBeInstanceOf(Error);
    const [chain] = readPostgresUrl(`postgresql://h/db?sslmode=verify-ca&sslrootcert=${ca}`).attempts;
    expect(chain).toMatchObject({ rejectUnauthorized: true, checkServerIdentity: expect.any(Function) });
    // require with a root certificate checks it, as libpq does.
    const [required] = readPostgresUrl(`postgresql://h/db?sslmode=require&sslrootcert=${ca}`).attempts;
    expect(required).toMatchObject({ rejectUnauthorized: true });
    const [system] = readPostgresUrl("postgresql://h/db?sslmode=verify-full&sslrootcert=system")
      .attempts as ConnectionOptions[];
    expect(system).toMatchObject({ ca: expect.any(Array), rejectUnauthorized: true });
  });

  it("refuses what it cannot honour, naming the parameter and what to do", () => {
    expect(refused("postgresql://h/db?sslmode=sometimes").message).toContain(
      "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full",
    );
    expect(refused("postgresql://h/db?sslmode=verify-full&sslrootcert=/no/such.crt").message).toContain(
      "sslrootcert must be a readable file (no such file)",
    );
    expect(refused("postgresql://h/db?sslrootcert=/etc/ca.crt").message).toContain(
      "sslrootcert= without an sslmode that uses TLS",
    );
    expect(refused("postgresql://h/db?target_session_attrs=any").message).toMatch(
      /parameter target_session_attrs=, which is not supported here: only user, password, sslmode.*Remove it/,
    );
    expect(refused("postgresql://h/db?host=/var/run/postgresql").message).toContain(
      "put the host after the @",
    );
    expect(refused("postgresql://h/db?connect_timeout=soon").message).toContain(
      "connect_timeout must be a whole number of seconds",
    );
    expect(refused("postgresql://h/db?sslmode=require&sslcert=/c.crt").message).toContain(
      "given together with its pair",
    );
    for (const url of ["postgresql://h/db?sslmode=require&sslmode=disable", "postgresql://h/db?toString=1"])
      expect(refused(url).code).toBe("ORCH_DATABASE_URL_INVALID");
  });

  it("never shows a query password in a refusal", () => {
    expect(refused("postgresql://h/db?password=s3cret&gssencmode=disable").message).not.toContain("s3cret");
  });
});
