// What the database holds of the product metadata, as plain data. Read by readSnapshot() in a constant
// number of queries; consumed by the pure diff. All lists are sorted by name so snapshots compare equal.

export interface SnapshotFixedInput {
  name: string;
  value: string;
}

export interface SnapshotProduct {
  id: string;
  name: string;
  description: string;
  productType: string;
  tag: string;
  status: string;
  fixedInputs: SnapshotFixedInput[];
  /** Names of the directly linked blocks (product_product_blocks). */
  blocks: string[];
  /** Subscriptions of this product, any status. */
  subscriptionCount: number;
  /**
   * subscription_instances and their values in this product's subscriptions: what deleting the product
   * deletes with them. Counted only for products a change set deletes (0 otherwise).
   */
  instanceCount: number;
  valueCount: number;
  /** Other products' subscriptions whose instances use this product's instances; read as for the counts. */
  inUseBy?: SnapshotInUseBy;
}

/** Subscriptions of other products holding relations to a product's instances, which its deletion cuts. */
export interface SnapshotInUseBy {
  subscriptions: number;
  /** Their products' names, sorted. */
  products: string[];
  /** Their customer ids, sorted, at most IN_USE_BY_LIMIT. */
  customers: string[];
}

export interface SnapshotBlockRelation {
  /** The depends-on block's name. */
  block: string;
  /** domain_model_attr values seen on instance relations between the two blocks (the DB row has none). */
  attributes: string[];
}

export interface SnapshotBlock {
  id: string;
  name: string;
  description: string;
  tag: string | null;
  status: string | null;
  /** Names of linked resource types (product_block_resource_types). */
  resourceTypes: string[];
  /** Depends-on blocks (product_block_relations where in_use_by = this block). */
  dependsOn: SnapshotBlockRelation[];
  /** subscription_instances of this block. */
  instanceCount: number;
  /** subscription_instance_values per resource type, on instances of this block. */
  valueCounts: Record<string, number>;
  /**
   * Per attribute seen on instance relations: how many instances of this block hold how many instances
   * through it (of any depends-on block), by size. Instances holding none are not listed: they are
   * `instanceCount` minus the rest. Counts only, so the diff can tell a list below its `.min()` from one
   * within its bounds without the generating database's ids.
   */
  attributeSizes: Record<string, AttributeSize[]>;
}

export interface AttributeSize {
  /** Instances held through the attribute by one instance of the block. */
  size: number;
  /** Instances of the block holding exactly `size`. */
  instances: number;
}

export interface SnapshotResourceType {
  id: string;
  name: string;
  description: string | null;
  /** subscription_instance_values of this type, over every block. */
  valueCount: number;
}

export interface Snapshot {
  products: SnapshotProduct[];
  blocks: SnapshotBlock[];
  resourceTypes: SnapshotResourceType[];
}
