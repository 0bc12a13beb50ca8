// `models pull`: writes DSL files for the product metadata a database holds. Checks the output folder
// before it reads anything and writes nothing when it would overwrite files without `force`.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Database } from "../db/database.ts";
import { compareNames } from "../sort-names.ts";
import { planPull } from "./plan-pull.ts";
import { PullError } from "./pull-errors.ts";
import { readCatalogue } from "./read-catalogue.ts";
import { renderFiles } from "./render-files.ts";

export interface PullOptions {
  /** The folder that gets index.ts, product_types/ and product_blocks/. */
  outDir: string;
  /** Replace files already in `outDir` (other files there are left alone). */
  force?: boolean;
}

export interface PullResult {
  outDir: string;
  /** Relative to outDir, in writing order. */
  files: string[];
  products: number;
  productTypes: number;
  blocks: number;
  resourceTypes: number;
  /** In the database but reached by no product, so not pulled. */
  unreachable: { blocks: string[]; resourceTypes: string[] };
}

/**
 * Reads the database's products, product blocks and resource types (and what subscriptions show of
 * them) and writes them as model files laid out like apps/example-orchestrator/products/.
 *
 * @example
 * await pullModels(db, { outDir: "products" }); // then point orchestrator.config.ts at products/index.ts
 */
export async function pullModels(db: Database, options: PullOptions): Promise<PullResult> {
  if (existsSync(options.outDir) && !statSync(options.outDir).isDirectory()) {
    throw PullError.notAFolder(options.outDir);
  }
  if (!options.force) {
    const present = filesIn(options.outDir);
    if (present.length > 0) throw PullError.wouldOverwrite(options.outDir, present);
  }
  const model = planPull(await readCatalogue(db));
  const files = renderFiles(model);
  for (const file of files) {
    const path = join(options.outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return {
    outDir: options.outDir,
    files: files.map((f) => f.path),
    products: model.products.length,
    productTypes: model.productTypes.length,
    blocks: model.blocks.length,
    resourceTypes: new Set(model.blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name))).size,
    unreachable: model.unreachable,
  };
}

/** Every file under `dir` (relative, "/"-separated); none when it does not exist. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
      .sort(compareNames);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
