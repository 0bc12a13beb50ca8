// Reads the product metadata in one query per table (7), whatever its size; counts of subscriptions,
// instances and values are read only for what a change set touches (at most 3 more queries), because
// counting every value of a large database would cost more than reading all of its metadata.
import type { Database } from "../db/database.ts";
import type { ChangeSet } from "../diff/change-set.ts";
import { compareNames } from "../sort-names.ts";
import type { AttributeSize, Snapshot, SnapshotBlock, SnapshotInUseBy, SnapshotProduct } from "./snapshot.ts";

/** How many customer ids of subscriptions in use by others a message names. */
export const IN_USE_BY_LIMIT = 10;

interface Row {
  [column: string]: unknown;
}

/** The metadata, with every count 0. Pass the result and a change set to `addCounts` for real counts. */
export async function readSnapshot(db: Database): Promise<Snapshot> {
  const [products, fixedInputs, productBlockLinks, blocks, resourceTypes, blockRtLinks, blockRelations] =
    await Promise.all([
      db.query("SELECT product_id, name, description, product_type, tag, status FROM products"),
      db.query("SELECT product_id, name, value FROM fixed_inputs"),
      db.query("SELECT product_id, product_block_id FROM product_product_blocks"),
      db.query("SELECT product_block_id, name, description, tag, status FROM product_blocks"),
      db.query("SELECT resource_type_id, resource_type, description FROM resource_types"),
      // The largest table (blocks × resource types): one row per block, with the names, so that tens of
      // thousands of link rows are not each turned into an object and looked up by id here.
      db.query(
        "SELECT l.product_block_id, array_agg(rt.resource_type) AS resource_types FROM product_block_resource_types l " +
          "JOIN resource_types rt USING (resource_type_id) GROUP BY l.product_block_id",
      ),
      db.query("SELECT in_use_by_id, depends_on_id FROM product_block_relations"),
    ]);

  const blockName = new Map(blocks.map((b) => [String(b.product_block_id), String(b.name)]));

  const productById = new Map<string, SnapshotProduct>();
  for (const row of products) {
    productById.set(String(row.product_id), {
      id: String(row.product_id),
      name: String(row.name),
      description: String(row.description),
      productType: String(row.product_type),
      tag: String(row.tag),
      status: String(row.status),
      fixedInputs: [],
      blocks: [],
      subscriptionCount: 0,
      instanceCount: 0,
      valueCount: 0,
    });
  }
  for (const row of fixedInputs)
    productById
      .get(String(row.product_id))
      ?.fixedInputs.push({ name: String(row.name), value: String(row.value) });
  for (const row of productBlockLinks)
    productById.get(String(row.product_id))?.blocks.push(blockName.get(String(row.product_block_id))!);

  const blockById = new Map<string, SnapshotBlock>();
  for (const row of blocks) {
    blockById.set(String(row.product_block_id), {
      id: String(row.product_block_id),
      name: String(row.name),
      description: String(row.description),
      tag: nullableString(row.tag),
      status: nullableString(row.status),
      resourceTypes: [],
      dependsOn: [],
      instanceCount: 0,
      valueCounts: {},
      attributeSizes: {},
    });
  }
  for (const row of blockRtLinks) {
    const block = blockById.get(String(row.product_block_id));
    if (block) block.resourceTypes = (row.resource_types as unknown[]).map(String);
  }
  for (const row of blockRelations) {
    blockById
      .get(String(row.in_use_by_id))
      ?.dependsOn.push({ block: blockName.get(String(row.depends_on_id))!, attributes: [] });
  }

  for (const product of productById.values()) {
    product.fixedInputs.sort((a, b) => compareNames(a.name, b.name));
    product.blocks.sort(compareNames);
  }
  for (const block of blockById.values()) {
    block.resourceTypes.sort(compareNames);
    block.dependsOn.sort((a, b) => compareNames(a.block, b.block));
  }
  return {
    products: [...productById.values()].sort((a, b) => compareNames(a.name, b.name)),
    blocks: [...blockById.values()].sort((a, b) => compareNames(a.name, b.name)),
    resourceTypes: resourceTypes
      .map((row) => ({
        id: String(row.resource_type_id),
        name: String(row.resource_type),
        description: nullableString(row.description),
        valueCount: 0,
      }))
      .sort((a, b) => compareNames(a.name, b.name)),
  };
}

/** Names a change set refers to: the products, blocks and resource types whose counts matter. */
export function touchedNames(changes: ChangeSet): {
  products: Set<string>;
  blocks: Set<string>;
  resourceTypes: Set<string>;
} {
  const products = new Set<string>();
  const blocks = new Set<string>();
  const resourceTypes = new Set<string>();
  for (const entries of Object.values(changes)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Row[]) {
      for (const key of ["product", "from"])
        if (typeof entry[key] === "string") products.add(entry[key] as string);
      for (const key of ["block", "dependsOn", "from"])
        if (typeof entry[key] === "string") blocks.add(entry[key] as string);
      for (const key of ["resourceType", "from"])
        if (typeof entry[key] === "string") resourceTypes.add(entry[key] as string);
    }
  }
  return { products, blocks, resourceTypes };
}

/**
 * The rows of `snapshot` whose counts addCounts reads for `changes` (and the blocks `alsoBlocks`), or
 * undefined when it reads none: `changes` touches nothing the database has.
 */
export function countsToRead(
  snapshot: Snapshot,
  changes: ChangeSet,
  alsoBlocks: Iterable<string> = [],
):
  | {
      productIds: string[];
      deletedIds: string[];
      blockIds: string[];
      relatedBlockIds: string[];
      rtIds: string[];
    }
  | undefined {
  const touched = touchedNames(changes);
  for (const block of alsoBlocks) touched.blocks.add(block);
  const productIds = snapshot.products.filter((p) => touched.products.has(p.name)).map((p) => p.id);
  // Instances and values per product cost a join over the subscriptions' instances: only for deletions.
  const deleted = new Set(changes.deleteProducts.map((d) => d.product));
  const deletedIds = snapshot.products.filter((p) => deleted.has(p.name)).map((p) => p.id);
  const blocks = snapshot.blocks.filter((b) => touched.blocks.has(b.name));
  const blockIds = blocks.map((b) => b.id);
  // Attributes are only kept for depends-on relations the metadata has: a block without any (such as a
  // leaf block used by every product) need not join all of its instances' relations.
  const relatedBlockIds = blocks.filter((b) => b.dependsOn.length > 0).map((b) => b.id);
  const rtIds = snapshot.resourceTypes.filter((rt) => touched.resourceTypes.has(rt.name)).map((rt) => rt.id);
  if (productIds.length + blockIds.length + rtIds.length === 0) return undefined;
  return { productIds, deletedIds, blockIds, relatedBlockIds, rtIds };
}

/**
 * Fills the counts of the products, blocks and resource types named in `changes`, the attributes seen
 * on instance relations of those blocks (the database's relation rows carry none) and how many instances
 * each holds through them. 2 queries,
 * each limited to the touched rows through indexes.
 */
export async function addCounts(
  db: Database,
  snapshot: Snapshot,
  changes: ChangeSet,
  alsoBlocks: Iterable<string> = [],
): Promise<Snapshot> {
  const wanted = countsToRead(snapshot, changes, alsoBlocks);
  if (!wanted) return snapshot;
  const { productIds, deletedIds, blockIds, relatedBlockIds, rtIds } = wanted;

  // One query for every count (a UNION ALL of the parts that have ids), one for the attributes.
  const parts = [
    productIds.length === 0
      ? ""
      : `SELECT 'subscriptions' AS kind, product_id AS id, NULL::uuid AS rt, count(*) AS n FROM subscriptions
         WHERE product_id IN (${uuidList(productIds)}) GROUP BY product_id`,
    deletedIds.length === 0
      ? ""
      : `SELECT 'product instances' AS kind, s.product_id AS id, NULL::uuid AS rt, count(*) AS n
         FROM subscription_instances si JOIN subscriptions s USING (subscription_id)
         WHERE s.product_id IN (${uuidList(deletedIds)}) GROUP BY s.product_id`,
    deletedIds.length === 0
      ? ""
      : `SELECT 'product values' AS kind, s.product_id AS id, NULL::uuid AS rt, count(*) AS n
         FROM subscription_instance_values siv JOIN subscription_instances si USING (subscription_instance_id)
         JOIN subscriptions s USING (subscription_id)
         WHERE s.product_id IN (${uuidList(deletedIds)}) GROUP BY s.product_id`,
    blockIds.length === 0
      ? ""
      : `SELECT 'instances' AS kind, product_block_id AS id, NULL::uuid AS rt, count(*) AS n FROM subscription_instances
         WHERE product_block_id IN (${uuidList(blockIds)}) GROUP BY product_block_id`,
    blockIds.length === 0
      ? ""
      : `SELECT 'block values' AS kind, si.product_block_id AS id, siv.resource_type_id AS rt, count(*) AS n
         FROM subscription_instance_values siv JOIN subscription_instances si USING (subscription_instance_id)
         WHERE si.product_block_id IN (${uuidList(blockIds)}) GROUP BY si.product_block_id, siv.resource_type_id`,
    rtIds.length === 0
      ? ""
      : `SELECT 'values' AS kind, resource_type_id AS id, NULL::uuid AS rt, count(*) AS n FROM subscription_instance_values
         WHERE resource_type_id IN (${uuidList(rtIds)}) GROUP BY resource_type_id`,
  ].filter(Boolean);
  const [counts, attributes, inUseBy] = await Promise.all([
    db.query(parts.map((part) => `(${part})`).join(" UNION ALL ")),
    relatedBlockIds.length === 0
      ? []
      : // Per holding instance and attribute: the blocks held and how many; then grouped, so the rows are
        // one per (block, attribute, blocks held, size) however many instances there are.
        db.query(
          `SELECT id, attr, deps, size, count(*) AS n FROM (
             SELECT parent.product_block_id AS id, sir.domain_model_attr AS attr,
               array_agg(DISTINCT child.product_block_id) AS deps, count(*) AS size
             FROM subscription_instance_relations sir
             JOIN subscription_instances parent ON parent.subscription_instance_id = sir.in_use_by_id
             JOIN subscription_instances child ON child.subscription_instance_id = sir.depends_on_id
             WHERE parent.product_block_id IN (${uuidList(relatedBlockIds)}) AND sir.domain_model_attr IS NOT NULL
             GROUP BY parent.product_block_id, sir.in_use_by_id, sir.domain_model_attr
           ) AS held GROUP BY id, attr, deps, size`,
        ),
    deletedIds.length === 0 ? [] : db.query(inUseBySql(deletedIds)),
  ]);
  const ofKind = (kind: string) => counts.filter((row) => row.kind === kind);
  const subscriptions = ofKind("subscriptions");
  const instances = ofKind("instances");
  const values = ofKind("block values");
  const rtValues = ofKind("values");

  const count = (rows: Row[]) => new Map(rows.map((row) => [String(row.id), Number(row.n)]));
  const subscriptionsById = count(subscriptions);
  const productInstancesById = count(ofKind("product instances"));
  const productValuesById = count(ofKind("product values"));
  const inUseById = new Map(
    inUseBy.map((row): [string, SnapshotInUseBy] => [
      String(row.id),
      {
        subscriptions: Number(row.n),
        products: (row.products as unknown[]).map(String).sort(compareNames),
        customers: (row.customers as unknown[]).map(String).sort(compareNames),
      },
    ]),
  );
  const instancesById = count(instances);
  const rtValuesById = count(rtValues);
  const rtName = new Map(snapshot.resourceTypes.map((rt) => [rt.id, rt.name]));
  const blockName = new Map(snapshot.blocks.map((b) => [b.id, b.name]));

  return {
    products: snapshot.products.map((p) => ({
      ...p,
      subscriptionCount: subscriptionsById.get(p.id) ?? p.subscriptionCount,
      instanceCount: productInstancesById.get(p.id) ?? p.instanceCount,
      valueCount: productValuesById.get(p.id) ?? p.valueCount,
      ...(inUseById.has(p.id) ? { inUseBy: inUseById.get(p.id)! } : {}),
    })),
    blocks: snapshot.blocks.map((block) => {
      if (!blockIds.includes(block.id)) return block;
      const valueCounts: Record<string, number> = {};
      for (const row of values)
        if (String(row.id) === block.id) valueCounts[rtName.get(String(row.rt))!] = Number(row.n);
      const seen = attributes.filter((row) => String(row.id) === block.id);
      const deps = (row: Row) => (row.deps as unknown[]).map((id) => blockName.get(String(id)));
      return {
        ...block,
        instanceCount: instancesById.get(block.id) ?? 0,
        valueCounts,
        dependsOn: block.dependsOn.map((relation) => ({
          ...relation,
          attributes: [
            ...new Set(
              seen.filter((row) => deps(row).includes(relation.block)).map((row) => String(row.attr)),
            ),
          ].sort(compareNames),
        })),
        attributeSizes: attributeSizes(seen),
      };
    }),
    resourceTypes: snapshot.resourceTypes.map((rt) => ({
      ...rt,
      valueCount: rtValuesById.get(rt.id) ?? rt.valueCount,
    })),
  };
}

/** Rows of (attr, size, n) summed per attribute and size (a size may come with several held-block sets). */
function attributeSizes(rows: readonly Row[]): Record<string, AttributeSize[]> {
  const sizes = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const bySize = sizes.get(String(row.attr)) ?? new Map<number, number>();
    bySize.set(Number(row.size), (bySize.get(Number(row.size)) ?? 0) + Number(row.n));
    sizes.set(String(row.attr), bySize);
  }
  return Object.fromEntries(
    [...sizes.keys()]
      .sort(compareNames)
      .map((attr) => [
        attr,
        [...sizes.get(attr)!].sort(([a], [b]) => a - b).map(([size, instances]) => ({ size, instances })),
      ]),
  );
}

/**
 * Per product: the subscriptions of other products with an instance that uses (depends on) an instance of
 * this product's subscriptions. Deleting the product cuts those relations (ON DELETE CASCADE), so they
 * are named before anyone confirms (orchestrator-core refuses to terminate a subscription in use).
 */
function inUseBySql(productIds: string[]): string {
  return `SELECT s.product_id AS id, count(DISTINCT us.subscription_id) AS n,
      array_agg(DISTINCT up.name) AS products,
      (array_agg(DISTINCT us.customer_id ORDER BY us.customer_id))[1:${IN_USE_BY_LIMIT}] AS customers
    FROM subscription_instance_relations r
    JOIN subscription_instances d ON d.subscription_instance_id = r.depends_on_id
    JOIN subscriptions s ON s.subscription_id = d.subscription_id
    JOIN subscription_instances u ON u.subscription_instance_id = r.in_use_by_id
    JOIN subscriptions us ON us.subscription_id = u.subscription_id
    JOIN products up ON up.product_id = us.product_id
    WHERE s.product_id IN (${uuidList(productIds)}) AND us.product_id <> s.product_id
    GROUP BY s.product_id`;
}

function uuidList(ids: string[]): string {
  // Ids come from the database's own uuid columns; the check keeps this safe if that ever changes.
  return ids
    .map((id) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
      return `'${id}'`;
    })
    .join(", ");
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
