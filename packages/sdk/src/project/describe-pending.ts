// The one wording of "pending migrations", shared by the error, `db check`, `serve` and the editor.
import { agree, plural } from "../plural.ts";

/** "1 migration is pending (0002_add_users)": how many, and which, in the order they would run. */
export function describePending(pending: readonly string[]): string {
  return `${plural(pending.length, "migration")} ${agree(pending.length, "is", "are")} pending (${pending.join(", ")})`;
}
