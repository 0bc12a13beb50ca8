// A change set flattened to one line per change, each with the model source location it comes from:
// enough for a status view to list and link the differences. Editors phrase them richer (the language
// server's differences.ts); this stays generic so every change kind is covered without a table here.
import type { ChangeSet } from "../diff/change-set.ts";
import type { SourceLocation } from "../model/domain-model.ts";

export interface ModelDifference {
  /** The change set key, e.g. "createProducts". */
  kind: string;
  /** e.g. "create product 'User internal'". */
  summary: string;
  location: SourceLocation;
}

/** Keys that are not changes: candidates are questions, ignored updates are about the input. */
const NOT_CHANGES = new Set(["renameCandidates", "ignoredUpdates"]);

/** The fields that name what a change is about, in the order they read best. */
const NAME_FIELDS = ["product", "block", "resourceType", "fixedInput", "dependsOn"] as const;

export function listModelDifferences(changes: ChangeSet): ModelDifference[] {
  const out: ModelDifference[] = [];
  for (const [kind, entries] of Object.entries(changes)) {
    if (NOT_CHANGES.has(kind) || !Array.isArray(entries)) continue;
    for (const entry of entries as Record<string, unknown>[]) {
      const location = entry.location as SourceLocation | undefined;
      if (!location || entry.moved === true) continue;
      out.push({ kind, summary: describe(kind, entry), location });
    }
  }
  return out;
}

function describe(kind: string, entry: Record<string, unknown>): string {
  const words = kind.replace(/([A-Z])/g, " $1").toLowerCase();
  const action = words.replace(/s$/, "");
  const names = NAME_FIELDS.filter((field) => typeof entry[field] === "string").map(
    (field) => `${field.replace(/([A-Z])/g, " $1").toLowerCase()} '${entry[field]}'`,
  );
  if (typeof entry.from === "string" && typeof entry.to === "string")
    names.push(`'${entry.from}' → '${entry.to}'`);
  return `${action}: ${names.join(", ")}`;
}
