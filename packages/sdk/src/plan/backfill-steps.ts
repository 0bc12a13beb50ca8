// The last upgrade step: instances and values for the subscriptions that exist when the migration runs
// (see docs/design.md, Existing subscriptions).
import type { BlockRelation, ChangeSet } from "../diff/change-set.ts";
import { rootInstancesPerSubscription } from "../diff/new-link-instances.ts";
import { type Answers, own } from "../questions/answers.ts";
import { pick } from "./pick.ts";
import type { Statement } from "./statement.ts";

/**
 * Root instances first, then nested ones parent before child, so that the nested blocks of a block newly
 * added to existing subscriptions are instantiated too; then the default values, which therefore also
 * reach the instances created just before. A nested backfill is only emitted when its in-use-by block can
 * have instances when the migration runs: it exists already, or an earlier backfill creates some.
 */
export function backfillStatements(cs: ChangeSet, answers: Answers): Statement[] {
  // A new product has no subscriptions yet: nothing to instantiate.
  const createdProducts = new Set(cs.createProducts.map((c) => c.product));
  const newBlocks = new Set(cs.createProductBlocks.map((c) => c.block));
  const populated = new Set<string>();
  const out: Statement[] = [];
  for (const link of cs.createProductBlockLinks) {
    // A move re-parents the instances there are and creates none: a subscription without one (its old
    // holder's field was optional, a list, or a union that held another block) stays without.
    const count = rootInstancesPerSubscription(link);
    if (createdProducts.has(link.product) || count === 0) continue;
    out.push({ kind: "instantiateRootBlock", ...pick(link, "product", "block"), count });
    populated.add(link.block);
    // An existing block's sub-blocks, through the relations it already has, for the new instances only.
    for (const nested of link.nested ?? [])
      out.push({
        kind: "instantiateNestedBlock",
        ...nested,
        within: { product: link.product, root: link.block },
      });
  }
  for (const relation of parentsFirst(cs.createBlockRelations)) {
    if (relation.moved || (newBlocks.has(relation.block) && !populated.has(relation.block))) continue;
    for (const attribute of relation.attributes) {
      out.push({ kind: "instantiateNestedBlock", ...pick(relation, "block", "dependsOn"), attribute });
      populated.add(relation.dependsOn);
    }
  }
  // Lists below their minimum, after the instances that may hold them and before the default values
  // that the new elements need too.
  if (answers.fillListsToMin)
    for (const relation of cs.createBlockRelations)
      for (const { attribute, min } of relation.belowMin ?? [])
        out.push({ kind: "fillListToMin", ...pick(relation, "block", "dependsOn"), attribute, min });
  for (const link of cs.createResourceTypeLinks) {
    const values = own(own(answers.defaultValues, link.block), link.resourceType);
    if (values && values.length > 0)
      out.push({ kind: "backfillResourceType", ...pick(link, "block", "resourceType"), values });
  }
  return out;
}

/** Kahn's order over the new relations: A→D after every X→A. Relations on a cycle keep their order, last. */
export function parentsFirst(relations: readonly BlockRelation[]): BlockRelation[] {
  const remaining = [...relations];
  const ordered: BlockRelation[] = [];
  while (remaining.length > 0) {
    const index = remaining.findIndex(
      (r) => !remaining.some((o) => o !== r && o.dependsOn === r.block && o.block !== r.block),
    );
    if (index === -1) return [...ordered, ...remaining];
    ordered.push(...remaining.splice(index, 1));
  }
  return ordered;
}
