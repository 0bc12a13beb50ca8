import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadRegistry } from "./load-registry.ts";
import type { RegistryLoadError } from "./model-errors.ts";

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));
const SDK_MODEL = fileURLToPath(new URL("./index.ts", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "orch-model-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("loadRegistry", () => {
  it("loads a .ts model and returns its plain DomainModel", async () => {
    const model = await loadRegistry(fixture("user-model.ts"));
    expect(model.products.map((p) => p.name)).toEqual(["User Group", "User internal", "User external"]);
    expect(model.blocks.map((b) => b.name)).toEqual(["UserGroupBlock", "UserBlock"]);
    expect(model.products[1]!.fixedInputValues).toEqual({ affiliation: "internal" });
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("picks the default export when there is no SUBSCRIPTION_MODEL_REGISTRY", async () => {
    const model = await loadRegistry(fixture("plain-js-model.mjs"));
    expect(model.blocks.map((b) => b.name)).toEqual(["Tree", "Leaf"]);
  });

  it("says clearly when the module exports no registry", async () => {
    const error = (await loadRegistry(fixture("not-a-registry.ts")).catch((e) => e)) as RegistryLoadError;
    expect(error.code).toBe("ORCH_NOT_A_REGISTRY");
    expect(error.message).toContain("exports: answer");
  });

  it("points at the throwing line of a model file that throws while imported", async () => {
    for (const fresh of [false, true]) {
      const error = (await loadRegistry(fixture("throwing-model.ts"), { fresh }).catch(
        (e) => e,
      )) as RegistryLoadError;
      expect(error.code).toBe("ORCH_MODEL_IMPORT_FAILED");
      expect(error.location).toMatchObject({ file: fixture("throwing-model.ts"), line: 7, column: 9 });
      expect(error.message).toContain("model file exploded");
    }
  });

  it("a fresh load sees an edited model file and the files it imports", async () => {
    const blockFile = join(scratch, "block.ts");
    const modelFile = join(scratch, "model.ts");
    const writeBlock = (field: string) =>
      writeFileSync(
        blockFile,
        `import { defineProductBlock, r } from ${JSON.stringify(SDK_MODEL)};\n` +
          `export const B = defineProductBlock({ name: "B", fields: { ${field}: r.string() } });\n`,
      );
    writeBlock("first");
    writeFileSync(
      modelFile,
      `import { defineProductType, defineRegistry, r } from ${JSON.stringify(SDK_MODEL)};\n` +
        `import { B } from "./block.ts";\n` +
        `export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({ P: defineProductType({ name: "P", blocks: { b: r.block(B) } }) });\n`,
    );
    const first = await loadRegistry(modelFile, { fresh: true });
    expect(first.blocks[0]!.resourceTypes.map((rt) => rt.name)).toEqual(["first"]);
    writeBlock("second");
    const second = await loadRegistry(modelFile, { fresh: true });
    expect(second.blocks[0]!.resourceTypes.map((rt) => rt.name)).toEqual(["second"]);
    expect(second.blocks[0]!.resourceTypes[0]!.location).toMatchObject({
      file: blockFile,
      line: 2,
      column: 60,
    });
  });
});
