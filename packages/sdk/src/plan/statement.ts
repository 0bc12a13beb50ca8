// The plan as data: one statement kind per change (drizzle-kit's "typed statements"). The compiler turns
// each into SQL (compile-statement.ts); the downgrade is another list of the same kinds. Names are the
// names after this migration's renames (renames run first in the upgrade and last in the downgrade).
import type { BlockHolder } from "../diff/change-set.ts";

export interface RenameProductStatement {
  kind: "renameProduct";
  from: string;
  to: string;
}
export interface RenameProductBlockStatement {
  kind: "renameProductBlock";
  from: string;
  to: string;
}
export interface RenameResourceTypeStatement {
  kind: "renameResourceType";
  from: string;
  to: string;
}
export interface RenameFixedInputStatement {
  kind: "renameFixedInput";
  product: string;
  from: string;
  to: string;
}

/** Values of the type on the block's instances go too, then the link. */
export interface DeleteResourceTypeLinkStatement {
  kind: "deleteResourceTypeLink";
  block: string;
  resourceType: string;
}
/** Instances of `dependsOn` used only through `block` are deleted with their relations, then the link. */
export interface DeleteBlockRelationStatement {
  kind: "deleteBlockRelation";
  block: string;
  dependsOn: string;
}
/**
 * Instances of `dependsOn` held by instances of `block` through one of `attributes` (and their own nested
 * instances): what instantiateNestedBlock created, removed by the downgrade.
 */
export interface DeleteNestedInstancesStatement {
  kind: "deleteNestedInstances";
  block: string;
  dependsOn: string;
  attributes: string[];
}
/** Root instances of the block in the product's subscriptions are deleted, then the link. */
export interface DeleteProductBlockLinkStatement {
  kind: "deleteProductBlockLink";
  product: string;
  block: string;
}
export interface DeleteResourceTypeStatement {
  kind: "deleteResourceType";
  resourceType: string;
}
export interface DeleteProductBlockStatement {
  kind: "deleteProductBlock";
  block: string;
}
export interface DeleteFixedInputStatement {
  kind: "deleteFixedInput";
  product: string;
  fixedInput: string;
}
/** Subscriptions go too, and the processes that touched only those subscriptions. */
export interface DeleteProductStatement {
  kind: "deleteProduct";
  product: string;
}

/** A deleted row put back by a downgrade: its id and timestamps as they were. */
export interface RestoredIdentity {
  id: string;
  createdAt: string;
  endDate: string | null;
}

export interface CreateProductStatement {
  kind: "createProduct";
  product: string;
  productType: string;
  description: string;
  tag: string;
  status: string;
  /** Downgrade of a deletion: the row as it was, and the workflows it was linked to (products_workflows). */
  restored?: RestoredIdentity & { workflows: string[] };
}
export interface CreateProductBlockStatement {
  kind: "createProductBlock";
  block: string;
  description: string;
  tag: string | null;
  status: string;
  restored?: RestoredIdentity;
}
export interface CreateResourceTypeStatement {
  kind: "createResourceType";
  resourceType: string;
  description: string | null;
  /** Downgrade of a deletion: the id it had. */
  restoredId?: string;
}
/**
 * `restore` marks a downgrade re-inserting what the upgrade deleted: it inserts nothing when a row it
 * refers to is gone (e.g. the fixed input of a product the upgrade deleted), instead of failing.
 */
export interface CreateFixedInputStatement {
  kind: "createFixedInput";
  product: string;
  fixedInput: string;
  value: string;
  restore?: boolean;
  /** Downgrade of a deletion: the id and creation time it had. */
  restored?: { id: string; createdAt: string };
}
export interface CreateProductBlockLinkStatement {
  kind: "createProductBlockLink";
  product: string;
  block: string;
  restore?: boolean;
}
export interface CreateBlockRelationStatement {
  kind: "createBlockRelation";
  block: string;
  dependsOn: string;
  restore?: boolean;
  /** Downgrade of a deletion: the bounds the relation row had. */
  bounds?: { min: number | null; max: number | null };
}
export interface CreateResourceTypeLinkStatement {
  kind: "createResourceTypeLink";
  block: string;
  resourceType: string;
  restore?: boolean;
}
/** Re-points the block's link and its instances' values from one resource type to another (a per-block update). */
export interface UpdateBlockResourceTypeStatement {
  kind: "updateBlockResourceType";
  block: string;
  from: string;
  to: string;
}

/** Every subscription of the product at run time gets `count` new root instances of the block. */
export interface InstantiateRootBlockStatement {
  kind: "instantiateRootBlock";
  product: string;
  block: string;
  count: number;
}
/**
 * Re-parents the block's instances in the subscriptions of `products` from one holder to another (see
 * diff/block-moves.ts). Stops the migration when a subscription has no single instance to move them to.
 */
export interface MoveBlockInstancesStatement {
  kind: "moveBlockInstances";
  block: string;
  from: BlockHolder;
  to: BlockHolder;
  products: string[];
  /** An instance whose subscription has no instance of the new holder block: stop (upgrade) or leave it. */
  holderMissing: "stop" | "leave";
}
/**
 * Every instance of `block` at run time that has no `attribute` relation to a `dependsOn` instance gets
 * one new `dependsOn` instance in its own subscription, related through `attribute`.
 */
export interface InstantiateNestedBlockStatement {
  kind: "instantiateNestedBlock";
  block: string;
  dependsOn: string;
  attribute: string;
  /**
   * Only under the instances a new link of `root` to `product` just created: its root instances in the
   * product's subscriptions and what they hold (the product's other instances are left as they are).
   */
  within?: { product: string; root: string };
}
/**
 * Every instance of `block` at run time holding fewer than `min` instances through the list `attribute`
 * gets new `dependsOn` instances up to `min`, appended after its elements. Only emitted when the user
 * confirmed the fill; the downgrade leaves them (it cannot tell them from elements added since).
 */
export interface FillListToMinStatement {
  kind: "fillListToMin";
  block: string;
  dependsOn: string;
  attribute: string;
  min: number;
}
/** Every instance of the block at run time without a value of the type gets one row per value. */
export interface BackfillResourceTypeStatement {
  kind: "backfillResourceType";
  block: string;
  resourceType: string;
  values: string[];
}

export type Statement =
  | RenameProductStatement
  | RenameProductBlockStatement
  | RenameResourceTypeStatement
  | RenameFixedInputStatement
  | DeleteResourceTypeLinkStatement
  | DeleteBlockRelationStatement
  | DeleteNestedInstancesStatement
  | DeleteProductBlockLinkStatement
  | DeleteResourceTypeStatement
  | DeleteProductBlockStatement
  | DeleteFixedInputStatement
  | DeleteProductStatement
  | CreateProductStatement
  | CreateProductBlockStatement
  | CreateResourceTypeStatement
  | CreateFixedInputStatement
  | CreateProductBlockLinkStatement
  | CreateBlockRelationStatement
  | CreateResourceTypeLinkStatement
  | UpdateBlockResourceTypeStatement
  | InstantiateRootBlockStatement
  | MoveBlockInstancesStatement
  | InstantiateNestedBlockStatement
  | FillListToMinStatement
  | BackfillResourceTypeStatement;

export type StatementKind = Statement["kind"];
