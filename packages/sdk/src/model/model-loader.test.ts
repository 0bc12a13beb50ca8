import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { RegistryLoadError } from "./model-errors.ts";
import { createModelLoader, type ModelLoader } from "./model-loader.ts";

const SDK_MODEL = fileURLToPath(new URL("./index.ts", import.meta.url));
const SDK_PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "orch-loader-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let loaders: ModelLoader[] = [];
afterEach(async () => {
  await Promise.all(loaders.map((loader) => loader.close()));
  loaders = [];
});

/** registry.ts → types/t<i>.ts → blocks/b<i>.ts, for `count` product types. */
function writeProject(
  name: string,
  count: number,
): { dir: string; registry: string; block: (i: number) => string } {
  const dir = join(scratch, name);
  mkdirSync(join(dir, "types"), { recursive: true });
  mkdirSync(join(dir, "blocks"), { recursive: true });
  const block = (i: number) => join(dir, "blocks", `b${i}.ts`);
  for (let i = 0; i < count; i++) {
    writeBlock(block(i), `B${i}`, "first");
    writeFileSync(
      join(dir, "types", `t${i}.ts`),
      `import { defineProductType, r } from ${JSON.stringify(SDK_MODEL)};\n` +
        `import { B${i} } from "../blocks/b${i}.ts";\n` +
        `export const T${i} = defineProductType({ name: "T${i}", blocks: { b: r.block(B${i}) } });\n`,
    );
  }
  const registry = join(dir, "registry.ts");
  writeFileSync(
    registry,
    `import { defineRegistry } from ${JSON.stringify(SDK_MODEL)};\n` +
      Array.from({ length: count }, (_, i) => `import { T${i} } from "./types/t${i}.ts";\n`).join("") +
      `export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({ ${Array.from({ length: count }, (_, i) => `P${i}: T${i}`).join(", ")} });\n`,
  );
  return { dir, registry, block };
}

function writeBlock(file: string, name: string, field: string, extra = ""): void {
  writeFileSync(
    file,
    `import { defineProductBlock, r } from ${JSON.stringify(SDK_MODEL)};\n${extra}` +
      `export const ${name} = defineProductBlock({ name: "${name}", fields: { ${field}: r.string() } });\n`,
  );
}

function loader(registry: string, options = {}): ModelLoader {
  const created = createModelLoader(registry, options);
  loaders.push(created);
  return created;
}

const fields = (model: { blocks: { name: string; resourceTypes: { name: string }[] }[] }, block: string) =>
  model.blocks.find((b) => b.name === block)!.resourceTypes.map((rt) => rt.name);

describe("createModelLoader", () => {
  it("sees an edited nested block file, evaluating again only it and the files that import it", async () => {
    const project = writeProject("nested", 5);
    const models = loader(project.registry);
    const first = await models.load();
    expect(fields(first, "B2")).toEqual(["first"]);
    expect(models.lastStats).toMatchObject({ generation: 0, files: 11 });

    writeBlock(project.block(2), "B2", "second");
    const model = await models.load();
    expect(fields(model, "B2")).toEqual(["second"]);
    expect(fields(model, "B3")).toEqual(["first"]);
    // Only the changed block crossed over again: the others are the objects of the first load.
    const byName = (m: typeof model, name: string) => m.blocks.find((b) => b.name === name);
    expect(byName(model, "B3")).toBe(byName(first, "B3"));
    expect(byName(model, "B2")).not.toBe(byName(first, "B2"));
    expect(model.blocks.find((b) => b.name === "B2")!.resourceTypes[0]!.location).toMatchObject({
      file: project.block(2),
      line: 2,
    });
    // b2.ts, t2.ts and registry.ts; the other blocks and types are kept.
    expect(models.lastStats).toMatchObject({ generation: 1, reevaluated: 3 });

    const unchanged = await models.load();
    expect(fields(unchanged, "B2")).toEqual(["second"]);
    expect(models.lastStats).toMatchObject({ generation: 2, reevaluated: 0 });
  });

  it("decides by content: a touch evaluates nothing again, a rewrite of the same length is seen", async () => {
    const project = writeProject("content", 2);
    const models = loader(project.registry);
    await models.load();

    const later = new Date(Date.now() + 60_000);
    utimesSync(project.block(1), later, later);
    await models.load();
    expect(models.lastStats).toMatchObject({ reevaluated: 0 });

    // "first" → "other": same size; the times put back as they were.
    writeBlock(project.block(1), "B1", "other");
    utimesSync(project.block(1), later, later);
    expect(fields(await models.load(), "B1")).toEqual(["other"]);
    expect(models.lastStats).toMatchObject({ reevaluated: 3 });
  });

  it("points at the throwing line of a file that throws after an edit, and recovers when it is fixed", async () => {
    const project = writeProject("throwing", 3);
    const models = loader(project.registry);
    await models.load();

    writeBlock(project.block(1), "B1", "first", `throw new Error("block file exploded");\n`);
    const error = (await models.load().catch((e) => e)) as RegistryLoadError;
    expect(error.code).toBe("ORCH_MODEL_IMPORT_FAILED");
    expect(error.message).toContain("block file exploded");
    expect(error.location).toMatchObject({ file: project.block(1), line: 2, column: 7 });

    // An unrelated edit meanwhile does not hide the failure Node keeps for the broken file.
    writeBlock(project.block(0), "B0", "other");
    expect(((await models.load().catch((e) => e)) as RegistryLoadError).message).toContain("exploded");

    writeBlock(project.block(1), "B1", "fixed");
    const model = await models.load();
    expect(fields(model, "B1")).toEqual(["fixed"]);
    expect(fields(model, "B0")).toEqual(["other"]);
  });

  it("recovers from a syntax error and from an import of a file that does not exist yet", async () => {
    const project = writeProject("syntax", 2);
    const models = loader(project.registry);
    await models.load();

    writeFileSync(project.block(0), `export const B0 = defineProductBlock({ name: "B0", fields: { ;\n`);
    const error = (await models.load().catch((e) => e)) as RegistryLoadError;
    expect(error.code).toBe("ORCH_MODEL_IMPORT_FAILED");
    expect(error.message).toContain("Unexpected token");

    const extra = join(project.dir, "blocks", "extra.ts");
    writeBlock(project.block(0), "B0", "first", `import { Extra } from "./extra.ts";\n`);
    expect(((await models.load().catch((e) => e)) as RegistryLoadError).code).toBe(
      "ORCH_MODEL_IMPORT_FAILED",
    );

    writeBlock(extra, "Extra", "x");
    writeBlock(project.block(0), "B0", "again", `import { Extra } from "./extra.ts";\nvoid Extra;\n`);
    expect(fields(await models.load(), "B0")).toEqual(["again"]);
  });

  it("replaces its thread after a number of loads, the new one warmed up in the background", async () => {
    const project = writeProject("recycled", 2);
    const models = loader(project.registry, { maxLoads: 3 });
    for (let i = 0; i < 8; i++) {
      writeBlock(project.block(1), "B1", `field${i}`);
      expect(fields(await models.load(), "B1")).toEqual([`field${i}`]);
      // Once the successor has finished its first load, it takes over at the next one.
      await models.warmUpDone();
    }
    expect(models.threadsStarted).toBeGreaterThanOrEqual(3);
  });

  it("replaces its thread once the heap has grown past the limit", async () => {
    const project = writeProject("grown", 2);
    // Each copy of this file holds 16 MB, and Node keeps every copy it imported.
    const heavy = `export const ballast = Array.from({ length: 2_000_000 }, (_, i) => i);\n`;
    writeBlock(project.block(0), "B0", "first", heavy);
    const models = loader(project.registry, { maxHeapGrowthMb: 8 });
    await models.load();
    expect(models.threadsStarted).toBe(1);
    writeBlock(project.block(0), "B0", "second", heavy);
    expect(fields(await models.load(), "B0")).toEqual(["second"]);
    // The thread collects after it answers: the next load reports what the second copy keeps.
    expect(models.threadsStarted).toBe(1);
    expect(fields(await models.load(), "B0")).toEqual(["second"]);
    expect(models.threadsStarted).toBe(2);
  });

  it("gives model files that import the package root the DSL entry, and the root when they need more", async () => {
    // Inside the SDK's folder, so that `@orchestrator/sdk` resolves (to its build) as in a user's project.
    mkdirSync(join(SDK_PACKAGE_DIR, ".test-tmp"), { recursive: true });
    const dir = mkdtempSync(join(SDK_PACKAGE_DIR, ".test-tmp", "root-import-"));
    try {
      const registry = join(dir, "registry.ts");
      const block = join(dir, "block.ts");
      const writeFiles = (blockImports: string) => {
        writeFileSync(
          block,
          `import { ${blockImports} } from "@orchestrator/sdk";\n` +
            `export const B = defineProductBlock({ name: "B", fields: { f: r.string() } });\n`,
        );
        writeFileSync(
          registry,
          `import { defineProductType, defineRegistry, r } from "@orchestrator/sdk";\nimport { B } from "./block.ts";\n` +
            `export default defineRegistry({ P: defineProductType({ name: "T", blocks: { b: r.block(B) } }) });\n`,
        );
      };
      writeFiles("defineProductBlock, r");
      const models = loader(registry);
      expect(fields(await models.load(), "B")).toEqual(["f"]);
      expect(models.lastStats?.sdkEntry).toBe("model");

      // `Migration` is not in the DSL entry: the load is retried with the root, and succeeds.
      writeFiles("defineProductBlock, r, Migration");
      expect(fields(await models.load(), "B")).toEqual(["f"]);
      expect(models.lastStats?.sdkEntry).toBe("root");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
