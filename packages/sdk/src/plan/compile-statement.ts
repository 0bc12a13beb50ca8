// SQL per statement kind. One statement kind can need several SQL statements (values before the rows they
// reference); each string is one statement, ready for Migration.addSql(). Inserts of metadata rows end in ON
// CONFLICT DO NOTHING so re-running a migration after a partial or manual change does not stop on a
// duplicate; the instance backfills guard themselves with NOT EXISTS instead (see docs/design.md, Generated
// SQL).
import {
  backfillResourceType,
  deleteInstancesWithDescendants,
  deleteValuesOnBlock,
  fillListToMin,
  instancesOf,
  instantiateNestedBlock,
  instantiateRootBlock,
  isHeldThrough,
  isRootInstanceOf,
  isUsedOnlyThrough,
  reachableFromRoots,
  usedByNoOtherSubscription,
} from "./instance-sql.ts";
import { moveBlockInstances } from "./move-sql.ts";
import { sqlLiteral } from "./sql-literal.ts";
import { blockId, productId, resourceTypeId, subscriptionsOf } from "./sql-names.ts";
import type { Statement } from "./statement.ts";

const nullable = (value: string | null): string => (value === null ? "NULL" : sqlLiteral(value));
const bound = (value: number | null | undefined): string =>
  value === null || value === undefined ? "NULL" : `${Math.trunc(value)}`;
const identityTimes = (row: { createdAt: string; endDate: string | null }): string =>
  `${sqlLiteral(row.createdAt)}::timestamptz, ${row.endDate === null ? "NULL" : `${sqlLiteral(row.endDate)}::timestamptz`}`;

export function compileStatement(statement: Statement): string[] {
  switch (statement.kind) {
    case "renameProduct":
      return [
        `UPDATE products SET name = ${sqlLiteral(statement.to)} WHERE name = ${sqlLiteral(statement.from)}`,
      ];
    case "renameProductBlock":
      return [
        `UPDATE product_blocks SET name = ${sqlLiteral(statement.to)} WHERE name = ${sqlLiteral(statement.from)}`,
      ];
    case "renameResourceType":
      return [
        `UPDATE resource_types SET resource_type = ${sqlLiteral(statement.to)} WHERE resource_type = ${sqlLiteral(statement.from)}`,
      ];
    case "renameFixedInput":
      return [
        `UPDATE fixed_inputs SET name = ${sqlLiteral(statement.to)} WHERE product_id = ${productId(statement.product)} AND name = ${sqlLiteral(statement.from)}`,
      ];

    case "deleteResourceTypeLink":
      return [
        deleteValuesOnBlock(statement.block, statement.resourceType),
        `DELETE FROM product_block_resource_types WHERE product_block_id = ${blockId(statement.block)} AND resource_type_id = ${resourceTypeId(statement.resourceType)}`,
      ];
    case "deleteBlockRelation":
      return [
        deleteInstancesWithDescendants(doomedBy(statement)!),
        `DELETE FROM subscription_instance_relations WHERE in_use_by_id IN ${instancesOf(statement.block)} AND depends_on_id IN ${instancesOf(statement.dependsOn)}`,
        `DELETE FROM product_block_relations WHERE in_use_by_id = ${blockId(statement.block)} AND depends_on_id = ${blockId(statement.dependsOn)}`,
      ];
    case "deleteNestedInstances":
      return statement.attributes.length === 0 ? [] : [deleteInstancesWithDescendants(doomedBy(statement)!)];
    case "deleteProductBlockLink":
      return [
        deleteInstancesWithDescendants(doomedBy(statement)!),
        `DELETE FROM product_product_blocks WHERE product_id = ${productId(statement.product)} AND product_block_id = ${blockId(statement.block)}`,
      ];
    case "deleteResourceType":
      return [
        `DELETE FROM subscription_instance_values WHERE resource_type_id = ${resourceTypeId(statement.resourceType)}`,
        `DELETE FROM resource_types WHERE resource_type = ${sqlLiteral(statement.resourceType)}`,
      ];
    case "deleteProductBlock":
      return [
        deleteInstancesWithDescendants(doomedBy(statement)!),
        `DELETE FROM product_blocks WHERE name = ${sqlLiteral(statement.block)}`,
      ];
    case "deleteFixedInput":
      return [
        `DELETE FROM fixed_inputs WHERE product_id = ${productId(statement.product)} AND name = ${sqlLiteral(statement.fixedInput)}`,
      ];
    case "deleteProduct":
      return deleteProduct(statement.product);

    case "createProduct": {
      const values = [
        statement.product,
        statement.description,
        statement.productType,
        statement.tag,
        statement.status,
      ]
        .map(sqlLiteral)
        .join(", ");
      const { restored } = statement;
      if (!restored)
        return [
          `INSERT INTO products (name, description, product_type, tag, status) VALUES (${values}) ON CONFLICT (name) DO NOTHING`,
        ];
      return [
        "INSERT INTO products (product_id, name, description, product_type, tag, status, created_at, end_date) VALUES " +
          `(${sqlLiteral(restored.id)}, ${values}, ${identityTimes(restored)}) ON CONFLICT DO NOTHING`,
        ...(restored.workflows.length === 0
          ? []
          : [
              "INSERT INTO products_workflows (product_id, workflow_id) SELECT p.product_id, w.workflow_id FROM products p, workflows w " +
                `WHERE p.name = ${sqlLiteral(statement.product)} AND w.name IN (${restored.workflows.map(sqlLiteral).join(", ")}) ON CONFLICT DO NOTHING`,
            ]),
      ];
    }
    case "createProductBlock": {
      const values = `${sqlLiteral(statement.block)}, ${sqlLiteral(statement.description)}, ${nullable(statement.tag)}, ${sqlLiteral(statement.status)}`;
      const { restored } = statement;
      return [
        restored
          ? "INSERT INTO product_blocks (product_block_id, name, description, tag, status, created_at, end_date) VALUES " +
            `(${sqlLiteral(restored.id)}, ${values}, ${identityTimes(restored)}) ON CONFLICT DO NOTHING`
          : `INSERT INTO product_blocks (name, description, tag, status) VALUES (${values}) ON CONFLICT (name) DO NOTHING`,
      ];
    }
    case "createResourceType": {
      const values = `${sqlLiteral(statement.resourceType)}, ${nullable(statement.description)}`;
      return [
        statement.restoredId
          ? `INSERT INTO resource_types (resource_type_id, resource_type, description) VALUES (${sqlLiteral(statement.restoredId)}, ${values}) ON CONFLICT DO NOTHING`
          : `INSERT INTO resource_types (resource_type, description) VALUES (${values}) ON CONFLICT (resource_type) DO NOTHING`,
      ];
    }
    case "createFixedInput": {
      const name = sqlLiteral(statement.fixedInput);
      const value = sqlLiteral(statement.value);
      const { restored } = statement;
      return [
        restored
          ? `INSERT INTO fixed_inputs (fixed_input_id, name, value, product_id, created_at) SELECT ${sqlLiteral(restored.id)}, ${name}, ${value}, product_id, ${sqlLiteral(restored.createdAt)}::timestamptz FROM products WHERE name = ${sqlLiteral(statement.product)} ON CONFLICT DO NOTHING`
          : statement.restore
            ? `INSERT INTO fixed_inputs (name, value, product_id) SELECT ${name}, ${value}, product_id FROM products WHERE name = ${sqlLiteral(statement.product)} ON CONFLICT (name, product_id) DO NOTHING`
            : `INSERT INTO fixed_inputs (name, value, product_id) VALUES (${name}, ${value}, ${productId(statement.product)}) ON CONFLICT (name, product_id) DO NOTHING`,
      ];
    }
    case "createProductBlockLink":
      return [
        statement.restore
          ? "INSERT INTO product_product_blocks (product_id, product_block_id) SELECT p.product_id, b.product_block_id FROM products p, product_blocks b " +
            `WHERE p.name = ${sqlLiteral(statement.product)} AND b.name = ${sqlLiteral(statement.block)} ON CONFLICT DO NOTHING`
          : "INSERT INTO product_product_blocks (product_id, product_block_id) VALUES " +
            `(${productId(statement.product)}, ${blockId(statement.block)}) ON CONFLICT DO NOTHING`,
      ];
    case "createBlockRelation":
      return [
        statement.restore
          ? `INSERT INTO product_block_relations (in_use_by_id, depends_on_id, min, max) SELECT u.product_block_id, d.product_block_id, ${bound(statement.bounds?.min)}, ${bound(statement.bounds?.max)} FROM product_blocks u, product_blocks d ` +
            `WHERE u.name = ${sqlLiteral(statement.block)} AND d.name = ${sqlLiteral(statement.dependsOn)} ON CONFLICT DO NOTHING`
          : "INSERT INTO product_block_relations (in_use_by_id, depends_on_id) VALUES " +
            `(${blockId(statement.block)}, ${blockId(statement.dependsOn)}) ON CONFLICT DO NOTHING`,
      ];
    case "createResourceTypeLink":
      return [
        statement.restore
          ? "INSERT INTO product_block_resource_types (product_block_id, resource_type_id) SELECT b.product_block_id, t.resource_type_id FROM product_blocks b, resource_types t " +
            `WHERE b.name = ${sqlLiteral(statement.block)} AND t.resource_type = ${sqlLiteral(statement.resourceType)} ON CONFLICT DO NOTHING`
          : "INSERT INTO product_block_resource_types (product_block_id, resource_type_id) VALUES " +
            `(${blockId(statement.block)}, ${resourceTypeId(statement.resourceType)}) ON CONFLICT DO NOTHING`,
      ];
    case "updateBlockResourceType":
      return [
        `UPDATE product_block_resource_types SET resource_type_id = ${resourceTypeId(statement.to)} WHERE product_block_id = ${blockId(statement.block)} AND resource_type_id = ${resourceTypeId(statement.from)}`,
        `UPDATE subscription_instance_values SET resource_type_id = ${resourceTypeId(statement.to)} WHERE subscription_instance_id IN ${instancesOf(statement.block)} AND resource_type_id = ${resourceTypeId(statement.from)}`,
      ];

    case "instantiateRootBlock":
      return [instantiateRootBlock(productId(statement.product), statement.block, statement.count)];
    case "moveBlockInstances":
      return moveBlockInstances(
        statement.block,
        statement.from,
        statement.to,
        statement.products,
        statement.holderMissing,
      );
    case "instantiateNestedBlock":
      return [
        instantiateNestedBlock(
          statement.block,
          statement.dependsOn,
          statement.attribute,
          statement.within &&
            reachableFromRoots(statement.within.root, subscriptionsOf(statement.within.product)),
        ),
      ];
    case "fillListToMin":
      return [fillListToMin(statement.block, statement.dependsOn, statement.attribute, statement.min)];
    case "backfillResourceType":
      return statement.values.length === 0
        ? []
        : [backfillResourceType(statement.block, statement.resourceType, statement.values)];
  }
}

/**
 * The instances a deleting statement removes (with those only they use): a condition on `si`, shared
 * by the statement and by the count shown before it runs. Undefined for statements that delete none.
 */
export function doomedBy(statement: Statement): string | undefined {
  switch (statement.kind) {
    case "deleteBlockRelation":
      return isUsedOnlyThrough(statement.block, statement.dependsOn);
    case "deleteNestedInstances":
      return isHeldThrough(statement.block, statement.dependsOn, statement.attributes);
    case "deleteProductBlockLink":
      // A root instance that another subscription uses stays (as its nested instances do): deleting it
      // would take a relation from a subscription of another product that no confirmation named.
      return `${isRootInstanceOf(statement.block)} AND ${usedByNoOtherSubscription("si")} AND si.subscription_id IN ${subscriptionsOf(statement.product)}`;
    case "deleteProductBlock":
      return `si.product_block_id = ${blockId(statement.block)}`;
    default:
      return undefined;
  }
}

/**
 * orchestrator-core's five statements, except that a process is deleted only when every subscription it
 * touched is deleted (see docs/design.md, Deletions); a process that also touched other subscriptions only loses its links to
 * the deleted ones.
 */
export function deleteProduct(product: string): string[] {
  const subs = subscriptionsOf(product);
  return [
    `DELETE FROM processes p WHERE p.pid IN (SELECT pid FROM processes_subscriptions WHERE subscription_id IN ${subs}) ` +
      `AND NOT EXISTS (SELECT 1 FROM processes_subscriptions other WHERE other.pid = p.pid AND other.subscription_id NOT IN ${subs})`,
    `DELETE FROM processes_subscriptions WHERE subscription_id IN ${subs}`,
    `DELETE FROM subscription_instances WHERE subscription_id IN ${subs}`,
    `DELETE FROM subscriptions WHERE product_id = ${productId(product)}`,
    `DELETE FROM products WHERE name = ${sqlLiteral(product)}`,
  ];
}
