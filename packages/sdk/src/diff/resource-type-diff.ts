// Resource type rows: global names, created when a model block uses a name the database lacks, deleted
// when no model block uses a name any more (orchestrator-core only deletes names that lost a link, leaving
// orphans behind).
import type { DomainModel, SourceLocation } from "../model/domain-model.ts";
import type { ChangeSet } from "./change-set.ts";
import { byName, type WorkingSnapshot } from "./working-snapshot.ts";

export function diffResourceTypes(model: DomainModel, db: WorkingSnapshot, out: ChangeSet): void {
  const used = new Map<string, SourceLocation>();
  for (const block of model.blocks) {
    for (const rt of block.resourceTypes) if (!used.has(rt.name)) used.set(rt.name, rt.location);
  }
  for (const [resourceType, location] of used) {
    if (!db.resourceTypes.has(resourceType)) out.createResourceTypes.push({ resourceType, location });
  }
  const unused = [...db.resourceTypes.values()].filter((row) => !used.has(row.name));
  for (const row of byName(unused, (rt) => rt.name)) {
    const holder = model.blocks.find((b) => db.blocks.get(b.name)?.resourceTypes.includes(row.name));
    out.deleteResourceTypes.push({
      resourceType: row.name,
      values: row.valueCount,
      description: row.description,
      location: holder?.location ?? model.registryLocation,
    });
  }
}
