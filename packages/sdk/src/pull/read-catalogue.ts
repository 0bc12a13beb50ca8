// Reads a Catalogue in a fixed number of queries: the snapshot's 7, one over instance relations, two
// over values (shapes counted in the database, so a large inventory is never loaded) and, only for
// resource types whose every value looks like an IP address, one to check those values exactly.
import { isIPv4, isIPv6 } from "node:net";
import type { Database } from "../db/database.ts";
import { readSnapshot } from "../snapshot/read-snapshot.ts";
import type { Catalogue, HeldRelation, ValueShapes } from "./catalogue.ts";

const UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
// Coarse on purpose: checked exactly with node:net below, where every value of a type matches.
const IPV4_LIKE = "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$";
const IPV6_LIKE = "^[0-9a-f:.]*:[0-9a-f:.]*$";
const VLAN_RANGE = "^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$";

const RELATIONS_SQL = `
  SELECT parent_block, attr, child_block, max(held) AS most_held FROM (
    SELECT p.product_block_id AS parent_block, r.domain_model_attr AS attr, c.product_block_id AS child_block,
      count(*) OVER (PARTITION BY r.in_use_by_id, r.domain_model_attr) AS held
    FROM subscription_instance_relations r
    JOIN subscription_instances p ON p.subscription_instance_id = r.in_use_by_id
    JOIN subscription_instances c ON c.subscription_instance_id = r.depends_on_id
    WHERE r.domain_model_attr IS NOT NULL
  ) AS relations GROUP BY parent_block, attr, child_block`;

// One shape per value (a CASE stops at its first match), and a cheap character-class test first that
// sends most text values straight to "other": six regular expressions on every one of a million values
// cost seconds. A VLAN range count includes the non-negative integers, which are ranges too.
const VALUES_SQL = `
  SELECT resource_type_id, count(*) AS n,
    count(*) FILTER (WHERE shape = 'int') AS integers,
    count(*) FILTER (WHERE shape = 'bool') AS booleans,
    count(*) FILTER (WHERE shape = 'uuid') AS uuids,
    count(*) FILTER (WHERE shape = 'ipv4') AS ipv4,
    count(*) FILTER (WHERE shape = 'ipv6') AS ipv6,
    count(*) FILTER (WHERE shape = 'vlan' OR (shape = 'int' AND value NOT LIKE '-%')) AS vlan_ranges
  FROM (
    SELECT resource_type_id, value, CASE
      WHEN lower(value) IN ('true', 'false') THEN 'bool'
      WHEN value !~* '^[0-9a-f:.,-]+$' THEN 'other'
      WHEN value ~ '^-?[0-9]+$' THEN 'int'
      WHEN value ~* '${UUID}' THEN 'uuid'
      WHEN value ~ '${IPV4_LIKE}' THEN 'ipv4'
      WHEN value ~* '${IPV6_LIKE}' THEN 'ipv6'
      WHEN value ~ '${VLAN_RANGE}' THEN 'vlan'
      ELSE 'other' END AS shape
    FROM subscription_instance_values
  ) AS shaped GROUP BY resource_type_id`;

// Apart from the shapes: grouping a million values by instance is the expensive part, and narrow rows
// keep it a third of the cost it has with the shape counts carried along.
const MOST_PER_INSTANCE_SQL = `
  SELECT resource_type_id, max(n) AS most_per_instance FROM (
    SELECT resource_type_id, count(*) AS n FROM subscription_instance_values
    GROUP BY resource_type_id, subscription_instance_id
  ) AS per_instance GROUP BY resource_type_id`;

export async function readCatalogue(db: Database): Promise<Catalogue> {
  const [snapshot, relationRows, valueRows, perInstanceRows] = await Promise.all([
    readSnapshot(db),
    db.query(RELATIONS_SQL),
    db.query(VALUES_SQL),
    db.query(MOST_PER_INSTANCE_SQL),
  ]);
  const mostPerInstance = new Map(
    perInstanceRows.map((row) => [String(row.resource_type_id), Number(row.most_per_instance)]),
  );
  const blockName = new Map(snapshot.blocks.map((b) => [b.id, b.name]));
  const typeName = new Map(snapshot.resourceTypes.map((rt) => [rt.id, rt.name]));

  const relations: HeldRelation[] = relationRows.map((row) => ({
    block: blockName.get(String(row.parent_block))!,
    attribute: String(row.attr),
    dependsOn: blockName.get(String(row.child_block))!,
    mostHeld: Number(row.most_held),
  }));

  const values: Record<string, ValueShapes> = {};
  for (const row of valueRows) {
    values[typeName.get(String(row.resource_type_id))!] = {
      count: Number(row.n),
      integers: Number(row.integers),
      booleans: Number(row.booleans),
      uuids: Number(row.uuids),
      ipv4: Number(row.ipv4),
      ipv6: Number(row.ipv6),
      vlanRanges: Number(row.vlan_ranges),
      mostPerInstance: mostPerInstance.get(String(row.resource_type_id)) ?? 1,
    };
  }
  await checkAddresses(db, snapshot.resourceTypes, values);
  return { snapshot, relations, values };
}

/** Where every value of a type looked like an address: counts only those that really are one. */
async function checkAddresses(
  db: Database,
  resourceTypes: readonly { id: string; name: string }[],
  values: Record<string, ValueShapes>,
): Promise<void> {
  const candidates = resourceTypes.filter(({ name }) => {
    const shapes = values[name];
    return shapes !== undefined && (shapes.ipv4 === shapes.count || shapes.ipv6 === shapes.count);
  });
  if (candidates.length === 0) return;
  const rows = await db.query(
    `SELECT DISTINCT resource_type_id, value FROM subscription_instance_values WHERE resource_type_id IN (${uuidList(candidates.map((rt) => rt.id))})`,
  );
  for (const { id, name } of candidates) {
    const distinct = rows
      .filter((row) => String(row.resource_type_id) === id)
      .map((row) => String(row.value));
    const shapes = values[name]!;
    if (!distinct.every((value) => isIPv4(value))) shapes.ipv4 = 0;
    if (!distinct.every((value) => isIPv6(value))) shapes.ipv6 = 0;
  }
}

function uuidList(ids: readonly string[]): string {
  // The ids come from the database's own uuid column; checked anyway, as they are written into the SQL.
  return ids
    .map((id) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error(`not a uuid: ${id}`);
      return `'${id}'`;
    })
    .join(", ");
}
