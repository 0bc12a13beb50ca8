// The impact table shown before confirming: per change, the subscriptions, instances and values it
// creates (+), changes (~) or deletes (-) in the target database; "·" only where that is none, and
// "unknown" where the rows are touched but were not counted.
import type { Impact } from "@orchestrator/sdk";
import { style, table } from "./style.ts";

function cell(counts: Impact["subscriptions"]): string {
  const parts = [
    counts.created ? style.green(`+${counts.created}`) : "",
    counts.changed ? style.yellow(`~${counts.changed}`) : "",
    counts.deleted ? style.red(`-${counts.deleted}`) : "",
    counts.unknown ? style.yellow("unknown") : "",
  ].filter(Boolean);
  return parts.join(" ") || "·";
}

export function renderImpact(impact: Impact[]): string {
  if (impact.length === 0) return "";
  const rows = impact.map((entry) => [
    `${entry.change}${entry.estimate ? " (at least)" : ""}`,
    cell(entry.subscriptions),
    cell(entry.instances),
    cell(entry.values),
  ]);
  return `${style.bold("Impact on existing data")}\n${table(["CHANGE", "SUBSCRIPTIONS", "INSTANCES", "VALUES"], rows)}`;
}
