// A throw-away PostgreSQL cluster that checks passwords (scram-sha-256) and speaks TLS with a certificate
// of its own, for the login and sslmode tests: the shared test server trusts every client on 127.0.0.1,
// so a wrong password would pass there, and it has TLS off. Built with the server's own initdb and
// pg_ctl in a temporary folder, and removed by stop().
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PasswordServer {
  port: number;
  user: string;
  password: string;
  /** The certificate the server presents (self-signed, for the name localhost). */
  certificate: string;
  /** A user the server lets in over TLS only (same password). */
  tlsOnlyUser: string;
  /** postgresql://user[:password]@host:port/postgres, plus `query`. */
  url(options?: { password?: string | null; host?: string; query?: string; user?: string }): string;
  stop(): void;
}

const USER = "orch_admin";
const PASSWORD = "Corr3ct-horse";
const TLS_ONLY_USER = "orch_tls_only";

/** The cluster, or why it cannot be built on this machine (then the caller says so and skips). */
export async function startPasswordServer(): Promise<PasswordServer | { unavailable: string }> {
  const bin = serverBinaries();
  if (!bin)
    return { unavailable: "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql" };
  // initdb refuses to run as root: run the cluster as the postgres user then, in a folder it can reach
  // (the test run's own temporary folder may be private to root, as CI's is).
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(asRoot ? "/tmp" : tmpdir(), "orch-pgauth-"));
  const runAs = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
  const run = (command: string, args: string[]) =>
    execFileSync(runAs[0] ?? command, [...runAs.slice(1), ...(runAs.length ? [command] : []), ...args], {
      stdio: "pipe",
      cwd: dir,
    });
  try {
    writeFileSync(join(dir, "pw"), `${PASSWORD}\n`);
    const certificate = join(dir, "server.crt");
    const key = join(dir, "server.key");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"].concat([
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        key,
        "-out",
        certificate,
      ]),
      { stdio: "pipe" },
    );
    chmodSync(key, 0o600);
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      for (const name of ["", "pw", "server.crt", "server.key"]) chownSync(join(dir, name), uid, gid);
    }
    const data = join(dir, "data");
    run(
      join(bin, "initdb"),
      ["-D", data, "-A", "scram-sha-256", "--pwfile", join(dir, "pw"), "-U", USER].concat(["--no-sync"]),
    );
    // TLS_ONLY_USER may log in over TLS only: a plain attempt is rejected, as a `hostnossl … reject`
    // line does on servers that require TLS.
    const hba = join(data, "pg_hba.conf");
    writeFileSync(hba, `hostnossl all ${TLS_ONLY_USER} 127.0.0.1/32 reject\n${readFileSync(hba, "utf8")}`);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c ssl=on"]
      .concat([`-c ssl_cert_file=${certificate}`, `-c ssl_key_file=${key}`, "-c fsync=off"])
      .join(" ");
    run(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-o", settings, "-w", "start"]);
    execFileSync(
      join(bin, "psql"),
      ["-h", "127.0.0.1", "-p", String(port), "-U", USER, "-d", "postgres", "-v", "ON_ERROR_STOP=1"].concat([
        "-c",
        `CREATE ROLE ${TLS_ONLY_USER} LOGIN PASSWORD '${PASSWORD}'`,
      ]),
      { stdio: "pipe", env: { ...process.env, PGPASSWORD: PASSWORD } },
    );
    return {
      port,
      user: USER,
      password: PASSWORD,
      certificate,
      tlsOnlyUser: TLS_ONLY_USER,
      url: ({ password = PASSWORD, host = "127.0.0.1", query = "", user = USER } = {}) =>
        `postgresql://${user}${password === null ? "" : `:${encodeURIComponent(password)}`}@${host}:${port}/postgres${query}`,
      stop: () => {
        try {
          run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { unavailable: `cannot start a PostgreSQL cluster: ${output || (error as Error).message}` };
  }
}

function serverBinaries(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, "bin")).find((bin) => existsSync(join(bin, "initdb")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
