// The read-only API: orchestrator-core's product metadata endpoints (same paths, shapes, 404 and 422
// bodies), lists for blocks, resource types and workflows, the block relations and status the pages
// need, health, and the OpenAPI document generated from these route declarations.
import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import {
  getApiProduct,
  getApiProductBlock,
  getApiResourceType,
  getApiWorkflow,
  listApiProductBlocks,
  listApiProductsJson,
  listApiResourceTypes,
  listApiWorkflows,
  listProductBlockRelations,
} from "@orchestrator/sdk";
import type { TypedResponse } from "hono";
import {
  ErrorSchema,
  HealthSchema,
  ProductBlockIdParam,
  ProductBlockRelationSchema,
  ProductBlockSchema,
  ProductIdParam,
  ProductQuery,
  ProductSchema,
  ResourceTypeIdParam,
  ResourceTypeSchema,
  StatusSchema,
  WorkflowIdParam,
  WorkflowSchema,
} from "./api-schemas.ts";
import { ReadCoalescer } from "./coalesce-reads.ts";
import type { DatabaseAccess } from "./database-access.ts";

export type StatusBody = z.infer<typeof StatusSchema>;
type TypedJson<T> = TypedResponse<T, 200, "json">;

export interface ApiOptions {
  access: DatabaseAccess;
  /** The status line: migrations and the models compared with the database. */
  readStatus: () => Promise<StatusBody>;
}

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const ERRORS = {
  404: json(ErrorSchema, "Not found"),
  422: json(ErrorSchema, "Malformed id or query"),
  503: json(ErrorSchema, "The database is not available"),
};

const listRoute = <T extends z.ZodType>(path: string, schema: T, summary: string) =>
  createRoute({ method: "get", path, summary, responses: { 200: json(schema, summary), 503: ERRORS[503] } });

const itemRoute = <P extends z.ZodObject, T extends z.ZodType>(
  path: string,
  params: P,
  schema: T,
  summary: string,
) =>
  createRoute({
    method: "get",
    path,
    summary,
    request: { params },
    responses: { 200: json(schema, summary), ...ERRORS },
  });

/** FastAPI's validation error body: each problem with where it is and what is wrong. */
function validationDetail(where: string, issues: z.core.$ZodIssue[]) {
  return { detail: issues.map((issue) => ({ loc: [where, ...issue.path.map(String)], msg: issue.message })) };
}

export function createApi({ access, readStatus }: ApiOptions): OpenAPIHono {
  const productLists = new ReadCoalescer();
  const api = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationDetail(result.target, result.error.issues), 422);
      return undefined;
    },
  });

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/products/",
      summary: "The products, with their fixed inputs, product blocks and workflows",
      request: { query: ProductQuery },
      responses: { 200: json(ProductSchema.array(), "The products"), 422: ERRORS[422], 503: ERRORS[503] },
    }),
    async (c) => {
      const { tag, product_type } = c.req.valid("query");
      const filter = {
        ...(tag === undefined ? {} : { tag }),
        ...(product_type === undefined ? {} : { productType: product_type }),
      };
      // The database builds the JSON text: megabytes on a large catalogue, sent without re-serialising.
      const body = await productLists.read(JSON.stringify([tag, product_type]), () =>
        access.use((db) => listApiProductsJson(db, filter)),
      );
      // Already JSON text of the declared schema; the typed c.json would want the parsed value.
      return c.body(body, 200, { "Content-Type": "application/json" }) as unknown as TypedJson<
        z.infer<typeof ProductSchema>[]
      >;
    },
  );

  const found = <T>(item: T | null, what: string, id: string) =>
    item === null
      ? ({ found: false, body: { detail: `${what} id ${id} not found` } } as const)
      : ({ found: true, body: item } as const);

  api.openapi(
    itemRoute("/api/products/{product_id}", ProductIdParam, ProductSchema, "One product"),
    async (c) => {
      const id = c.req.valid("param").product_id!;
      const result = found(await access.use((db) => getApiProduct(db, id)), "Product", id);
      return result.found ? c.json(result.body, 200) : c.json(result.body, 404);
    },
  );

  api.openapi(
    listRoute("/api/product_blocks/", ProductBlockSchema.array(), "The product blocks"),
    async (c) => c.json(await access.use(listApiProductBlocks), 200),
  );
  api.openapi(
    itemRoute(
      "/api/product_blocks/{product_block_id}",
      ProductBlockIdParam,
      ProductBlockSchema,
      "One product block",
    ),
    async (c) => {
      const id = c.req.valid("param").product_block_id!;
      const result = found(await access.use((db) => getApiProductBlock(db, id)), "Product block", id);
      return result.found ? c.json(result.body, 200) : c.json(result.body, 404);
    },
  );

  api.openapi(
    listRoute("/api/resource_types/", ResourceTypeSchema.array(), "The resource types"),
    async (c) => c.json(await access.use(listApiResourceTypes), 200),
  );
  api.openapi(
    itemRoute(
      "/api/resource_types/{resource_type_id}",
      ResourceTypeIdParam,
      ResourceTypeSchema,
      "One resource type",
    ),
    async (c) => {
      const id = c.req.valid("param").resource_type_id!;
      const result = found(await access.use((db) => getApiResourceType(db, id)), "Resource type", id);
      return result.found ? c.json(result.body, 200) : c.json(result.body, 404);
    },
  );

  api.openapi(
    listRoute("/api/workflows/", WorkflowSchema.array(), "The workflows (deleted ones left out)"),
    async (c) => c.json(await access.use(listApiWorkflows), 200),
  );
  api.openapi(
    itemRoute("/api/workflows/{workflow_id}", WorkflowIdParam, WorkflowSchema, "One workflow"),
    async (c) => {
      const id = c.req.valid("param").workflow_id!;
      const result = found(await access.use((db) => getApiWorkflow(db, id)), "Workflow", id);
      return result.found ? c.json(result.body, 200) : c.json(result.body, 404);
    },
  );

  api.openapi(
    listRoute(
      "/api/product_block_relations/",
      ProductBlockRelationSchema.array(),
      "Which product block depends on which",
    ),
    async (c) => c.json(await access.use(listProductBlockRelations), 200),
  );

  api.openapi(
    listRoute("/api/status", StatusSchema, "Migrations, and whether the models match the database"),
    async (c) => c.json(await readStatus(), 200),
  );

  api.openapi(
    listRoute("/api/health", HealthSchema, "Whether the server can read the database"),
    async (c) => {
      await access.use((db) => db.query("SELECT 1"));
      return c.json({ status: "OK" as const, database: access.label }, 200);
    },
  );

  api.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "orchestrator serve",
      version: "1",
      description: "A read-only view of the product metadata, compatible with orchestrator-core's /api.",
    },
  });
  return api;
}
