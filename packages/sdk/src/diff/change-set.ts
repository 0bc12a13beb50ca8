// The result of diff(model, snapshot): every category of orchestrator-core's change set as plain,
// JSON-serialisable arrays (one entry per (subject, target) pair instead of Python's name → set maps, so
// nothing can be dropped by grouping; see docs/design.md, Change kinds). Entries are ordered: registry order
// for products, discovery order for blocks, then by name. `location` points at the model source where the
// change comes from; items that only the database has carry the location of the definition that lost them, or
// of the registry.
import type { SourceLocation } from "../model/domain-model.ts";
import type { SnapshotInUseBy } from "../snapshot/snapshot.ts";

export interface CreateProduct {
  product: string;
  productType: string;
  location: SourceLocation;
}
export interface DeleteProduct {
  product: string;
  /** Subscriptions that would be deleted with it. */
  subscriptions: number;
  /** The instances of those subscriptions and their values, deleted with them. */
  instances: number;
  values: number;
  /** Other products' subscriptions using its instances: they lose those relations. */
  inUseBy?: SnapshotInUseBy;
  /** What the downgrade puts back: the row, its fixed inputs and block links (never its subscriptions). */
  restore?: DeletedProductRow;
  location: SourceLocation;
}
export interface DeletedProductRow {
  productType: string;
  description: string;
  tag: string;
  status: string;
  fixedInputs: { name: string; value: string }[];
  blocks: string[];
}
export interface RenameProduct {
  from: string;
  to: string;
  subscriptions: number;
  location: SourceLocation;
}

export interface CreateFixedInput {
  product: string;
  fixedInput: string;
  location: SourceLocation;
}
export interface DeleteFixedInput {
  product: string;
  fixedInput: string;
  /** Value in the database now; the downgrade re-inserts it. */
  value: string;
  location: SourceLocation;
}
export interface RenameFixedInput {
  product: string;
  from: string;
  to: string;
  location: SourceLocation;
}

/**
 * On a delete entry, read from the database after the diff (project/count-deletions.ts): the instances
 * the deletion removes, with those only they use in their subscription, and their values.
 */
export interface DeletedRows {
  instances: number;
  values: number;
}

/** product → block (product_product_blocks). */
export interface ProductBlockLink {
  product: string;
  block: string;
  /** The product type's attributes holding the block (empty for a link only the database has). */
  attributes: string[];
  /** Subscriptions of the product in the database (each gets / loses a root instance). */
  subscriptions: number;
  /**
   * On a created link: the root instances each existing subscription gets, one per field that the block
   * starts the union of, unless a block linked before (or moved in) fills that field already. Absent:
   * one per attribute.
   */
  instancesPerSubscription?: number;
  /**
   * For a block the database already has, linked to a product that has subscriptions: the sub-blocks
   * its new root instances must get too, through relations the database already has (new relations
   * instantiate on their own), parents first. Only required single-block fields; absent when none.
   */
  nested?: NestedInstance[];
  /** Half of a move (moveProductBlocks): the block's instances are re-parented, not deleted or created. */
  moved?: boolean;
  deleted?: DeletedRows;
  location: SourceLocation;
}

/** One `dependsOn` instance per `block` instance, through `attribute`. */
export interface NestedInstance {
  block: string;
  dependsOn: string;
  attribute: string;
}

/** block → block (product_block_relations): `block` is in use by, `dependsOn` the contained block. */
export interface BlockRelation {
  block: string;
  dependsOn: string;
  /**
   * Attributes of `block` holding `dependsOn` through which every `block` instance lacking one gets one
   * instance: required single-block fields only. An optional field may be absent and a
   * list may be empty within its bounds, so neither is ever given an instance here; a new relation held
   * only through those has none. On a delete entry: every attribute whose instances go.
   */
  attributes: string[];
  /** Instances of `block` in the database. */
  instances: number;
  /**
   * Create entries only: instances of `block` when the migration runs, i.e. `instances` plus those it
   * creates first (instances-at-migration.ts); each gets one instance per attribute.
   */
  instancesAtMigration?: number;
  /**
   * Create entries only: lists of `block` whose `.min()` some instances fall short of. They are filled up
   * to the minimum with new `dependsOn` instances when the migration runs, and only when the user
   * confirms; otherwise they are reported and left as they are.
   */
  belowMin?: ListBelowMin[];
  /**
   * The product_block_relations row exists and stays; only `attributes` change. On a create entry: they
   * are new, instances are created for them but no relation row inserted. On a delete entry:
   * the models no longer have them, and only the instances held through them are deleted.
   */
  existing?: boolean;
  /** Half of a move (moveProductBlocks): the block's instances are re-parented, not deleted or created. */
  moved?: boolean;
  deleted?: DeletedRows;
  location: SourceLocation;
}

/** Where a block's instances hang in a subscription: at the root (a product link), or under a block. */
export type BlockHolder = { root: true } | { block: string; attribute: string };

/**
 * A block that keeps its name but changes its holder within the same subscriptions (nested → root, root
 * → nested, one block → another): its instances, their values and their own sub-blocks are re-parented
 * in each subscription of `products`, instead of being deleted under the old holder and created empty
 * under the new one. The metadata rows still change through the delete and create entries marked `moved`.
 */
export interface MoveProductBlock {
  block: string;
  from: BlockHolder;
  to: BlockHolder;
  /** Products whose subscriptions hold the block through `from`, all of which get `to`. */
  products: string[];
  /** Instances of the block in the database: at most this many move. */
  instances: number;
  location: SourceLocation;
}

/** A list attribute that some instances hold fewer elements of than its `.min()`. */
export interface ListBelowMin {
  attribute: string;
  min: number;
  /** Instances of the block holding fewer than `min` elements through `attribute`. */
  instances: number;
  /** Elements those instances lack: the instances a confirmed fill creates. */
  elements: number;
}

/** block → resource type (product_block_resource_types). */
export interface ResourceTypeLink {
  block: string;
  resourceType: string;
  /** Existing instances of the block that will get (or lose) a value: whether a default value is needed. */
  instances: number;
  /** For a deleted link: the values that are deleted with it. */
  values: number;
  location: SourceLocation;
}

export interface CreateResourceType {
  resourceType: string;
  location: SourceLocation;
}
export interface DeleteResourceType {
  resourceType: string;
  values: number;
  /** Description in the database now; the downgrade re-inserts the row with it. */
  description?: string | null;
  location: SourceLocation;
}
export interface RenameResourceType {
  from: string;
  to: string;
  location: SourceLocation;
}
/** Re-point one block from an old resource type to another (a per-block update); the old type row stays. */
export interface UpdateBlockResourceType {
  block: string;
  from: string;
  to: string;
  values: number;
  location: SourceLocation;
}

export interface CreateProductBlock {
  block: string;
  location: SourceLocation;
}
export interface DeleteProductBlock {
  block: string;
  instances: number;
  deleted?: DeletedRows;
  /** Description, tag and status in the database now; the downgrade re-inserts the row with them. */
  description?: string;
  tag?: string | null;
  status?: string | null;
  location: SourceLocation;
}
export interface RenameProductBlock {
  from: string;
  to: string;
  instances: number;
  location: SourceLocation;
}

/** Renames the diff cannot decide alone: asked, or answered by --updates / renamedFrom. */
export interface RenameCandidates {
  /** A resource type gone from the whole model, and new names that could replace it. */
  resourceTypes: { from: string; candidates: string[] }[];
  /** Per block: a resource type it lost, and the new ones it gained. */
  blockResourceTypes: { block: string; from: string; candidates: string[] }[];
  /** A product that lost exactly one fixed input and gained exactly one. */
  fixedInputs: { product: string; from: string; to: string }[];
}

export interface ChangeSet {
  createProducts: CreateProduct[];
  deleteProducts: DeleteProduct[];
  renameProducts: RenameProduct[];
  createFixedInputs: CreateFixedInput[];
  deleteFixedInputs: DeleteFixedInput[];
  renameFixedInputs: RenameFixedInput[];
  createProductBlockLinks: ProductBlockLink[];
  deleteProductBlockLinks: ProductBlockLink[];
  createResourceTypes: CreateResourceType[];
  deleteResourceTypes: DeleteResourceType[];
  renameResourceTypes: RenameResourceType[];
  updateBlockResourceTypes: UpdateBlockResourceType[];
  createResourceTypeLinks: ResourceTypeLink[];
  deleteResourceTypeLinks: ResourceTypeLink[];
  createProductBlocks: CreateProductBlock[];
  deleteProductBlocks: DeleteProductBlock[];
  renameProductBlocks: RenameProductBlock[];
  createBlockRelations: BlockRelation[];
  deleteBlockRelations: BlockRelation[];
  moveProductBlocks: MoveProductBlock[];
  renameCandidates: RenameCandidates;
  /** Entries of the `updates` argument that matched nothing and were skipped, not a crash as in orchestrator-core. */
  ignoredUpdates?: IgnoredUpdate[];
}

/** An `updates` entry the diff did not apply, and why. */
export interface IgnoredUpdate {
  kind: keyof Updates;
  /** The product (fixed_inputs) or block (block_resource_types) the entry is about. */
  subject?: string;
  from: string;
  to: string;
  reason: string;
}

/** orchestrator-core's --updates JSON, plus block and product renames (what renamedFrom declares). */
export interface Updates {
  fixed_inputs?: Record<string, Record<string, string>>;
  resource_types?: Record<string, string>;
  block_resource_types?: Record<string, Record<string, string>>;
  product_blocks?: Record<string, string>;
  products?: Record<string, string>;
}
