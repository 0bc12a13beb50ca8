// Builders for hand-written migrations (orchestrator-core's helper API, redesigned): pure functions returning SQL
// statements for `this.addStatements(...)` / `this.addSql(...)`. Every value goes through sqlLiteral and
// rows are found by name, like the generated migrations; inserts end in ON CONFLICT DO NOTHING as the
// reference's helpers do, so a helper can be re-run.
import { compileStatement } from "../../plan/compile-statement.ts";
import { NEW_ROW_STATUS } from "../../plan/upgrade-steps.ts";

export interface CreateProductOptions {
  name: string;
  description: string;
  /** The products.product_type value: the product type's name. */
  productType: string;
  tag: string;
  status?: string;
  /** Fixed input name → value. */
  fixedInputs?: Record<string, string>;
  /** Names of existing product blocks to link (product_product_blocks). */
  blocks?: string[];
}

/**
 * Inserts a product with its fixed inputs and root blocks.
 * @example
 * this.addStatements(createProduct({ name: "User internal", description: "user administration - internal",
 *   productType: "User", tag: "USER_INT", fixedInputs: { affiliation: "internal" }, blocks: ["UserBlock"] }));
 */
export function createProduct(options: CreateProductOptions): string[] {
  const { name, description, productType, tag } = options;
  return [
    ...compileStatement({
      kind: "createProduct",
      product: name,
      productType,
      description,
      tag,
      status: options.status ?? NEW_ROW_STATUS,
    }),
    ...createFixedInputs(name, options.fixedInputs ?? {}),
    ...(options.blocks ?? []).flatMap((block) =>
      compileStatement({ kind: "createProductBlockLink", product: name, block }),
    ),
  ];
}

/**
 * Inserts fixed inputs of an existing product.
 * @example
 * this.addStatements(createFixedInputs("User internal", { affiliation: "internal" }));
 */
export function createFixedInputs(product: string, fixedInputs: Record<string, string>): string[] {
  return Object.entries(fixedInputs).flatMap(([fixedInput, value]) =>
    compileStatement({ kind: "createFixedInput", product, fixedInput, value }),
  );
}

export interface CreateProductBlockOptions {
  name: string;
  description: string;
  tag?: string | null;
  status?: string;
  /** Resource type name → description; types that exist already are linked as they are. */
  resourceTypes?: Record<string, string>;
  /** Names of existing blocks this block holds (product_block_relations). */
  dependsOn?: string[];
}

/**
 * Inserts a product block, its resource types and its relations to the blocks it holds.
 * @example
 * this.addStatements(createProductBlock({ name: "UserBlock", description: "user block", tag: "UB",
 *   resourceTypes: { username: "name of the user" }, dependsOn: ["UserGroupBlock"] }));
 */
export function createProductBlock(options: CreateProductBlockOptions): string[] {
  const block = options.name;
  return [
    ...compileStatement({
      kind: "createProductBlock",
      block,
      description: options.description,
      tag: options.tag ?? null,
      status: options.status ?? NEW_ROW_STATUS,
    }),
    ...Object.entries(options.resourceTypes ?? {}).flatMap(([resourceType, description]) => [
      ...createResourceType(resourceType, description),
      ...compileStatement({ kind: "createResourceTypeLink", block, resourceType }),
    ]),
    ...(options.dependsOn ?? []).flatMap((dependsOn) =>
      compileStatement({ kind: "createBlockRelation", block, dependsOn }),
    ),
  ];
}

/**
 * Inserts a resource type (kept as it is if it exists).
 * @example
 * this.addStatements(createResourceType("username", "name of the user"));
 */
export function createResourceType(name: string, description: string): string[] {
  return compileStatement({ kind: "createResourceType", resourceType: name, description });
}

/**
 * Gives every instance of the block that has no value of the type one row per value, when it runs.
 * @example
 * this.addStatements(backfillResourceType({ block: "UserBlock", resourceType: "age", value: "0" }));
 */
export function backfillResourceType(options: {
  block: string;
  resourceType: string;
  value: string | string[];
}): string[] {
  const values = Array.isArray(options.value) ? options.value : [options.value];
  return compileStatement({
    kind: "backfillResourceType",
    block: options.block,
    resourceType: options.resourceType,
    values,
  });
}

/**
 * Deletes a product with its fixed inputs and links. It fails while subscriptions exist, unless
 * `withSubscriptions` deletes them too (and the processes that touched only them).
 * @example
 * this.addStatements(deleteProduct("User external"));
 */
export function deleteProduct(name: string, options: { withSubscriptions?: boolean } = {}): string[] {
  return options.withSubscriptions
    ? compileStatement({ kind: "deleteProduct", product: name })
    : [compileStatement({ kind: "deleteProduct", product: name }).at(-1)!];
}

/**
 * Deletes a product block with its links. It fails while instances exist, unless `withInstances`.
 * @example
 * this.addStatements(deleteProductBlock("UserGroupBlock"));
 */
export function deleteProductBlock(name: string, options: { withInstances?: boolean } = {}): string[] {
  const statements = compileStatement({ kind: "deleteProductBlock", block: name });
  return options.withInstances ? statements : [statements.at(-1)!];
}

/**
 * Deletes a resource type with its block links. It fails while values exist, unless `withValues`.
 * @example
 * this.addStatements(deleteResourceType("age", { withValues: true }));
 */
export function deleteResourceType(name: string, options: { withValues?: boolean } = {}): string[] {
  const statements = compileStatement({ kind: "deleteResourceType", resourceType: name });
  return options.withValues ? statements : [statements.at(-1)!];
}
