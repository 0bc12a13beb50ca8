// --updates entries that the diff could not apply (ChangeSet.ignoredUpdates). As for --inputs, one file
// serves several databases: an entry whose names the models or the database know is reported as unused;
// one naming what neither knows is refused, with the closest known name.
import type { IgnoredUpdate } from "../diff/change-set.ts";
import type { KnownNames } from "./known-names.ts";
import { AnswersFileError } from "./question-errors.ts";

/** The unused entries as "--updates → section → [subject →] from: why"; throws on unknown names. */
export function unmatchedUpdates(ignored: readonly IgnoredUpdate[], known: KnownNames): string[] {
  for (const update of ignored) {
    const { subjectNames, names, label } = namesFor(update, known);
    const where = `--updates → ${JSON.stringify(update.kind)}`;
    if (update.subject !== undefined && subjectNames && !subjectNames.has(update.subject)) {
      const kind = update.kind === "fixed_inputs" ? "products" : "product blocks";
      throw AnswersFileError.unknownNames(where, kind, [update.subject], subjectNames);
    }
    const unknown = [update.from, update.to].filter((name) => !names.has(name));
    if (unknown.length > 0) {
      const at = update.subject === undefined ? where : `${where} → ${JSON.stringify(update.subject)}`;
      throw AnswersFileError.unknownNames(at, label, unknown, names);
    }
  }
  return ignored.map(
    (u) =>
      `--updates → ${[u.kind, ...(u.subject === undefined ? [] : [u.subject]), u.from].map((p) => JSON.stringify(p)).join(" → ")}: ${u.reason}`,
  );
}

function namesFor(
  update: IgnoredUpdate,
  known: KnownNames,
): { subjectNames?: ReadonlySet<string>; names: ReadonlySet<string>; label: string } {
  switch (update.kind) {
    case "products":
      return { names: new Set(known.products.keys()), label: "products" };
    case "product_blocks":
      return { names: known.blocks, label: "product blocks" };
    case "resource_types":
      return { names: new Set(known.resourceTypes.keys()), label: "resource types" };
    case "block_resource_types":
      return {
        subjectNames: known.blocks,
        names: new Set(known.resourceTypes.keys()),
        label: "resource types",
      };
    case "fixed_inputs":
      return {
        subjectNames: new Set(known.products.keys()),
        names: known.products.get(update.subject ?? "") ?? new Set(),
        label: "fixed inputs",
      };
    default: {
      const unexpected: never = update.kind;
      throw new Error(`unknown --updates section ${String(unexpected)}`);
    }
  }
}
