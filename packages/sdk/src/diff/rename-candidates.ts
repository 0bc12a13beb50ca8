// Rename detection: what the questions step could still ask, after declared renames were applied
// (see docs/design.md, How renames resolve). Written as a visitor over every change kind, so that a new
// kind has to say whether it can be one half of a rename.
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

/**
 * The names each owner lost and gained, in change-set order, keyed by `halfKey`. Grouped once: a first
 * migration of a thousand products has some 30 000 sightings, and filtering them all for each of its
 * 3 000 blocks took 0.4 s.
 */
function halves(sightings: Sighting[]): Map<string, { lost: string[]; gained: string[] }> {
  const byOwner = new Map<string, { lost: string[]; gained: string[] }>();
  for (const s of sightings) {
    const key = halfKey(s.of, s.owner);
    let owner = byOwner.get(key);
    if (!owner) {
      owner = { lost: [], gained: [] };
      byOwner.set(key, owner);
    }
    owner[s.half].push(s.name);
  }
  return byOwner;
}

const halfKey = (of: Sighting["of"], owner: string) => `${of}\0${owner}`;
const NONE: { lost: string[]; gained: string[] } = { lost: [], gained: [] };

export function renameCandidates(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): RenameCandidates {
  const result: RenameCandidates = { resourceTypes: [], blockResourceTypes: [], fixedInputs: [] };
  const byOwner = halves(visitChanges(out, SIGHTINGS).flat());
  const usedByModel = new Set(model.blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name)));

  // (1) Global: a name gone from the whole model, replaced in the same block by a name the DB lacks.
  const global = new Map<string, string[]>();
  // (2) Per block: any lost link against any gained link of the same block.
  for (const block of model.blocks) {
    const { lost, gained } = byOwner.get(halfKey("resourceType", block.name)) ?? NONE;
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
    const { lost, gained } = byOwner.get(halfKey("fixedInput", product.name)) ?? NONE;
    if (lost.length === 1 && gained.length === 1)
      result.fixedInputs.push({ product: product.name, from: lost[0]!, to: gained[0]! });
  }
  return result;
}
