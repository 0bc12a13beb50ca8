// defineProductType: a product type with its fixed inputs and root blocks. Registering it under one or
// more product names (defineRegistry) makes the products rows; its `name` is their product_type.
import type { FixedInputFields, ProductBlockFields, ProductTypeDefinition } from "./definitions.ts";
import { ModelError } from "./model-errors.ts";
import { locateDefinitionCall } from "./source-index.ts";
import { validateFields, validateName } from "./validate-definition.ts";

export interface ProductTypeInput<
  Name extends string,
  FI extends FixedInputFields,
  BF extends ProductBlockFields,
> {
  name: Name;
  /** Fixed inputs: one value per product, given in the registry entry or asked during migration. */
  fixedInputs?: FI;
  /** Root blocks of a subscription. */
  blocks: BF;
}

export function defineProductType<
  const Name extends string,
  const BF extends ProductBlockFields,
  // biome-ignore lint/complexity/noBannedTypes: no fixed inputs is the empty object type.
  const FI extends FixedInputFields = {},
>(input: ProductTypeInput<Name, FI, BF>): ProductTypeDefinition<Name, FI, BF> {
  const source = locateDefinitionCall(defineProductType, typeof input?.name === "string" ? input.name : "");
  const location = source.valueLocation(["name"]);
  validateName("product type", input.name, location);
  const owner = `product type "${input.name}"`;
  const fieldLocations: Record<string, typeof location> = {};
  for (const group of ["fixedInputs", "blocks"] as const) {
    for (const { key, location: keyLocation } of source.keys([group])) {
      if (fieldLocations[key] && group === "blocks" && key in (input.fixedInputs ?? {})) {
        throw ModelError.fieldNameCollision(owner, key, keyLocation);
      }
      fieldLocations[key] = keyLocation;
    }
  }
  const locationOf = (field: string) => fieldLocations[field] ?? location;
  validateFields(
    owner,
    input.fixedInputs,
    ["resourceType"],
    locationOf,
    source.valueLocation(["fixedInputs"]),
  );
  validateFields(owner, input.blocks, ["blockField"], locationOf, source.valueLocation(["blocks"]));
  for (const field of Object.keys(input.blocks ?? {})) {
    if (field in (input.fixedInputs ?? {}))
      throw ModelError.fieldNameCollision(owner, field, locationOf(field));
  }
  return Object.freeze({
    kind: "productType" as const,
    name: input.name,
    fixedInputs: Object.freeze({ ...(input.fixedInputs ?? ({} as FI)) }),
    blocks: Object.freeze({ ...(input.blocks ?? ({} as BF)) }),
    location,
    fieldLocations: Object.freeze(fieldLocations),
  });
}
