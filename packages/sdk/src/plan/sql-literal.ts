// The one place a value becomes SQL text (see docs/design.md, Generated SQL). A standard SQL string literal
// with quotes doubled is safe in PostgreSQL ≥ 9.1 and PGlite, where standard_conforming_strings is on:
// backslashes are ordinary characters there, and `:word`, `?`, `$$` mean nothing inside a literal. The
// statements are never passed through a client that rewrites placeholders (MikroORM's addSql sends them
// as-is).
import { PlanError } from "./plan-errors.ts";

const LONE_SURROGATE = /\p{Cs}/u;

export function sqlLiteral(value: string): string {
  if (value.includes("\0")) throw PlanError.nulByte(value);
  if (LONE_SURROGATE.test(value)) throw PlanError.loneSurrogate(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** `('a', 'b')` for IN lists. */
export function sqlList(values: readonly string[]): string {
  return `(${values.map(sqlLiteral).join(", ")})`;
}
