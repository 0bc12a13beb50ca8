// Adopting a database that orchestrator-core built and manages.

export {
  type AdoptionCheck,
  type AdoptionResult,
  type AdoptOptions,
  adoptDatabase,
  checkAdoption,
} from "./adopt-database.ts";
export { AdoptError } from "./adopt-errors.ts";
export { coreTableNames, expectedCoreShapes } from "./expected-schema.ts";
export { type Adoption, type DatabaseOrigin, recogniseDatabase } from "./recognise-database.ts";
export { findSchemaMismatches, formatMismatch, type SchemaMismatch } from "./schema-compatibility.ts";
export { readTableShapes, type TableShape } from "./table-shapes.ts";
