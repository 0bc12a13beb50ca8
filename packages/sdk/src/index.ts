// The public API of @orchestrator/sdk. Everything not exported here is internal.
export { OrchestratorError, formatLocation } from "./errors.ts";
export type * from "./model/domain-model.ts";
export { LIFECYCLES } from "./model/domain-model.ts";
export type * from "./snapshot/snapshot.ts";
export type * from "./diff/change-set.ts";
