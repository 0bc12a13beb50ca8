// Rename detection: what the questions step could still ask, after declared renames were applied
// (see docs/design.md, How renames resolve). Written as a visitor over every change kind, so that a new
// kind has to say whether it can be one half of a rename.

import { groupBy } from "../group-by.ts";
import type { DomainModel } from "../model/domain-model.ts";
import { sortNames } from "../sort-names.ts";
import { type ChangeVisitor, visitChanges } from "./change-kinds.ts";
import type { ChangeSet, RenameCandidates } from "./change-set.ts";
import type { WorkingSnapshot } from "./working-snapshot.ts";

/** One half of a possible rename: a name that a block or a product lost, or gained. */
interface Sighting {
  half: "lost" | "gained";
  /** A block's resource type link, or a product's fixed input. */
  of: "resourceType" | "fixedInput";
  owner: string;
  name: string;
}

const none = (): Sighting[] => [];

// Only a lost and a gained name of the same owner can pair up. Renames were decided already; whole rows,
// block links and relations are matched by their own names, never offered as renames.
const SIGHTINGS: ChangeVisitor<Sighting[]> = {
  deleteResourceTypeLinks: (l) => [
    { half: "lost", of: "resourceType", owner: l.block, name: l.resourceType },
  ],
  createResourceTypeLinks: (l) => [
    { half: "gained", of: "resourceType", owner: l.block, name: l.resourceType },
  ],
  deleteFixedInputs: (f) => [{ half: "lost", of: "fixedInput", owner: f.product, name: f.fixedInput }],
  createFixedInputs: (f) => [{ half: "gained", of: "fixedInput", owner: f.product, name: f.fixedInput }],
  createProducts: none,
  deleteProducts: none,
  renameProducts: none,
  renameFixedInputs: none,
  createProductBlockLinks: none,
  deleteProductBlockLinks: none,
  createResourceTypes: none,
  deleteResourceTypes: none,
  renameResourceTypes: none,
  updateBlockResourceTypes: none,
  createProductBlocks: none,
  deleteProductBlocks: none,
  renameProductBlocks: none,
  createBlockRelations: none,
  deleteBlockRelations: none,
  moveProductBlocks: none,
};

/** The names an owner lost and gained, in change-set order, from its own sightings. */
function halves(mine: readonly Sighting[] = []): { lost: string[]; gained: string[] } {
  return {
    lost: mine.filter((s) => s.half === "lost").map((s) => s.name),
    gained: mine.filter((s) => s.half === "gained").map((s) => s.name),
  };
}

/** Sightings are grouped by owner once: a first migration of a thousand products has some 30 000. */
const ownerKey = (of: Sighting["of"], owner: string) => `${of}\0${owner}`;

export function renameCandidates(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): RenameCandidates {
  const result: RenameCandidates = { resourceTypes: [], blockResourceTypes: [], fixedInputs: [] };
  const byOwner = groupBy(visitChanges(out, SIGHTINGS).flat(), (s) => ownerKey(s.of, s.owner));
  const usedByModel = new Set(model.blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name)));

  // (1) Global: a name gone from the whole model, replaced in the same block by a name the DB lacks.
  const global = new Map<string, string[]>();
  // (2) Per block: any lost link against any gained link of the same block.
  for (const block of model.blocks) {
    const { lost, gained } = halves(byOwner.get(ownerKey("resourceType", block.name)));
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
  for (const from of sortNames(global.keys()))
    result.resourceTypes.push({ from, candidates: global.get(from)! });

  // (3) Fixed inputs: a product that lost exactly one and gained exactly one.
  for (const product of model.products) {
    if (!db.products.has(product.name)) continue;
    const { lost, gained } = halves(byOwner.get(ownerKey("fixedInput", product.name)));
    if (lost.length === 1 && gained.length === 1)
      result.fixedInputs.push({ product: product.name, from: lost[0]!, to: gained[0]! });
  }
  return result;
}
