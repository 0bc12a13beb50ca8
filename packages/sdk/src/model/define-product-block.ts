// defineProductBlock: a product block (a product_blocks row) with its resource types and sub-blocks.
import type { BlockFields, ProductBlockDefinition } from "./definitions.ts";
import { locateDefinitionCall } from "./source-index.ts";
import { validateFields, validateMetadata, validateName } from "./validate-definition.ts";

export interface ProductBlockInput<Name extends string, F extends BlockFields> {
  /** The product_blocks name (free-form: spaces are allowed). */
  name: Name;
  /** Answers the "description" migration question for a new block. */
  description?: string;
  /** Answers the "tag" question (at most 20 characters). */
  tag?: string;
  /** The block's previous name: the diff renames the row instead of deleting and creating it. */
  renamedFrom?: string;
  fields: F;
}

export function defineProductBlock<const Name extends string, const F extends BlockFields>(
  input: ProductBlockInput<Name, F>,
): ProductBlockDefinition<Name, F> {
  const source = locateDefinitionCall(defineProductBlock, typeof input?.name === "string" ? input.name : "");
  const location = source.valueLocation(["name"]);
  validateName("product block", input.name, location);
  const owner = `product block "${input.name}"`;
  validateMetadata(owner, input, {
    description: source.valueLocation(["description"]),
    tag: source.valueLocation(["tag"]),
  });
  const fieldLocations = Object.fromEntries(
    source.keys(["fields"]).map(({ key, location }) => [key, location]),
  );
  validateFields(
    owner,
    input.fields,
    ["resourceType", "blockField"],
    (field) => fieldLocations[field] ?? location,
    source.valueLocation(["fields"]),
  );
  return Object.freeze({
    kind: "productBlock" as const,
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.tag === undefined ? {} : { tag: input.tag }),
    ...(input.renamedFrom === undefined ? {} : { renamedFrom: input.renamedFrom }),
    fields: Object.freeze({ ...(input.fields ?? ({} as F)) }),
    location,
    fieldLocations: Object.freeze(fieldLocations),
  });
}
