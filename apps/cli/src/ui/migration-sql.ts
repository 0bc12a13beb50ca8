// Migrations as SQL a person can read or pipe into psql: each under a comment naming it, each
// statement ending in exactly one semicolon.
import { style } from "./style.ts";

export interface MigrationSql {
  name: string;
  kind: string;
  statements: string[];
}

/** One statement as a script line: trailing whitespace and any semicolon replaced by one semicolon. */
export const asScriptStatement = (sql: string): string => `${sql.trimEnd().replace(/;+$/, "")};`;

export function renderMigrationSql(migrations: MigrationSql[], heading: string): string {
  return migrations
    .map(({ name, kind, statements }) =>
      [
        style.dim(`-- ${heading} ${name} (${kind})`),
        ...(statements.length ? statements.map(asScriptStatement) : [style.dim("-- (no statements)")]),
      ].join("\n"),
    )
    .join("\n\n");
}
