// SQL over subscription instances, shared by the plan's backfills and deletions and by the helper API.
// Everything is evaluated when the migration runs, against whatever instances exist then: no ids from the
// generating database are ever inlined (see docs/design.md, Existing subscriptions).
import { sqlList, sqlLiteral } from "./sql-literal.ts";
import { blockId, resourceTypeId } from "./sql-names.ts";

/**
 * Deletes the instances matching `where` (a condition on alias `si`) and, recursively, the instances they
 * use in the same subscription — unless another subscription's instance also uses them. Without this, a
 * removed block's nested instances would stay behind as orphans the loader cannot place.
 */
export function deleteInstancesWithDescendants(where: string): string {
  return `${doomedInstances(where)} DELETE FROM subscription_instances WHERE subscription_instance_id IN (SELECT subscription_instance_id FROM doomed)`;
}

/**
 * How many instances and values `deleteInstancesWithDescendants(where)` would delete now: the same
 * selection, counted (a query with one row: instances, values).
 */
export function countInstancesWithDescendants(where: string): string {
  return (
    `${doomedInstances(where)} SELECT (SELECT count(*) FROM doomed) AS instances, ` +
    "(SELECT count(*) FROM subscription_instance_values v WHERE v.subscription_instance_id IN (SELECT subscription_instance_id FROM doomed)) AS values"
  );
}

/** `WITH RECURSIVE doomed AS (…)`: the instances matching `where` and those only they use, in their subscription. */
function doomedInstances(where: string): string {
  return (
    "WITH RECURSIVE doomed AS (" +
    `SELECT si.subscription_instance_id, si.subscription_id FROM subscription_instances si WHERE ${where} ` +
    "UNION SELECT child.subscription_instance_id, child.subscription_id FROM doomed " +
    "JOIN subscription_instance_relations r ON r.in_use_by_id = doomed.subscription_instance_id " +
    "JOIN subscription_instances child ON child.subscription_instance_id = r.depends_on_id AND child.subscription_id = doomed.subscription_id " +
    "WHERE NOT EXISTS (SELECT 1 FROM subscription_instance_relations r2 JOIN subscription_instances u2 ON u2.subscription_instance_id = r2.in_use_by_id " +
    "WHERE r2.depends_on_id = child.subscription_instance_id AND u2.subscription_id <> child.subscription_id))"
  );
}

/**
 * Condition on `alias`: no instance of its own subscription holds it, i.e. it hangs at the subscription's
 * root. Instances of other subscriptions may use it (an L2VPN using a Port subscription's port) and it
 * is still the Port's root instance.
 */
export function notHeldInItsSubscription(alias: string): string {
  return (
    "NOT EXISTS (SELECT 1 FROM subscription_instance_relations hr JOIN subscription_instances hu " +
    `ON hu.subscription_instance_id = hr.in_use_by_id WHERE hr.depends_on_id = ${alias}.subscription_instance_id ` +
    `AND hu.subscription_id = ${alias}.subscription_id)`
  );
}

/** Condition on `alias`: no instance of another subscription uses it. */
export function usedByNoOtherSubscription(alias: string): string {
  return (
    "NOT EXISTS (SELECT 1 FROM subscription_instance_relations ur JOIN subscription_instances uu " +
    `ON uu.subscription_instance_id = ur.in_use_by_id WHERE ur.depends_on_id = ${alias}.subscription_instance_id ` +
    `AND uu.subscription_id <> ${alias}.subscription_id)`
  );
}

/** Condition on `si`: a root instance of the block (see notHeldInItsSubscription). */
export function isRootInstanceOf(block: string): string {
  return `si.product_block_id = ${blockId(block)} AND ${notHeldInItsSubscription("si")}`;
}

/** Condition on `si`: an instance of `dependsOn` used by an instance of `block` and by no other block. */
export function isUsedOnlyThrough(block: string, dependsOn: string): string {
  const usedBy = (op: "=" | "<>") =>
    "(SELECT 1 FROM subscription_instance_relations r JOIN subscription_instances u ON u.subscription_instance_id = r.in_use_by_id " +
    `WHERE r.depends_on_id = si.subscription_instance_id AND u.product_block_id ${op} ${blockId(block)})`;
  return `si.product_block_id = ${blockId(dependsOn)} AND EXISTS ${usedBy("=")} AND NOT EXISTS ${usedBy("<>")}`;
}

/** Condition on `si`: an instance of `dependsOn` held by a `block` instance through one of `attributes`. */
export function isHeldThrough(block: string, dependsOn: string, attributes: readonly string[]): string {
  return (
    `si.product_block_id = ${blockId(dependsOn)} AND EXISTS (SELECT 1 FROM subscription_instance_relations r ` +
    "JOIN subscription_instances u ON u.subscription_instance_id = r.in_use_by_id " +
    `WHERE r.depends_on_id = si.subscription_instance_id AND u.product_block_id = ${blockId(block)} AND r.domain_model_attr IN ${sqlList(attributes)})`
  );
}

/** Instances of the block (a sub-query of ids). */
export const instancesOf = (block: string): string =>
  `(SELECT subscription_instance_id FROM subscription_instances WHERE product_block_id = ${blockId(block)})`;

/**
 * One new `dependsOn` instance per `block` instance lacking it, paired exactly with its in-use-by
 * instance: the ids are generated once in a CTE (materialised, since it is volatile and used twice) and
 * used by both inserts, where orchestrator-core's LIMIT 1 pairs several with one. `withinSql`: only for the instances it lists.
 */
export function instantiateNestedBlock(
  block: string,
  dependsOn: string,
  attribute: string,
  withinSql?: string,
): string {
  const attr = sqlLiteral(attribute);
  const scope = withinSql === undefined ? "" : ` AND si.subscription_instance_id IN ${withinSql}`;
  return (
    "WITH src AS (SELECT gen_random_uuid() AS new_id, si.subscription_instance_id, si.subscription_id " +
    `FROM subscription_instances si WHERE si.product_block_id = ${blockId(block)}${scope} AND NOT EXISTS (` +
    "SELECT 1 FROM subscription_instance_relations r JOIN subscription_instances d ON d.subscription_instance_id = r.depends_on_id " +
    `WHERE r.in_use_by_id = si.subscription_instance_id AND d.product_block_id = ${blockId(dependsOn)} AND r.domain_model_attr = ${attr})), ` +
    "ins AS (INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id) " +
    `SELECT new_id, subscription_id, ${blockId(dependsOn)} FROM src) ` +
    "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) " +
    `SELECT subscription_instance_id, new_id, 0, ${attr} FROM src`
  );
}

/**
 * New `dependsOn` instances for every `block` instance holding fewer than `min` through the list
 * `attribute` (counted when the migration runs, whatever blocks they are), numbered after its last
 * element. Ids are generated once in a CTE used by both inserts, as in instantiateNestedBlock.
 */
export function fillListToMin(block: string, dependsOn: string, attribute: string, min: number): string {
  const attr = sqlLiteral(attribute);
  const target = Math.trunc(min);
  return (
    "WITH short AS (SELECT si.subscription_instance_id, si.subscription_id, count(r.depends_on_id) AS held, " +
    "coalesce(max(r.order_id), -1) AS last FROM subscription_instances si LEFT JOIN subscription_instance_relations r " +
    `ON r.in_use_by_id = si.subscription_instance_id AND r.domain_model_attr = ${attr} ` +
    `WHERE si.product_block_id = ${blockId(block)} GROUP BY si.subscription_instance_id, si.subscription_id ` +
    `HAVING count(r.depends_on_id) < ${target}), ` +
    "src AS (SELECT gen_random_uuid() AS new_id, short.subscription_instance_id, short.subscription_id, " +
    `short.last + g.n AS order_id FROM short CROSS JOIN generate_series(1, ${target}) AS g(n) WHERE short.held + g.n <= ${target}), ` +
    "ins AS (INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id) " +
    `SELECT new_id, subscription_id, ${blockId(dependsOn)} FROM src) ` +
    "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) " +
    `SELECT subscription_instance_id, new_id, order_id, ${attr} FROM src`
  );
}

/**
 * The root instances of `block` in the subscriptions listed, and every instance of the same subscription
 * they hold, transitively (a sub-query of ids; UNION stops at cycles).
 */
export function reachableFromRoots(block: string, subscriptionsSql: string): string {
  return (
    "(WITH RECURSIVE reach AS (SELECT root.subscription_instance_id, root.subscription_id FROM subscription_instances root " +
    `WHERE root.product_block_id = ${blockId(block)} AND root.subscription_id IN ${subscriptionsSql} ` +
    `AND ${notHeldInItsSubscription("root")} ` +
    // Within the subscription: instances of other subscriptions that it uses are theirs, not its own.
    "UNION SELECT c.subscription_instance_id, c.subscription_id FROM reach JOIN subscription_instance_relations r ON r.in_use_by_id = reach.subscription_instance_id " +
    "JOIN subscription_instances c ON c.subscription_instance_id = r.depends_on_id AND c.subscription_id = reach.subscription_id) " +
    "SELECT subscription_instance_id FROM reach)"
  );
}

/** `count` new root instances of the block per subscription of the product (one per attribute). */
export function instantiateRootBlock(productIdSql: string, block: string, count: number): string {
  const series = count > 1 ? ` CROSS JOIN generate_series(1, ${Math.trunc(count)})` : "";
  return (
    "INSERT INTO subscription_instances (subscription_id, product_block_id) " +
    `SELECT s.subscription_id, ${blockId(block)} FROM subscriptions s${series} WHERE s.product_id = ${productIdSql}`
  );
}

/** One value row per element for every instance of the block that has no value of the type yet. */
export function backfillResourceType(block: string, resourceType: string, values: readonly string[]): string {
  const rows = values.map((value) => `(${sqlLiteral(value)})`).join(", ");
  return (
    "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) " +
    `SELECT si.subscription_instance_id, ${resourceTypeId(resourceType)}, v.value FROM subscription_instances si ` +
    `CROSS JOIN (VALUES ${rows}) AS v(value) WHERE si.product_block_id = ${blockId(block)} AND NOT EXISTS (` +
    "SELECT 1 FROM subscription_instance_values x WHERE x.subscription_instance_id = si.subscription_instance_id " +
    `AND x.resource_type_id = ${resourceTypeId(resourceType)})`
  );
}

/** Values of the type on the block's instances. */
export function deleteValuesOnBlock(block: string, resourceType: string): string {
  return (
    "DELETE FROM subscription_instance_values " +
    `WHERE subscription_instance_id IN ${instancesOf(block)} AND resource_type_id = ${resourceTypeId(resourceType)}`
  );
}
