// How this process names itself to others: in lock files and as PostgreSQL's application_name, so that
// `pg_stat_activity` and lock messages say which command holds what.
import { basename } from "node:path";

/** `orchestrator db upgrade heads`, or the script's name and arguments. */
export function commandLine(): string {
  const [, script, ...args] = process.argv;
  const program = script ? basename(script).replace(/^run\.js$/, "orchestrator") : basename(process.execPath);
  return [program, ...args].join(" ");
}

/** PostgreSQL keeps 63 bytes of application_name and only printable ASCII. */
export function applicationName(): string {
  return `orchestrator: ${commandLine()}`.replace(/[^\x20-\x7e]/g, "?").slice(0, 63);
}
