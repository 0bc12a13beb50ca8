// The helper API for hand-written migrations, as individual functions and as one object.
import {
  backfillResourceType,
  createFixedInputs,
  createProduct,
  createProductBlock,
  createResourceType,
  deleteProduct,
  deleteProductBlock,
  deleteResourceType,
} from "./metadata-helpers.ts";
import {
  addProductsToWorkflowByProductTag,
  createWorkflow,
  deleteWorkflow,
  ensureDefaultWorkflows,
  removeProductsFromWorkflowByProductTag,
} from "./workflow-helpers.ts";

export * from "./metadata-helpers.ts";
export * from "./workflow-helpers.ts";

export const migrationHelpers = {
  createProduct,
  createFixedInputs,
  createProductBlock,
  createResourceType,
  backfillResourceType,
  deleteProduct,
  deleteProductBlock,
  deleteResourceType,
  createWorkflow,
  ensureDefaultWorkflows,
  deleteWorkflow,
  addProductsToWorkflowByProductTag,
  removeProductsFromWorkflowByProductTag,
} as const;
