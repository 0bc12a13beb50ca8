// Issue 15: `orchestrator serve`'s API after the workshop migration, on PGlite and PostgreSQL, checked
// against orchestrator-core's shapes (reference: orchestrator-core-api.md) over real HTTP.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATABASE_KINDS } from "@orchestrator/sdk/testing";
import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestProject } from "../helpers/projects.ts";
import { type ServeProcess, startServe } from "../helpers/serve.ts";
import { createWorkshopProject } from "../helpers/workshop-project.ts";

const PRODUCT_FIELDS = [
  "product_id",
  "name",
  "description",
  "product_type",
  "status",
  "tag",
  "created_at",
  "end_date",
  "product_blocks",
  "fixed_inputs",
  "workflows",
];
const BLOCK_FIELDS = [
  "product_block_id",
  "name",
  "description",
  "tag",
  "status",
  "created_at",
  "end_date",
  "resource_types",
];
const RESOURCE_TYPE_FIELDS = ["resource_type", "description", "resource_type_id"];
const FIXED_INPUT_FIELDS = ["fixed_input_id", "name", "value", "product_id", "created_at"];

interface Product {
  product_id: string;
  name: string;
  tag: string;
  product_type: string;
  created_at: number;
  end_date: number | null;
  fixed_inputs: Record<string, unknown>[];
  product_blocks: {
    product_block_id: string;
    name: string;
    tag: string;
    created_at: number;
    resource_types: { resource_type: string; description: string; resource_type_id: string }[];
  }[];
  workflows: unknown[];
}

/** The workshop's products, their fixed inputs and directly linked blocks, as orchestrator-core's API lists them. */
const WORKSHOP = [
  {
    name: "User Group",
    tag: "GROUP",
    type: "UserGroup",
    fixed: {},
    blocks: { UserGroupBlock: ["group_id", "group_name"] },
  },
  {
    name: "User external",
    tag: "USER_EXT",
    type: "User",
    fixed: { affiliation: "external" },
    blocks: { UserBlock: ["age", "user_id", "username"] },
  },
  {
    name: "User internal",
    tag: "USER_INT",
    type: "User",
    fixed: { affiliation: "internal" },
    blocks: { UserBlock: ["age", "user_id", "username"] },
  },
];

const summary = (p: Product) => ({
  name: p.name,
  tag: p.tag,
  type: p.product_type,
  fixed: Object.fromEntries(p.fixed_inputs.map((fi) => [fi.name, fi.value])),
  blocks: Object.fromEntries(
    p.product_blocks.map((b) => [b.name, b.resource_types.map((rt) => rt.resource_type)]),
  ),
});

describe.each(DATABASE_KINDS)("serve's API on %s after the workshop", (kind) => {
  let project: TestProject;
  let server: ServeProcess;
  let products: Product[];

  beforeAll(async () => {
    project = await createWorkshopProject(kind);
    server = await startServe(project.dbFlags, { cwd: project.dir });
    products = await server.getJson<Product[]>("/api/products/");
  });
  afterAll(async () => {
    const stopped = await server?.stop();
    expect(stopped?.code).toBe(0);
    expect(stopped?.stdout).toContain("Stopped.");
    await project?.dispose();
  });

  it("lists exactly the three workshop products with their fixed inputs, blocks and resource types", () => {
    expect(products.map(summary)).toEqual(WORKSHOP);
  });

  it("uses orchestrator-core's field names and order, and Unix-second datetimes", () => {
    for (const product of products) {
      expect(Object.keys(product)).toEqual(PRODUCT_FIELDS);
      expect(product.created_at).toBeTypeOf("number");
      expect(Math.abs(product.created_at - Date.now() / 1000)).toBeLessThan(24 * 3600);
      expect(product.end_date).toBeNull();
      for (const fixedInput of product.fixed_inputs) {
        expect(Object.keys(fixedInput)).toEqual(FIXED_INPUT_FIELDS);
        expect(fixedInput.product_id).toBe(product.product_id);
      }
      for (const block of product.product_blocks) {
        expect(Object.keys(block)).toEqual(BLOCK_FIELDS);
        for (const rt of block.resource_types) expect(Object.keys(rt)).toEqual(RESOURCE_TYPE_FIELDS);
      }
    }
    const userBlock = products[2]!.product_blocks[0]!;
    expect(userBlock.resource_types.find((rt) => rt.resource_type === "username")?.description).toBeTypeOf(
      "string",
    );
  });

  it("serves the list without the trailing slash too (the seed's curl …/api/products)", async () => {
    expect(await server.getJson("/api/products")).toEqual(products);
  });

  it("filters by exact tag and product type", async () => {
    const names = async (query: string) =>
      (await server.getJson<Product[]>(`/api/products/?${query}`)).map((p) => p.name);
    expect(await names("tag=USER_INT")).toEqual(["User internal"]);
    expect(await names("product_type=User")).toEqual(["User external", "User internal"]);
    expect(await names("product_type=User&tag=GROUP")).toEqual([]);
    expect(await names("tag=USER")).toEqual([]);
    expect(await names("tag=")).toEqual([]);
  });

  it("returns one product, block, resource type by id, and the lists in the same shapes", async () => {
    const internal = products[2]!;
    expect(await server.getJson(`/api/products/${internal.product_id}`)).toEqual(internal);
    const block = internal.product_blocks[0]!;
    expect(await server.getJson(`/api/product_blocks/${block.product_block_id}`)).toEqual(block);
    const rt = block.resource_types[0]!;
    expect(await server.getJson(`/api/resource_types/${rt.resource_type_id}`)).toEqual(rt);

    const blocks = await server.getJson<{ name: string }[]>("/api/product_blocks/");
    expect(blocks.map((b) => b.name)).toEqual(["UserBlock", "UserGroupBlock"]);
    expect(blocks.find((b) => b.name === "UserBlock")).toEqual(block);
    const resourceTypes = await server.getJson<{ resource_type: string }[]>("/api/resource_types/");
    expect(resourceTypes.map((r) => r.resource_type)).toEqual([
      "age",
      "group_id",
      "group_name",
      "user_id",
      "username",
    ]);
    expect(await server.getJson("/api/workflows/")).toEqual([]);
  });

  it("answers unknown ids with 404 and malformed ones with 422, each with a detail", async () => {
    const unknown = "5e1f0000-0000-4000-8000-000000000000";
    for (const [path, what] of [
      ["products", "Product"],
      ["product_blocks", "Product block"],
      ["resource_types", "Resource type"],
      ["workflows", "Workflow"],
    ] as const) {
      const missing = await server.get(`/api/${path}/${unknown}`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ detail: `${what} id ${unknown} not found` });
      const malformed = await server.get(`/api/${path}/not-a-uuid`);
      expect(malformed.status).toBe(422);
      const body = (await malformed.json()) as { detail: { loc: string[]; msg: string }[] };
      expect(body.detail[0]!.loc).toEqual([
        "param",
        path === "products" ? "product_id" : `${path.replace(/s$/, "")}_id`,
      ]);
    }
  });

  it("reports health, and the status line in db check's words", async () => {
    expect(await server.getJson("/api/health")).toMatchObject({ status: "OK" });
    const status = await server.getJson<{ verdict: string; message: string; applied: string[] }>(
      "/api/status",
    );
    expect(status.verdict).toBe("agree");
    expect(status.message).toBe("Models, migrations and database agree.");
    expect(status.applied).toHaveLength(2);
  });

  it("publishes an OpenAPI document that validates and lists every endpoint", async () => {
    const document = await server.getJson<{ paths: Record<string, unknown> }>("/api/openapi.json");
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/products/",
        "/api/products/{product_id}",
        "/api/product_blocks/{product_block_id}",
        "/api/resource_types/{resource_type_id}",
        "/api/workflows/{workflow_id}",
        "/api/product_blocks/",
        "/api/resource_types/",
        "/api/workflows/",
        "/api/health",
      ]),
    );
  });

  // Last: it edits the project's models.
  it("says when the models differ, linking each difference to its model file and line", async () => {
    const registry = join(project.dir, "products", "index.ts");
    const source = readFileSync(registry, "utf8");
    expect(source).toContain('  "User external": User,\n');
    writeFileSync(registry, source.replace('  "User external": User,\n', ""));
    const status = await server.getJson<{
      verdict: string;
      message: string;
      differences: { summary: string; location: { file: string; line: number } }[];
    }>("/api/status");
    expect(status.verdict).toBe("models-differ");
    expect(status.message).toMatch(
      /^The domain models differ from the database in \d+ places?\. Run `orchestrator db diff`/,
    );
    const deletion = status.differences.find((d) => d.summary.includes("User external"));
    expect(deletion?.summary).toBe("delete product: product 'User external'");
    expect(deletion?.location.file).toBe(registry);
    expect(deletion?.location.line).toBeGreaterThan(0);
  });
});
