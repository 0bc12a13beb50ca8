// Rejects blocks that contain themselves through required fields. A block using itself (or blocks using
// each other) is fine when the cycle passes an optional or list field: an instance can stop there. When
// every step is required (in some lifecycle), no finite subscription can hold the block. A required union
// is satisfiable when any of its members is, so this is a fixpoint over "instantiable", not a plain DFS.
import type { ModelBlock, ModelBlockField } from "./domain-model.ts";
import { ModelError } from "./model-errors.ts";

function isRequired(field: ModelBlockField): boolean {
  if (field.optional) return false;
  return !field.list || (field.min ?? 0) > 0;
}

export function checkRequiredCycles(blocks: readonly ModelBlock[]): void {
  const instantiable = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const block of blocks) {
      if (instantiable.has(block.name)) continue;
      const ok = block.blockFields.every(
        (field) => !isRequired(field) || field.blocks.some((b) => instantiable.has(b)),
      );
      if (ok) {
        instantiable.add(block.name);
        changed = true;
      }
    }
  }
  const stuck = blocks.filter((block) => !instantiable.has(block.name));
  if (stuck.length === 0) return;
  throw cycleError(stuck, instantiable);
}

function cycleError(stuck: readonly ModelBlock[], instantiable: Set<string>): ModelError {
  const byName = new Map(stuck.map((block) => [block.name, block]));
  // Every stuck block has a required field whose members are all stuck: following those must loop.
  const step = (block: ModelBlock) => {
    const field = block.blockFields.find(
      (f) => isRequired(f) && f.blocks.every((b) => !instantiable.has(b)),
    )!;
    return { field, next: byName.get(field.blocks[0]!)! };
  };
  const seen: ModelBlock[] = [];
  let current = stuck[0]!;
  while (!seen.includes(current)) {
    seen.push(current);
    current = step(current).next;
  }
  const cycle = seen.slice(seen.indexOf(current));
  const path = cycle.map((block) => `${block.name}.${step(block).field.attribute}`);
  return ModelError.requiredBlockCycle(current.name, [...path, current.name], step(current).field.location);
}
