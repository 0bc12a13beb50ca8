// The read-only view of a database's product metadata in orchestrator-core's API shapes.
export type * from "./api-shapes.ts";
export type { ModelDifference } from "./model-differences.ts";
export { listModelDifferences } from "./model-differences.ts";
export { type CheckVerdict, type ProjectStatus, readProjectStatus } from "./project-status.ts";
export {
  getApiProduct,
  getApiProductBlock,
  getApiResourceType,
  getApiWorkflow,
  isUuid,
  listApiProductBlocks,
  listApiProducts,
  listApiProductsJson,
  listApiResourceTypes,
  listApiWorkflows,
  listProductBlockRelations,
} from "./read-metadata.ts";
