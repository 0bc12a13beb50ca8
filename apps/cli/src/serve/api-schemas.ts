// The API's response and parameter schemas. Routes declare them, requests are validated against them,
// and /api/openapi.json is generated from them: one source for behaviour and documentation. Field
// names and order follow orchestrator-core (docs in the SDK's read-api/api-shapes.ts).
import { z } from "@hono/zod-openapi";

const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** Longer filter values are refused with 422 rather than sent to the database. */
export const MAX_FILTER_LENGTH = 255;

const timestamp = z.number().openapi({ description: "Unix timestamp in seconds", example: 1764583200.123 });
const uuid = z.string().openapi({ format: "uuid" });

export const ResourceTypeSchema = z
  .object({ resource_type: z.string(), description: z.string().nullable(), resource_type_id: uuid })
  .openapi("ResourceTypeSchema");

export const ProductBlockSchema = z
  .object({
    product_block_id: uuid,
    name: z.string(),
    description: z.string(),
    tag: z.string().nullable(),
    status: z.string().nullable(),
    created_at: timestamp,
    end_date: timestamp.nullable(),
    resource_types: z.array(ResourceTypeSchema).nullable(),
  })
  .openapi("ProductBlockSchema");

export const FixedInputSchema = z
  .object({
    fixed_input_id: uuid,
    name: z.string(),
    value: z.string(),
    product_id: uuid,
    created_at: timestamp,
  })
  .openapi("FixedInputSchema");

export const WorkflowSchema = z
  .object({
    name: z.string(),
    target: z.string(),
    is_task: z.boolean(),
    description: z.string().nullable(),
    created_at: timestamp,
    workflow_id: uuid,
    steps: z.null(),
  })
  .openapi("WorkflowSchema");

export const ProductSchema = z
  .object({
    product_id: uuid,
    name: z.string(),
    description: z.string(),
    product_type: z.string(),
    status: z.string(),
    tag: z.string(),
    created_at: timestamp,
    end_date: timestamp.nullable(),
    product_blocks: z.array(ProductBlockSchema),
    fixed_inputs: z.array(FixedInputSchema),
    workflows: z.array(WorkflowSchema),
  })
  .openapi("ProductSchema");

export const ProductBlockRelationSchema = z
  .object({ in_use_by_id: uuid, depends_on_id: uuid })
  .openapi("ProductBlockRelation", { description: "in_use_by_id depends on depends_on_id" });

export const ErrorSchema = z
  .object({ detail: z.union([z.string(), z.array(z.object({ loc: z.array(z.string()), msg: z.string() }))]) })
  .openapi("HTTPError");

export const HealthSchema = z.object({ status: z.literal("OK"), database: z.string() }).openapi("Health");

const SourceLocationSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number(),
  endColumn: z.number(),
});

export const StatusSchema = z
  .object({
    database: z.string().openapi({ description: "The database, password masked" }),
    databaseKind: z.enum(["postgresql", "pglite"]),
    project: z.string().nullable().openapi({ description: "The project's config file, when there is one" }),
    applied: z.array(z.string()),
    pending: z.array(z.string()),
    changed: z.array(z.string()),
    verdict: z.enum([
      "agree",
      "migrations-changed",
      "migrations-pending",
      "models-differ",
      "models-invalid",
      "no-project",
    ]),
    message: z.string().openapi({ description: "What `orchestrator db check` says" }),
    differences: z.array(z.object({ kind: z.string(), summary: z.string(), location: SourceLocationSchema })),
  })
  .openapi("Status");

const idParam = (name: string) =>
  z.object({
    [name]: z
      .string()
      .regex(UUID_PATTERN, "not a valid UUID")
      .openapi({ param: { name, in: "path" }, format: "uuid" }),
  });

export const ProductIdParam = idParam("product_id");
export const ProductBlockIdParam = idParam("product_block_id");
export const ResourceTypeIdParam = idParam("resource_type_id");
export const WorkflowIdParam = idParam("workflow_id");

const filter = (name: string) =>
  z
    .string()
    .max(MAX_FILTER_LENGTH)
    .optional()
    .openapi({ param: { name, in: "query" }, description: "Exact match" });

export const ProductQuery = z.object({ tag: filter("tag"), product_type: filter("product_type") });
