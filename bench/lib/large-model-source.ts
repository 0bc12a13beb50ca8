// The large model (large-model.ts) written as DSL source, as a user's project holds it: either one
// registry file, or one file per product's blocks, one per product type, and the registry (2 000 files
// at full scale). Names follow large-model.ts exactly, so the files and large-database.ts are in sync.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  COMMON_BLOCK,
  detailBlockName,
  FIXED_INPUTS,
  productName,
  productTypeName,
  resourceTypeName,
  rootBlockName,
  type Scale,
} from "./large-model.ts";

const SDK = `import { defineProductBlock, defineProductType, defineRegistry, r } from "@orchestrator/sdk";`;

function blockSource(scale: Scale, index: number, name: string, holds?: string): string {
  const fields = Array.from(
    { length: scale.resourceTypesPerBlock },
    (_, k) => `    ${resourceTypeName(scale, index, k)}: r.string(),`,
  );
  if (holds) fields.push(`    detail: r.block(${holds}),`);
  return `export const ${name} = defineProductBlock({\n  name: "${name}",\n  fields: {\n${fields.join("\n")}\n  },\n});\n`;
}

function typeSource(i: number): string {
  const fixed = Object.keys(FIXED_INPUTS)
    .map((key) => `${key}: r.string()`)
    .join(", ");
  return (
    `export const ${productTypeName(i)} = defineProductType({\n  name: "${productTypeName(i)}",\n` +
    `  fixedInputs: { ${fixed} },\n  blocks: { root: r.block(${rootBlockName(i)}), common: r.block(${COMMON_BLOCK}) },\n});\n`
  );
}

function registrySource(scale: Scale): string {
  const values = JSON.stringify(FIXED_INPUTS).replace(/"(\w+)":/g, "$1: ");
  const entries = Array.from(
    { length: scale.products },
    (_, i) =>
      `  "${productName(i)}": { type: ${productTypeName(i)}, description: "Product ${i}", tag: "P${i}", fixedInputs: ${values} },`,
  );
  return `export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({\n${entries.join("\n")}\n});\n`;
}

const CONFIG = `import { defineConfig } from "@orchestrator/sdk";\nexport default defineConfig({ registry: "./products/index.ts", migrations: "./migrations" });\n`;

/** A project in `dir` (emptied first) whose models are the large model, in one file or in many. */
export function writeLargeProject(dir: string, scale: Scale, layout: "one-file" | "many-files"): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "products"), { recursive: true });
  mkdirSync(join(dir, "migrations"), { recursive: true });
  writeFileSync(join(dir, "orchestrator.config.ts"), CONFIG);
  const common = blockSource(scale, 2 * scale.products, COMMON_BLOCK);
  if (layout === "one-file") {
    const parts = [SDK, common];
    for (let i = 0; i < scale.products; i++) {
      parts.push(blockSource(scale, 2 * i + 1, detailBlockName(i)));
      parts.push(blockSource(scale, 2 * i, rootBlockName(i), detailBlockName(i)));
      parts.push(typeSource(i));
    }
    parts.push(registrySource(scale));
    writeFileSync(join(dir, "products/index.ts"), parts.join("\n"));
    return;
  }
  mkdirSync(join(dir, "products/blocks"));
  mkdirSync(join(dir, "products/types"));
  writeFileSync(join(dir, "products/blocks/common.ts"), `${SDK}\n\n${common}`);
  const imports: string[] = [];
  for (let i = 0; i < scale.products; i++) {
    writeFileSync(
      join(dir, `products/blocks/p${i}.ts`),
      `${SDK}\n\n${blockSource(scale, 2 * i + 1, detailBlockName(i))}\n${blockSource(scale, 2 * i, rootBlockName(i), detailBlockName(i))}`,
    );
    writeFileSync(
      join(dir, `products/types/p${i}.ts`),
      `${SDK}\nimport { ${COMMON_BLOCK} } from "../blocks/common.ts";\nimport { ${rootBlockName(i)} } from "../blocks/p${i}.ts";\n\n${typeSource(i)}`,
    );
    imports.push(`import { ${productTypeName(i)} } from "./types/p${i}.ts";`);
  }
  writeFileSync(join(dir, "products/index.ts"), `${SDK}\n${imports.join("\n")}\n\n${registrySource(scale)}`);
}
