// A lens above each product type and product block definition (at its name) saying whether the
// database holds it as the models describe it; a diverging one offers generating the migration.
import { plural } from "@orchestrator/sdk";
import type { CodeLens } from "vscode-languageserver";
import { type Difference, listDifferences } from "./differences.ts";
import { normalizeUri, toRange, toUri } from "./locations.ts";
import { COMMANDS, type GenerateMigrationArgs } from "./protocol.ts";
import type { WorkspaceState } from "./workspace.ts";

export const LENS_TITLES = {
  inSync: "In sync with database",
  generate: (count: number) => `${plural(count, "difference")} · Generate migration`,
  pending: (count: number) => `${plural(count, "difference")} · Apply pending migrations`,
  noSchema: "No orchestrator schema in the database · Upgrade database",
} as const;

export function codeLenses(uri: string, state: WorkspaceState): CodeLens[] {
  if (state.kind !== "compared" && state.kind !== "no-schema") return [];
  const target = normalizeUri(uri);
  const differences = state.kind === "compared" ? listDifferences(state.model, state.comparison.changes) : [];
  const definitions = [
    ...Object.values(state.model.productTypes).map((t) => ({
      location: t.location,
      owns: (d: Difference) => d.productType === t.name,
    })),
    ...state.model.blocks.map((b) => ({ location: b.location, owns: (d: Difference) => d.block === b.name })),
  ].filter((definition) => toUri(definition.location.file) === target);

  return definitions.map(({ location, owns }): CodeLens => {
    const range = toRange(location);
    if (state.kind === "no-schema")
      return { range, command: { title: LENS_TITLES.noSchema, command: COMMANDS.upgradeDatabase } };
    const count = differences.filter(owns).length;
    // An empty command id makes the lens a plain label in VS Code.
    if (count === 0) return { range, command: { title: LENS_TITLES.inSync, command: "" } };
    if (state.pending.length > 0)
      return { range, command: { title: LENS_TITLES.pending(count), command: COMMANDS.upgradeDatabase } };
    const args: GenerateMigrationArgs = { apply: false };
    return {
      range,
      command: { title: LENS_TITLES.generate(count), command: COMMANDS.generateMigration, arguments: [args] },
    };
  });
}
