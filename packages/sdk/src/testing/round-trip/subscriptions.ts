// Test helper: random subscriptions of a model, shaped as the orchestrator stores them. Root instances for
// the product type's block fields (no relation row), nested instances related through the holding
// attribute (order_id = position in a list), one value per resource type. Every required single-block
// attribute is filled down to MAX_DEPTH; a list holds 0–2 elements and an optional field may be left
// out, as real subscriptions do (issue 16: an empty list was taken for a missing attribute). The
// database matches the model it was built from either way.
// The random choices are a flat list of numbers consumed in walk order (0 once exhausted): it shrinks to
// "one subscription, empty lists, optional fields left out, first block of each union".
import fc from "fast-check";
import type { DomainModel, ModelBlockField } from "../../model/domain-model.ts";
import { sqlLiteral } from "../../plan/sql-literal.ts";

export interface SubscriptionPlan {
  /** Subscriptions per product, in registry order. */
  counts: number[];
  choices: number[];
}

export const arbitrarySubscriptionPlan: fc.Arbitrary<SubscriptionPlan> = fc.record({
  counts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  choices: fc.array(fc.nat({ max: 11 }), { maxLength: 30 }),
});

/** Instances at this depth (roots are 0) hold nothing: recursive block types end somewhere. */
export const MAX_DEPTH = 2;
/** `label` of every generated instance, to tell them from the ones a migration creates. */
export const SEED_LABEL = "seed";
const STATUSES = ["active", "initial", "terminated"];

export interface SubscriptionRows {
  subscriptions: { id: string; product: string; status: string }[];
  instances: { id: string; subscription: string; block: string }[];
  relations: { inUseBy: string; dependsOn: string; order: number; attribute: string }[];
  values: { instance: string; resourceType: string; value: string }[];
}

export function buildSubscriptions(model: DomainModel, plan: SubscriptionPlan): SubscriptionRows {
  const rows: SubscriptionRows = { subscriptions: [], instances: [], relations: [], values: [] };
  let cursor = 0;
  const pick = (n: number) => (cursor < plan.choices.length ? plan.choices[cursor++]! % n : 0);
  let counter = 0;
  const nextId = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, "0")}`;
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));

  const fill = (field: ModelBlockField, subscription: string, depth: number): string[] => {
    const count = field.list ? pick(3) : field.optional ? pick(2) : 1;
    return Array.from({ length: count }, () =>
      instantiate(field.blocks[pick(field.blocks.length)]!, subscription, depth),
    );
  };
  const instantiate = (name: string, subscription: string, depth: number): string => {
    const block = blocks.get(name)!;
    const id = nextId();
    rows.instances.push({ id, subscription, block: name });
    for (const rt of block.resourceTypes)
      rows.values.push({ instance: id, resourceType: rt.name, value: `${rt.name} of ${counter}` });
    if (depth >= MAX_DEPTH) return id;
    for (const field of block.blockFields) {
      for (const [order, child] of fill(field, subscription, depth + 1).entries())
        rows.relations.push({ inUseBy: id, dependsOn: child, order, attribute: field.attribute });
    }
    return id;
  };

  model.products.forEach((product, index) => {
    const type = model.productTypes[product.productType]!;
    for (let n = 0; n < (plan.counts[index] ?? 0); n++) {
      const id = nextId();
      rows.subscriptions.push({ id, product: product.name, status: STATUSES[pick(STATUSES.length)]! });
      for (const field of type.blockFields) fill(field, id, 0);
    }
  });
  addCrossProductRelations(model, rows, pick);
  return rows;
}

/**
 * Some list elements are instances of another product's subscription, as an L2VPN's ports are Port
 * subscriptions' instances: for an instance holding a list, maybe one more element from a subscription
 * of another product (deleting that product cuts the relation; moving or deleting its blocks must say so).
 */
function addCrossProductRelations(
  model: DomainModel,
  rows: SubscriptionRows,
  pick: (n: number) => number,
): void {
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));
  const productOf = new Map(rows.subscriptions.map((s) => [s.id, s.product]));
  const holders = [...rows.instances];
  for (const holder of holders) {
    for (const field of blocks.get(holder.block)!.blockFields) {
      if (!field.list || pick(4) !== 1) continue;
      const candidates = rows.instances.filter(
        (i) =>
          field.blocks.includes(i.block) &&
          productOf.get(i.subscription) !== productOf.get(holder.subscription),
      );
      if (candidates.length === 0) continue;
      const element = candidates[pick(candidates.length)]!;
      const order = rows.relations.filter(
        (r) => r.inUseBy === holder.id && r.attribute === field.attribute,
      ).length;
      rows.relations.push({ inUseBy: holder.id, dependsOn: element.id, order, attribute: field.attribute });
    }
  }
}

/** At most four INSERTs, names resolved by joins (a name that does not exist drops its rows). */
export function insertSubscriptionsSql(rows: SubscriptionRows): string[] {
  const values = (tuples: string[][]) => tuples.map((t) => `(${t.join(", ")})`).join(", ");
  const out: string[] = [];
  if (rows.subscriptions.length > 0)
    out.push(
      "INSERT INTO subscriptions (subscription_id, description, status, product_id, customer_id, insync) " +
        "SELECT v.id::uuid, 'round trip', v.status, p.product_id, 'customer', true FROM (VALUES " +
        values(rows.subscriptions.map((s) => [s.id, s.status, s.product].map(sqlLiteral))) +
        ") AS v(id, status, product) JOIN products p ON p.name = v.product",
    );
  if (rows.instances.length > 0)
    out.push(
      "INSERT INTO subscription_instances (subscription_instance_id, subscription_id, product_block_id, label) " +
        `SELECT v.id::uuid, v.sub::uuid, b.product_block_id, ${sqlLiteral(SEED_LABEL)} FROM (VALUES ` +
        values(rows.instances.map((i) => [i.id, i.subscription, i.block].map(sqlLiteral))) +
        ") AS v(id, sub, block) JOIN product_blocks b ON b.name = v.block",
    );
  if (rows.relations.length > 0)
    out.push(
      "INSERT INTO subscription_instance_relations (in_use_by_id, depends_on_id, order_id, domain_model_attr) VALUES " +
        values(
          rows.relations.map((r) => [
            `${sqlLiteral(r.inUseBy)}::uuid`,
            `${sqlLiteral(r.dependsOn)}::uuid`,
            String(r.order),
            sqlLiteral(r.attribute),
          ]),
        ),
    );
  if (rows.values.length > 0)
    out.push(
      "INSERT INTO subscription_instance_values (subscription_instance_id, resource_type_id, value) " +
        "SELECT v.id::uuid, t.resource_type_id, v.value FROM (VALUES " +
        values(rows.values.map((v) => [v.instance, v.resourceType, v.value].map(sqlLiteral))) +
        ") AS v(id, rt, value) JOIN resource_types t ON t.resource_type = v.rt",
    );
  return out;
}
