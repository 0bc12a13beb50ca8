// SQL that re-parents a block's instances within their subscriptions (a move, diff/block-moves.ts). The
// instance rows, their values and everything they hold stay; only the relation rows that place them change.
// Evaluated when the migration runs, against whatever instances exist then (see docs/design.md, Existing
// subscriptions).
import type { BlockHolder } from "../diff/change-set.ts";
import { notHeldInItsSubscription } from "./instance-sql.ts";
import { sqlList, sqlLiteral } from "./sql-literal.ts";
import { blockId } from "./sql-names.ts";

/** The subscriptions of the products, any status. */
const subscriptionsOfAll = (products: readonly string[]): string =>
  "(SELECT subscription_id FROM subscriptions WHERE product_id IN " +
  `(SELECT product_id FROM products WHERE name IN ${sqlList(products)}))`;

/**
 * Condition on `x` (an instance of the moved block) and, for a block holder, `r` (its relation) and `h`
 * (the holding instance, in the same subscription): `x` hangs under `from` in one of the subscriptions.
 */
function placedUnder(block: string, from: BlockHolder, products: readonly string[]): string {
  const inScope = `x.product_block_id = ${blockId(block)} AND x.subscription_id IN ${subscriptionsOfAll(products)}`;
  if ("root" in from) return `${inScope} AND ${notHeldInItsSubscription("x")}`;
  return (
    `${inScope} AND r.depends_on_id = x.subscription_instance_id AND r.in_use_by_id = h.subscription_instance_id ` +
    `AND h.product_block_id = ${blockId(from.block)} AND h.subscription_id = x.subscription_id`
  );
}

/** The tables `placedUnder` refers to, after FROM or USING. */
const placedTables = (from: BlockHolder): string =>
  "root" in from
    ? "subscription_instances x"
    : "subscription_instance_relations r, subscription_instances x, subscription_instances h";

/**
 * Stops the migration, naming the subscription, when an instance to move has several instances of the
 * new holder block in its subscription (moving it would have to guess), or none (`holderMissing:
 * "stop"`: left where it is, it would be lost). A downgrade leaves such instances: under the old shape
 * a subscription without the old holder cannot have held them, so they are the upgrade's own.
 */
function guardSingleHolder(
  block: string,
  from: BlockHolder,
  to: { block: string },
  products: readonly string[],
  holderMissing: HolderMissing,
): string {
  const message = `Cannot move the instances of product block ${block} under ${to.block} in subscription `;
  const hint =
    `: it has no or several ${to.block} instances to hold them. Nothing was changed; give that subscription exactly ` +
    `one ${to.block} instance, or move the block in a hand-written migration.`;
  const body =
    "DECLARE stuck uuid; BEGIN " +
    `SELECT x.subscription_id INTO stuck FROM ${placedTables(from)} WHERE ${placedUnder(block, from, products)} ` +
    `AND (SELECT count(*) FROM subscription_instances t WHERE t.product_block_id = ${blockId(to.block)} AND t.subscription_id = x.subscription_id) ${holderMissing === "stop" ? "<> 1" : "> 1"} LIMIT 1; ` +
    `IF stuck IS NOT NULL THEN RAISE EXCEPTION USING MESSAGE = ${sqlLiteral(message)} || stuck || ${sqlLiteral(hint)}; END IF; END`;
  const tag = dollarTag(body);
  return `DO ${tag}${body}${tag}`;
}

/** A dollar-quote tag that does not occur in `body` (names may hold `$`). */
function dollarTag(body: string): string {
  for (let i = 0; ; i++) {
    const tag = `$move${i === 0 ? "" : i}$`;
    if (!body.includes(tag)) return tag;
  }
}

/** What to do with an instance whose subscription has no instance of the new holder block. */
export type HolderMissing = "stop" | "leave";

export function moveBlockInstances(
  block: string,
  from: BlockHolder,
  to: BlockHolder,
  products: readonly string[],
  holderMissing: HolderMissing,
): string[] {
  const where = placedUnder(block, from, products);
  if ("root" in to) {
    if ("root" in from) return [];
    // Under a block → at the root: the relation placing it goes.
    return [
      `DELETE FROM subscription_instance_relations r USING subscription_instances x, subscription_instances h WHERE ${where}`,
    ];
  }
  const target = `t.product_block_id = ${blockId(to.block)} AND t.subscription_id = x.subscription_id`;
  const attribute = sqlLiteral(to.attribute);
  const move =
    "root" in from
      ? "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) " +
        `SELECT t.subscription_instance_id, x.subscription_instance_id, 0, ${attribute} ` +
        `FROM subscription_instances x JOIN subscription_instances t ON ${target} WHERE ${where}`
      : `UPDATE subscription_instance_relations r SET in_use_by_id = t.subscription_instance_id, domain_model_attr = ${attribute} ` +
        `FROM subscription_instances x, subscription_instances h, subscription_instances t WHERE ${where} AND ${target}`;
  return [guardSingleHolder(block, from, to, products, holderMissing), move];
}
