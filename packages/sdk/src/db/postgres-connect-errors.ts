// Why a connection to a PostgreSQL server failed, in the user's terms: a wrong or missing password, a
// login the server refuses, TLS the server does not speak or a certificate that is not trusted. The
// driver's own wording ("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string") says none
// of that.
import { DatabaseError } from "./database-errors.ts";
import { SQLSTATE, sqlState } from "./postgres-errors.ts";
import { loginUser, type PostgresUrlOptions } from "./postgres-url.ts";

/** The error the driver raises when sslmode asks for TLS and the server answers that it has none. */
const NO_TLS_ON_SERVER = /server does not support SSL/i;
/**
 * pg_hba.conf accepts this client only over TLS: a plain attempt is refused with "no pg_hba.conf entry
 * for …, no encryption" (hostssl lines only) or "pg_hba.conf rejects connection for …, no encryption".
 */
const NEEDS_TLS = /pg_hba\.conf .*no encryption/i;
/** The driver asked for a password it was never given (SCRAM, and cleartext or MD5 with none). */
const NO_PASSWORD = /client password must be a (non-empty )?string|password must be a string/i;

/** Whether the next of sslmode allow's or prefer's attempts may succeed where this one failed. */
export function triesOtherTls(error: unknown): boolean {
  return messages(error).some((m) => NO_TLS_ON_SERVER.test(m) || NEEDS_TLS.test(m));
}

/**
 * The DatabaseError for a failed connection to `target` (a password-free label), or undefined when the
 * failure is none of the login and TLS faults (the caller then reports the server as unreachable).
 */
export function loginFailure(
  target: string,
  url: PostgresUrlOptions,
  error: unknown,
): DatabaseError | undefined {
  const state = sqlState(error);
  if (state === SQLSTATE.invalidPassword) return DatabaseError.authenticationFailed(target, loginUser(url));
  if (messages(error).some((m) => NO_PASSWORD.test(m)))
    return DatabaseError.passwordMissing(target, loginUser(url));
  if (state === SQLSTATE.invalidAuthorization) {
    const plainRefused = messages(error).some((m) => NEEDS_TLS.test(m));
    return DatabaseError.loginRefused(target, innermost(error), plainRefused);
  }
  const mode = url.sslMode ?? process.env.PGSSLMODE ?? "require";
  if (messages(error).some((m) => NO_TLS_ON_SERVER.test(m)))
    return DatabaseError.tlsUnsupported(target, mode);
  const certificate = causes(error).find((e) => /CERT|SIGNATURE|ALTNAME|ISSUER/.test(String(e.code ?? "")));
  if (certificate) return DatabaseError.certificateRejected(target, mode, certificate);
  return undefined;
}

function causes(error: unknown): (Error & { code?: unknown })[] {
  const found: Error[] = [];
  for (let current = error; current instanceof Error; current = current.cause) found.push(current);
  return found;
}

function messages(error: unknown): string[] {
  return causes(error).map((e) => e.message);
}

function innermost(error: unknown): unknown {
  return causes(error).at(-1) ?? error;
}
