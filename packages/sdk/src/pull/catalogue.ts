// What `models pull` reads from a database: the product metadata (the snapshot) plus what subscriptions
// show that the metadata rows do not say: the attribute names of block relations, whether a relation or
// a resource type holds several at once, and what the stored values look like.
import type { Snapshot } from "../snapshot/snapshot.ts";

/** Instance relations of one (block, attribute, depends-on block), as subscriptions hold them. */
export interface HeldRelation {
  block: string;
  /** subscription_instance_relations.domain_model_attr. */
  attribute: string;
  dependsOn: string;
  /** Most instances one instance of `block` holds through `attribute` (over all depends-on blocks). */
  mostHeld: number;
}

/** How many stored values of one resource type have each shape (a value can have several). */
export interface ValueShapes {
  count: number;
  integers: number;
  booleans: number;
  uuids: number;
  ipv4: number;
  ipv6: number;
  /** Values that read as VLAN ranges ("100-199", "10,20", and plain integers too). */
  vlanRanges: number;
  /** Most values of this type on one instance: more than 1 makes it a list. */
  mostPerInstance: number;
}

export interface Catalogue {
  snapshot: Snapshot;
  relations: HeldRelation[];
  /** By resource type name; absent when no subscription holds a value of it. */
  values: Record<string, ValueShapes>;
}
