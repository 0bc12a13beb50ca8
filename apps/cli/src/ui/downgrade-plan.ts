// What `db downgrade` shows before reverting: the migrations, newest first; under each data migration
// the rows its downgrade changes (measured by the SDK in a rolled-back run); and, when the core schema is
// reverted, every table it drops with the rows that go with it.
import {
  type DowngradePlan,
  type DroppedTable,
  plural,
  type RevertPreview,
  type RowChange,
  SUBSCRIPTION_TABLES,
} from "@orchestrator/sdk";
import { style, table } from "./style.ts";

export function renderDowngradePlan(
  plan: DowngradePlan,
  previews: readonly RevertPreview[],
  dropped: readonly DroppedTable[],
): string {
  const rowsOf = new Map(previews.map((preview) => [preview.name, preview.rows]));
  const lines = [style.bold(`db downgrade ${plan.target} reverts, newest first:`)];
  for (const migration of plan.migrations) {
    if (migration.kind === "core") {
      lines.push(`  ${migration.name}${style.red(" (core schema: drops its tables)")}`);
      continue;
    }
    const rows = rowsOf.get(migration.name) ?? [];
    if (rows.length === 0) {
      lines.push(`  ${migration.name} (changes no rows)`);
      continue;
    }
    lines.push(`  ${migration.name}, changing these rows:`);
    const changes = table(["TABLE", "ROWS NOW", "AFTER"], rows.map(changeRow));
    lines.push(...changes.split("\n").map((line) => `    ${line}`));
  }
  if (dropped.length > 0) {
    const rows = dropped.map((t) => [t.table, t.rows > 0 ? style.red(String(t.rows)) : "0"]);
    lines.push(
      "",
      style.bold("and drops these tables with every row in them:"),
      table(["TABLE", "ROWS"], rows),
    );
  }
  return lines.join("\n");
}

/** Fewer subscription rows afterwards is data no upgrade brings back: that count is shown in red. */
function changeRow(change: RowChange): string[] {
  const lost = isSubscriptionTable(change.table) && change.after < change.before;
  return [change.table, String(change.before), lost ? style.red(String(change.after)) : String(change.after)];
}

const isSubscriptionTable = (name: string): boolean =>
  (SUBSCRIPTION_TABLES as readonly string[]).includes(name);

/** The subscription rows the data migrations' downgrades remove, for the question and the refusal. */
export function subscriptionLoss(previews: readonly RevertPreview[]): string {
  const removed = new Map<string, number>();
  for (const change of previews.flatMap((preview) => preview.rows))
    if (isSubscriptionTable(change.table) && change.after < change.before)
      removed.set(change.table, (removed.get(change.table) ?? 0) + change.before - change.after);
  return [...removed].map(([name, count]) => `${count} row${count === 1 ? "" : "s"} of ${name}`).join(", ");
}

/** The question's one line: the rows people care about, counted. */
export function coreRevertQuestion(dropped: readonly DroppedTable[]): string {
  const rows = (name: string) => dropped.find((t) => t.table === name)?.rows ?? 0;
  return `Confirm dropping the orchestrator's tables with ${plural(rows("subscriptions"), "subscription")}, ${plural(rows("subscription_instances"), "instance")} and ${plural(rows("subscription_instance_values"), "value")}`;
}
