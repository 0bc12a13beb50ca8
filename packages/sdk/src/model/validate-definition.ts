// Checks a single definition can make when it is created (define* time), so mistakes surface at the line
// that made them. Checks that need the whole registry (duplicate names, cycles) live in normalize-registry.

import { DESCRIPTION_MAX_LENGTH, TAG_MAX_LENGTH } from "../limits.ts";
import { isBlockFieldBuilder } from "./block-field-builder.ts";
import { characterCount } from "./character-count.ts";
import type { SourceLocation } from "./domain-model.ts";
import { FIELD_NAME_PATTERN, ModelError } from "./model-errors.ts";
import { isResourceTypeBuilder } from "./resource-type-builder.ts";

export function validateName(what: string, name: unknown, location: SourceLocation): asserts name is string {
  if (typeof name !== "string" || name.trim() === "") throw ModelError.invalidName(what, name, location);
}

export function validateMetadata(
  owner: string,
  metadata: { description?: unknown; tag?: unknown },
  locations: { description: SourceLocation; tag: SourceLocation },
): void {
  const { description, tag } = metadata;
  if (typeof tag === "string" && characterCount(tag) > TAG_MAX_LENGTH)
    throw ModelError.tagTooLong(owner, tag, locations.tag);
  if (typeof description === "string" && characterCount(description) > DESCRIPTION_MAX_LENGTH) {
    throw ModelError.descriptionTooLong(owner, characterCount(description), locations.description);
  }
}

export function validateFieldName(owner: string, field: string, location: SourceLocation): void {
  if (field.startsWith("_")) throw ModelError.underscoreFieldName(owner, field, location);
  if (!FIELD_NAME_PATTERN.test(field)) throw ModelError.invalidFieldName(owner, field, location);
}

export type FieldKinds = "resourceType" | "blockField";

/** Validates every field of an object of builders; `allowed` says which kinds this object may hold. */
export function validateFields(
  owner: string,
  fields: unknown,
  allowed: readonly FieldKinds[],
  locationOf: (field: string) => SourceLocation,
  fieldsLocation: SourceLocation,
): void {
  if (fields === undefined) return;
  if (typeof fields !== "object" || fields === null) {
    throw ModelError.invalidField(owner, "(fields)", "must be an object of field builders", fieldsLocation);
  }
  for (const [field, builder] of Object.entries(fields)) {
    const location = locationOf(field);
    validateFieldName(owner, field, location);
    if (isResourceTypeBuilder(builder) && allowed.includes("resourceType")) {
      if (builder.spec.kind === "enum" && !builder.spec.values?.length)
        throw ModelError.emptyEnum(owner, field, location);
      if (allowed.length === 1 && builder.spec.list) {
        throw ModelError.invalidField(owner, field, "is a list, but a fixed input holds one value", location);
      }
      continue;
    }
    if (isBlockFieldBuilder(builder) && allowed.includes("blockField")) {
      validateCardinality(owner, field, builder.list, builder.options, location);
      continue;
    }
    const expected = allowed
      .map((kind) => (kind === "resourceType" ? "r.string() etc." : "r.block(...)"))
      .join(" or ");
    throw ModelError.invalidField(owner, field, `is not a field builder (expected ${expected})`, location);
  }
}

function validateCardinality(
  owner: string,
  field: string,
  list: boolean,
  options: { min?: number; max?: number },
  location: SourceLocation,
): void {
  const { min, max } = options;
  if (!list && (min !== undefined || max !== undefined)) {
    throw ModelError.invalidField(owner, field, "has min/max but is not a list", location);
  }
  for (const bound of [min, max]) {
    if (bound !== undefined && (!Number.isInteger(bound) || bound < 0)) {
      throw ModelError.invalidField(
        owner,
        field,
        `has a list bound ${bound} that is not a whole number ≥ 0`,
        location,
      );
    }
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw ModelError.invalidField(owner, field, `has min ${min} greater than max ${max}`, location);
  }
}
