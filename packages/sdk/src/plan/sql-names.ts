// Rows are referred to by name through scalar sub-queries (the reference's P/PB/RT notation), never by
// id, so a migration generated against one database runs on any other with the same metadata.
import { sqlLiteral } from "./sql-literal.ts";

/** P(name): the product's id. */
export const productId = (name: string): string =>
  `(SELECT product_id FROM products WHERE name = ${sqlLiteral(name)})`;

/** PB(name): the product block's id. */
export const blockId = (name: string): string =>
  `(SELECT product_block_id FROM product_blocks WHERE name = ${sqlLiteral(name)})`;

/** RT(name): the resource type's id. */
export const resourceTypeId = (name: string): string =>
  `(SELECT resource_type_id FROM resource_types WHERE resource_type = ${sqlLiteral(name)})`;

/** The subscriptions of a product, any status. */
export const subscriptionsOf = (product: string): string =>
  `(SELECT subscription_id FROM subscriptions WHERE product_id = ${productId(product)})`;
