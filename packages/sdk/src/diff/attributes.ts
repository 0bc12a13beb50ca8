// Groups block fields by the block they hold: a block held through several attributes (or through a
// union) is one relation row with several attributes (fix g.2, g.8, g.9).
import type { ModelBlockField, SourceLocation } from "../model/domain-model.ts";

export interface HeldBlock {
  attributes: string[];
  /** Location of the first attribute holding the block. */
  location: SourceLocation;
  locations: Record<string, SourceLocation>;
}

export function heldBlocks(fields: readonly ModelBlockField[]): Map<string, HeldBlock> {
  const held = new Map<string, HeldBlock>();
  for (const field of fields) {
    for (const block of field.blocks) {
      const entry = held.get(block) ?? { attributes: [], location: field.location, locations: {} };
      entry.attributes.push(field.attribute);
      entry.locations[field.attribute] = field.location;
      held.set(block, entry);
    }
  }
  return held;
}
