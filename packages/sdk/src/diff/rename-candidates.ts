// Rename detection: what the questions step could still ask, after declared renames were applied
// (see docs/design.md, How renames resolve).
import type { DomainModel } from "../model/domain-model.ts";
import type { ChangeSet, RenameCandidates } from "./change-set.ts";
import type { WorkingSnapshot } from "./working-snapshot.ts";

export function renameCandidates(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): RenameCandidates {
  const result: RenameCandidates = { resourceTypes: [], blockResourceTypes: [], fixedInputs: [] };
  const usedByModel = new Set(model.blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name)));

  // (1) Global: a name gone from the whole model, replaced in the same block by a name the DB lacks.
  const global = new Map<string, string[]>();
  // (2) Per block: any lost link against any gained link of the same block.
  for (const block of model.blocks) {
    const lost = out.deleteResourceTypeLinks.filter((l) => l.block === block.name).map((l) => l.resourceType);
    const gained = out.createResourceTypeLinks
      .filter((l) => l.block === block.name)
      .map((l) => l.resourceType);
    if (lost.length === 0 || gained.length === 0) continue;
    for (const from of lost) {
      result.blockResourceTypes.push({ block: block.name, from, candidates: [...gained] });
      if (usedByModel.has(from)) continue;
      const fresh = gained.filter((rt) => !db.resourceTypes.has(rt));
      if (fresh.length === 0) continue;
      const candidates = global.get(from) ?? [];
      for (const rt of fresh) if (!candidates.includes(rt)) candidates.push(rt);
      global.set(from, candidates);
    }
  }
  for (const from of [...global.keys()].sort())
    result.resourceTypes.push({ from, candidates: global.get(from)! });

  // (3) Fixed inputs: a product that lost exactly one and gained exactly one.
  for (const product of model.products) {
    if (!db.products.has(product.name)) continue;
    const lost = out.deleteFixedInputs.filter((f) => f.product === product.name);
    const gained = out.createFixedInputs.filter((f) => f.product === product.name);
    if (lost.length === 1 && gained.length === 1) {
      result.fixedInputs.push({
        product: product.name,
        from: lost[0]!.fixedInput,
        to: gained[0]!.fixedInput,
      });
    }
  }
  return result;
}
