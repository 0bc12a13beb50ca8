// Groups block fields by the block they hold: a block held through several attributes (or through a
// union) is one relation row with several attributes (see docs/design.md, How the diff compares).
import type { ModelBlockField, SourceLocation } from "../model/domain-model.ts";
import type { AttributeSize } from "../snapshot/snapshot.ts";
import type { ListBelowMin } from "./change-set.ts";

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

/**
 * Whether every instance must hold an instance through this field: a required single block. An optional
 * field may be left out and a list may be empty (within its bounds) in every lifecycle, so the diff never
 * creates instances for them on its own (issue 16: empty lists were filled on any migration).
 */
export function mustHold(field: ModelBlockField): boolean {
  return !field.optional && !field.list;
}

/**
 * How far the block's instances fall short of a list's `.min()`, from the sizes the snapshot counted
 * (instances not listed there hold none); undefined when none does, or the field has no minimum.
 */
export function listBelowMin(
  field: ModelBlockField,
  instanceCount: number,
  sizes: readonly AttributeSize[] = [],
): ListBelowMin | undefined {
  const min = field.list ? (field.min ?? 0) : 0;
  if (min <= 0 || instanceCount === 0) return undefined;
  const holdingSome = sizes.reduce((sum, s) => sum + s.instances, 0);
  const short = [{ size: 0, instances: instanceCount - holdingSome }, ...sizes].filter(
    (s) => s.size < min && s.instances > 0,
  );
  if (short.length === 0) return undefined;
  return {
    attribute: field.attribute,
    min,
    instances: short.reduce((sum, s) => sum + s.instances, 0),
    elements: short.reduce((sum, s) => sum + (min - s.size) * s.instances, 0),
  };
}
