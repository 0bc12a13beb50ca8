// A new migration's creation time, which prefixes its file name. Migrations run in file-name order, so two
// made within one second (or after the clock went back) would otherwise run in the order of their slugs,
// not the order they were made in: the new one is stamped one second after the newest file instead.
import { existsSync, readdirSync } from "node:fs";

const PREFIX = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/;

export function newMigrationTime(migrationsDir: string, now: Date): Date {
  let newest = Number.NEGATIVE_INFINITY;
  for (const name of existsSync(migrationsDir) ? readdirSync(migrationsDir) : []) {
    const m = PREFIX.exec(name);
    if (!m) continue;
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    newest = Math.max(newest, Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  }
  const second = Math.floor(now.getTime() / 1000) * 1000;
  return second > newest ? now : new Date(newest + 1000);
}
