// Workflow rows and their links to products, for hand-written migrations (orchestrator-core's
// helper API).
import { sqlList, sqlLiteral } from "../../plan/sql-literal.ts";

export const WORKFLOW_TARGETS = ["CREATE", "MODIFY", "TERMINATE", "SYSTEM", "VALIDATE", "RECONCILE"] as const;
export type WorkflowTarget = (typeof WORKFLOW_TARGETS)[number];

export interface CreateWorkflowOptions {
  name: string;
  target: WorkflowTarget;
  description: string;
  isTask?: boolean;
  /** Link the workflow to every product of this type… */
  productType?: string;
  /** …that also has this tag. */
  productTag?: string;
}

/**
 * Inserts a workflow (kept as it is if one of that name exists) and links it to the products of a type.
 * Unlike the reference, the links are made even when the workflow existed (they are idempotent).
 * @example
 * this.addStatements(createWorkflow({ name: "create_user", target: "CREATE", description: "Create user", productType: "User" }));
 */
export function createWorkflow(options: CreateWorkflowOptions): string[] {
  if (!WORKFLOW_TARGETS.includes(options.target)) {
    throw new TypeError(`Workflow target '${options.target}' is not one of ${WORKFLOW_TARGETS.join(", ")}.`);
  }
  const name = sqlLiteral(options.name);
  const insert =
    "INSERT INTO workflows (name, target, description, is_task) VALUES " +
    `(${name}, ${sqlLiteral(options.target)}, ${sqlLiteral(options.description)}, ${options.isTask ? "true" : "false"}) ON CONFLICT (name) DO NOTHING`;
  if (options.productType === undefined) return [insert];
  const tag = options.productTag === undefined ? "" : ` AND p.tag = ${sqlLiteral(options.productTag)}`;
  return [
    insert,
    "INSERT INTO products_workflows (product_id, workflow_id) SELECT p.product_id, w.workflow_id FROM products p, workflows w " +
      `WHERE w.name = ${name} AND p.product_type = ${sqlLiteral(options.productType)}${tag} ON CONFLICT DO NOTHING`,
  ];
}

/**
 * Links every product to each of the named workflows (default: modify_note).
 * @example
 * this.addStatements(ensureDefaultWorkflows());
 */
export function ensureDefaultWorkflows(workflowNames: readonly string[] = ["modify_note"]): string[] {
  if (workflowNames.length === 0) return [];
  return [
    "INSERT INTO products_workflows (product_id, workflow_id) SELECT p.product_id, w.workflow_id FROM products p CROSS JOIN workflows w " +
      `WHERE w.name IN ${sqlList(workflowNames)} ON CONFLICT DO NOTHING`,
  ];
}

/**
 * Deletes a workflow and its product links; fails while processes refer to it.
 * @example
 * this.addStatements(deleteWorkflow("create_user"));
 */
export function deleteWorkflow(name: string): string[] {
  return [`DELETE FROM workflows WHERE name = ${sqlLiteral(name)}`];
}

export interface WorkflowByTagOptions {
  workflow: string;
  productTag: string;
  /** SQL LIKE pattern on the product name; default every name. */
  productNameLike?: string;
}

/**
 * Links a workflow to the products with a tag (and a name LIKE pattern).
 * @example
 * this.addStatements(addProductsToWorkflowByProductTag({ workflow: "modify_user", productTag: "USER_INT" }));
 */
export function addProductsToWorkflowByProductTag(options: WorkflowByTagOptions): string[] {
  return [
    "INSERT INTO products_workflows (product_id, workflow_id) SELECT p.product_id, w.workflow_id FROM products p, workflows w " +
      `WHERE w.name = ${sqlLiteral(options.workflow)} AND p.tag = ${sqlLiteral(options.productTag)} AND p.name LIKE ${sqlLiteral(options.productNameLike ?? "%")} ON CONFLICT DO NOTHING`,
  ];
}

/**
 * Unlinks a workflow from the products with a tag (and a name LIKE pattern).
 * @example
 * this.addStatements(removeProductsFromWorkflowByProductTag({ workflow: "modify_user", productTag: "USER_INT" }));
 */
export function removeProductsFromWorkflowByProductTag(options: WorkflowByTagOptions): string[] {
  return [
    `DELETE FROM products_workflows WHERE workflow_id = (SELECT workflow_id FROM workflows WHERE name = ${sqlLiteral(options.workflow)}) ` +
      `AND product_id IN (SELECT product_id FROM products WHERE tag = ${sqlLiteral(options.productTag)} AND name LIKE ${sqlLiteral(options.productNameLike ?? "%")})`,
  ];
}
