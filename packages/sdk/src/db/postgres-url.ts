// What a postgresql:// URL's query parameters mean, read as libpq reads them, turned into the options of
// the `pg` driver. MikroORM takes only the host, port, user, password and database from the URL and drops
// the query, so `?password=` or `?sslmode=require` would otherwise be ignored without a word. Parameters
// this module does not carry over are refused by name rather than ignored.
import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { join } from "node:path";
import { type ConnectionOptions, checkServerIdentity, getCACertificates } from "node:tls";
import { DatabaseError } from "./database-errors.ts";
import { maskPassword } from "./database-target.ts";

export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];
export type TlsAttempt = false | ConnectionOptions | undefined;

/** What the driver gets from the URL, beyond what MikroORM reads from it. */
export interface PostgresUrlOptions {
  database: string;
  /** The user the URL names (in its userinfo or ?user=); absent: the driver's default (PGUSER, USER). */
  user?: string;
  /** Set only when the URL carries one: otherwise the driver's own lookup (PGPASSWORD, ~/.pgpass) applies. */
  password?: string;
  /** Absent: no sslmode in the URL, and the driver's default (plain, or PGSSLMODE) applies. */
  sslMode?: SslMode;
  /**
   * The TLS settings of each connection attempt, in order: a second one only for allow and prefer.
   * `undefined` leaves it to the driver (plain, or what PGSSLMODE says).
   */
  attempts: TlsAttempt[];
  applicationName?: string;
  /** Extra server settings (`-c name=value …`), added to the ones every session gets. */
  options?: string;
  connectTimeoutMs?: number;
}

/** Where a parameter is refused: where the URL already says it, or where this project keeps it. */
const REFUSED_WITH_HINT: Record<string, string> = {
  host: "put the host after the @ (postgresql://user@HOST:5432/name)",
  hostaddr: "put the address after the @ (postgresql://user@10.0.0.1:5432/name)",
  port: "put the port after the host (postgresql://user@host:PORT/name)",
  dbname: "put the database name in the path (postgresql://user@host:5432/NAME)",
  schema: "the orchestrator's tables live in the database's default schema",
};

const SUPPORTED = [
  "user",
  "password",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "sslpassword",
  "application_name",
  "options",
  "connect_timeout",
];

/** Reads `url` (already known to parse as a URL); throws a DatabaseError naming any parameter it cannot honour. */
export function readPostgresUrl(url: string): PostgresUrlOptions {
  const parsed = new URL(url);
  const shown = maskPassword(url);
  const params = new Map<string, string>();
  for (const [name, value] of parsed.searchParams) {
    if (params.has(name)) throw DatabaseError.urlParameterTwice(shown, name);
    params.set(name, value);
  }
  for (const name of params.keys()) {
    const hint = Object.hasOwn(REFUSED_WITH_HINT, name) ? REFUSED_WITH_HINT[name] : undefined;
    if (hint !== undefined) throw DatabaseError.urlParameterUnsupported(shown, name, hint);
    if (!SUPPORTED.includes(name))
      throw DatabaseError.urlParameterUnsupported(shown, name, `only ${SUPPORTED.join(", ")} are read`);
  }

  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (database === "") throw DatabaseError.urlWithoutDatabase(shown);

  const userInUrl = decodeURIComponent(parsed.username);
  const passwordInUrl = parsed.password === "" ? undefined : decodeURIComponent(parsed.password);
  const user = both(shown, "user", userInUrl || undefined, params.get("user"));
  const password = both(shown, "password", passwordInUrl, params.get("password"));

  const result: PostgresUrlOptions = { database, attempts: [] };
  if (user !== undefined) result.user = user;
  if (password !== undefined) result.password = password;
  const applicationName = params.get("application_name");
  if (applicationName !== undefined) result.applicationName = applicationName;
  const options = params.get("options");
  if (options !== undefined) result.options = options;
  const timeout = params.get("connect_timeout");
  if (timeout !== undefined) {
    if (!/^\d+$/.test(timeout))
      throw DatabaseError.urlParameterInvalid(shown, "connect_timeout", timeout, "a whole number of seconds");
    // libpq waits forever for 0, and at least 2 s otherwise.
    if (Number(timeout) > 0) result.connectTimeoutMs = Math.max(2, Number(timeout)) * 1000;
  }

  const mode = params.get("sslmode");
  if (mode === undefined) {
    for (const name of ["sslrootcert", "sslcert", "sslkey", "sslpassword"])
      if (params.has(name)) throw DatabaseError.urlParameterNeedsSsl(shown, name);
    result.attempts = [undefined];
    return result;
  }
  if (!(SSL_MODES as readonly string[]).includes(mode))
    throw DatabaseError.urlParameterInvalid(shown, "sslmode", mode, `one of ${SSL_MODES.join(", ")}`);
  result.sslMode = mode as SslMode;
  result.attempts = tlsAttempts(result.sslMode, params, shown, parsed.hostname.replace(/^\[|\]$/g, ""));
  return result;
}

/** Who logs in, for messages: the URL's user, else the driver's default (PGUSER, then the system user). */
export function loginUser(options: PostgresUrlOptions): string {
  return options.user ?? process.env.PGUSER ?? process.env.USER ?? userInfo().username;
}

/** The same setting given in the URL's userinfo and in its query: refused unless they agree. */
function both(shown: string, name: string, inUserinfo?: string, inQuery?: string): string | undefined {
  if (inUserinfo !== undefined && inQuery !== undefined && inUserinfo !== inQuery)
    throw DatabaseError.urlParameterTwice(shown, name);
  return inQuery ?? inUserinfo;
}

/**
 * libpq's sslmodes: disable is plain; allow tries plain, then TLS; prefer tries TLS, then plain; require
 * encrypts without checking the certificate (unless a root certificate is given: then as verify-ca);
 * verify-ca checks the certificate's chain; verify-full also checks that it names the host.
 */
function tlsAttempts(mode: SslMode, params: Map<string, string>, shown: string, host: string): TlsAttempt[] {
  if (mode === "disable") {
    for (const name of ["sslrootcert", "sslcert", "sslkey", "sslpassword"])
      if (params.has(name)) throw DatabaseError.urlParameterNeedsSsl(shown, name);
    return [false];
  }
  const client = clientCertificate(params, shown);
  const unchecked: ConnectionOptions = { ...client, rejectUnauthorized: false };
  if (mode === "allow") return [false, unchecked];
  if (mode === "prefer") return [unchecked, false];
  const rootGiven = params.has("sslrootcert");
  if (mode === "require" && !rootGiven) return [unchecked];
  const ca = rootCertificate(params, shown, mode);
  const checked: ConnectionOptions = { ...client, ...ca, rejectUnauthorized: true };
  // verify-ca (and require with a root certificate) trusts any host name the certificate carries.
  // verify-full checks the URL's host itself: the driver names no host to TLS when it is an IP address,
  // and Node then checks the certificate against "localhost".
  checked.checkServerIdentity =
    mode === "verify-full" ? (_name, certificate) => checkServerIdentity(host, certificate) : () => undefined;
  return [checked];
}

function clientCertificate(params: Map<string, string>, shown: string): ConnectionOptions {
  const options: ConnectionOptions = {};
  const cert = params.get("sslcert");
  const key = params.get("sslkey");
  if ((cert === undefined) !== (key === undefined))
    throw DatabaseError.urlParameterInvalid(
      shown,
      cert === undefined ? "sslkey" : "sslcert",
      (cert ?? key)!,
      "given together with its pair (sslcert for the certificate, sslkey for its private key)",
    );
  if (cert !== undefined) options.cert = readCertificateFile(shown, "sslcert", cert);
  if (key !== undefined) options.key = readCertificateFile(shown, "sslkey", key);
  const passphrase = params.get("sslpassword");
  if (passphrase !== undefined) options.passphrase = passphrase;
  return options;
}

/** The root certificate: sslrootcert's file, the system's CAs for sslrootcert=system, else ~/.postgresql/root.crt. */
function rootCertificate(params: Map<string, string>, shown: string, mode: SslMode): ConnectionOptions {
  const given = params.get("sslrootcert");
  // The operating system's store, as libpq's "system" means OpenSSL's (Node's default is its own bundle).
  if (given === "system") return { ca: getCACertificates("system") };
  if (given !== undefined) return { ca: readCertificateFile(shown, "sslrootcert", given) };
  const fallback = join(homedir(), ".postgresql", "root.crt");
  if (existsSync(fallback)) return { ca: readFileSync(fallback, "utf8") };
  throw DatabaseError.rootCertificateMissing(shown, mode, fallback);
}

function readCertificateFile(shown: string, name: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw DatabaseError.urlParameterInvalid(shown, name, path, `a readable file (${reason})`);
  }
}
