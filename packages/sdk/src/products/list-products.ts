// The products as the orchestrator's GET /api/products shows them: each product with
// its fixed inputs, directly linked product blocks (with their resource types) and workflows.
// Datetimes are Unix epoch seconds, as the API serialises them.
import type { Database } from "../db/database.ts";
import { Product } from "../db/entities/index.ts";
import { isMissingTable } from "../db/postgres-errors.ts";
import { ProjectError } from "../project/project-errors.ts";
import { compareNames } from "../sort-names.ts";

export interface ProductResourceTypeView {
  resource_type: string;
  description: string | null;
  resource_type_id: string;
}

export interface ProductBlockView {
  product_block_id: string;
  name: string;
  description: string;
  tag: string | null;
  status: string | null;
  created_at: number;
  end_date: number | null;
  resource_types: ProductResourceTypeView[];
}

export interface FixedInputView {
  fixed_input_id: string;
  name: string;
  value: string;
  product_id: string;
  created_at: number;
}

export interface WorkflowView {
  workflow_id: string;
  name: string;
  target: string;
  is_task: boolean;
  description: string;
  created_at: number;
  steps: null;
}

export interface ProductView {
  product_id: string;
  name: string;
  description: string;
  product_type: string;
  status: string;
  tag: string;
  created_at: number;
  end_date: number | null;
  product_blocks: ProductBlockView[];
  fixed_inputs: FixedInputView[];
  workflows: WorkflowView[];
}

/**
 * Every product in the database with its fixed inputs, product blocks (and their resource types) and
 * workflows, in the shape of orchestrator-core's `GET /api/products/`, sorted by name in code-point order
 * (the API has no order; a stable one is friendlier to read and diff).
 * @example
 * const products = await withDatabase(project.database, {}, listProducts);
 */
export async function listProducts(db: Database): Promise<ProductView[]> {
  const em = db.orm.em.fork();
  const products = await em
    .find(
      Product,
      {},
      {
        populate: ["fixedInputs", "productBlocks", "productBlocks.resourceTypes", "workflows"],
        orderBy: { name: "asc" },
      },
    )
    .catch((error: unknown) => {
      throw isMissingTable(error) ? ProjectError.schemaMissing(db.label) : error;
    });
  return products.map((product) => ({
    product_id: product.productId,
    name: product.name,
    description: product.description,
    product_type: product.productType,
    status: product.status,
    tag: product.tag,
    created_at: epoch(product.createdAt)!,
    end_date: epoch(product.endDate),
    product_blocks: product.productBlocks
      .getItems()
      .sort(byName)
      .map((block) => ({
        product_block_id: block.productBlockId,
        name: block.name,
        description: block.description,
        tag: block.tag ?? null,
        status: block.status ?? null,
        created_at: epoch(block.createdAt)!,
        end_date: epoch(block.endDate),
        resource_types: block.resourceTypes
          .getItems()
          .map((rt) => ({
            resource_type: rt.resourceType,
            description: rt.description ?? null,
            resource_type_id: rt.resourceTypeId,
          }))
          .sort((a, b) => compareNames(a.resource_type, b.resource_type)),
      })),
    fixed_inputs: product.fixedInputs
      .getItems()
      .sort(byName)
      .map((fixedInput) => ({
        fixed_input_id: fixedInput.fixedInputId,
        name: fixedInput.name,
        value: fixedInput.value,
        product_id: product.productId,
        created_at: epoch(fixedInput.createdAt)!,
      })),
    workflows: product.workflows
      .getItems()
      .filter((workflow) => !workflow.deletedAt)
      .sort(byName)
      .map((workflow) => ({
        workflow_id: workflow.workflowId,
        name: workflow.name,
        target: workflow.target,
        is_task: workflow.isTask ?? false,
        description: workflow.description,
        created_at: epoch(workflow.createdAt)!,
        steps: null,
      })),
  }));
}

function epoch(value: Date | null | undefined): number | null {
  return value ? value.getTime() / 1000 : null;
}

function byName(a: { name: string }, b: { name: string }): number {
  return compareNames(a.name, b.name);
}
