// What `db downgrade` lists before reverting a core migration: the migrations it reverts and every table
// the core schema's downgrade drops, with the rows that go with it.
import { type DowngradePlan, type DroppedTable, plural } from "@orchestrator/sdk";
import { style, table } from "./style.ts";

export function renderDroppedTables(plan: DowngradePlan, dropped: DroppedTable[]): string {
  const migrations = plan.migrations.map(
    (m) => `  ${m.name}${m.kind === "core" ? style.red(" (core schema: drops its tables)") : ""}`,
  );
  const rows = dropped.map((t) => [t.table, t.rows > 0 ? style.red(String(t.rows)) : "0"]);
  return [
    style.bold(`db downgrade ${plan.target} reverts, newest first:`),
    ...migrations,
    "",
    style.bold("and drops these tables with every row in them:"),
    table(["TABLE", "ROWS"], rows),
  ].join("\n");
}

/** The question's one line: the rows people care about, counted. */
export function coreRevertQuestion(dropped: DroppedTable[]): string {
  const rows = (name: string) => dropped.find((t) => t.table === name)?.rows ?? 0;
  return `Confirm dropping the orchestrator's tables with ${plural(rows("subscriptions"), "subscription")}, ${plural(rows("subscription_instances"), "instance")} and ${plural(rows("subscription_instance_values"), "value")}`;
}
