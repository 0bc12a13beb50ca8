// MikroORM entities for the product metadata tables (see docs/design.md, The database tables). The schema
// itself is created by the core migration; these map it for reading through the EntityManager (products
// listing, tooling).
import { defineEntity, p } from "@mikro-orm/core";
import { timestamp, uuidPk } from "./columns.ts";

export const ResourceType = defineEntity({
  name: "ResourceType",
  tableName: "resource_types",
  properties: {
    resourceTypeId: uuidPk(),
    resourceType: p.string().length(510).unique(),
    description: p.string().length(2000).nullable(),
  },
});

export const ProductBlock = defineEntity({
  name: "ProductBlock",
  tableName: "product_blocks",
  properties: {
    productBlockId: uuidPk(),
    name: p.string().unique(),
    description: p.string().length(2000),
    tag: p.string().length(20).nullable(),
    status: p.string().length(255).nullable(),
    createdAt: timestamp().defaultRaw("current_timestamp"),
    endDate: timestamp().nullable(),
    resourceTypes: () =>
      p
        .manyToMany(ResourceType)
        .pivotTable("product_block_resource_types")
        .joinColumn("product_block_id")
        .inverseJoinColumn("resource_type_id")
        .owner(),
    dependsOn: () =>
      p
        .manyToMany(ProductBlock)
        .pivotTable("product_block_relations")
        .joinColumn("in_use_by_id")
        .inverseJoinColumn("depends_on_id")
        .owner(),
  },
});

export const Workflow = defineEntity({
  name: "Workflow",
  tableName: "workflows",
  properties: {
    workflowId: uuidPk(),
    name: p.string().unique(),
    target: p.string(),
    description: p.string().length(2000),
    createdAt: timestamp().defaultRaw("current_timestamp"),
    deletedAt: timestamp().nullable(),
    isTask: p.boolean().default(false),
  },
});

export const Product = defineEntity({
  name: "Product",
  tableName: "products",
  properties: {
    productId: uuidPk(),
    name: p.string().unique(),
    description: p.string().length(2000),
    productType: p.string().length(255),
    tag: p.string().length(20).index("ix_products_tag"),
    status: p.string().length(255),
    createdAt: timestamp().defaultRaw("current_timestamp"),
    endDate: timestamp().nullable(),
    fixedInputs: () => p.oneToMany(FixedInput).mappedBy("product"),
    productBlocks: () =>
      p
        .manyToMany(ProductBlock)
        .pivotTable("product_product_blocks")
        .joinColumn("product_id")
        .inverseJoinColumn("product_block_id")
        .owner(),
    workflows: () =>
      p
        .manyToMany(Workflow)
        .pivotTable("products_workflows")
        .joinColumn("product_id")
        .inverseJoinColumn("workflow_id")
        .owner(),
  },
});

export const FixedInput = defineEntity({
  name: "FixedInput",
  tableName: "fixed_inputs",
  properties: {
    fixedInputId: uuidPk(),
    name: p.string(),
    value: p.string(),
    createdAt: timestamp().defaultRaw("current_timestamp"),
    product: () => p.manyToOne(Product).joinColumn("product_id").deleteRule("cascade"),
  },
});

export const PRODUCT_METADATA_ENTITIES = [Product, FixedInput, ProductBlock, ResourceType, Workflow];
