// The rendered files are checked by Biome itself, with the repository's settings, on the shapes whose
// layout is least obvious: lines over 110 characters, hugged arrays, filled numbers, quotes, cycles.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { InferredKind } from "./infer-kind.ts";
import type { PulledBlock, PulledModel } from "./pulled-model.ts";
import { renderFiles } from "./render-files.ts";

const REPOSITORY = fileURLToPath(new URL("../../../../", import.meta.url));
const BIOME = join(REPOSITORY, "node_modules", "@biomejs", "biome", "bin", "biome");
const LONG =
  "a description long enough that the field it describes cannot stay on a line of one hundred and ten";
const scratch = mkdtempSync(join(tmpdir(), "orchestrator-render-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const string = (note = "seen"): InferredKind => ({ kind: { kind: "string" }, list: false, note });

function block(name: string, identifier: string, fields: Partial<PulledBlock> = {}): PulledBlock {
  return {
    name,
    identifier,
    fileName: identifier.toLowerCase(),
    description: `${name} block`,
    blockFields: [],
    resourceTypes: [],
    ...fields,
  };
}

const MODEL: PulledModel = {
  blocks: [
    block("Circuit", "CircuitBlock", {
      description: `It's a "circuit"`,
      tag: "CIRCUIT",
      blockFields: [
        {
          attribute: "endpoints_with_a_rather_long_attribute_name",
          blocks: ["Circuit", "Port with a long name", "Service access point with a long name"],
          list: true,
        },
      ],
      resourceTypes: [
        { name: "short", kind: string(), description: "short" },
        { name: "long_description", kind: string(), description: LONG },
        {
          name: "longer_description_of_a_list",
          kind: { ...string(), list: true },
          description: `${LONG} ${LONG}`,
        },
        {
          name: "vlans",
          kind: { kind: { kind: "vlanRange" }, list: false, note: "ranges" },
          description: LONG,
        },
        {
          name: "no_description",
          kind: { kind: { kind: "int" }, list: false, note: "3 values, all integers" },
        },
      ],
    }),
    block("Port with a long name", "PortWithALongNameBlock"),
    block("Service access point with a long name", "ServiceAccessPointWithALongNameBlock"),
  ],
  productTypes: [
    {
      name: "Circuit",
      identifier: "Circuit",
      fileName: "circuit",
      fixedInputs: [
        {
          name: "speed",
          kind: {
            kind: {
              kind: "enum",
              values: Array.from({ length: 30 }, (_, i) => String(1000 * (i + 1))),
              numeric: true,
            },
            list: false,
            note: "values",
          },
        },
        {
          name: "vendor",
          kind: {
            kind: {
              kind: "enum",
              values: ["Cisco Systems", "Juniper Networks", "Nokia", "Arista Networks", "Extreme"],
              numeric: false,
            },
            list: false,
            note: "values",
          },
        },
      ],
      blockFields: [{ attribute: "circuit", blocks: ["Circuit"], list: false }],
    },
  ],
  products: [
    {
      name: "circuit 1G",
      productType: "Circuit",
      description: `say "hi"`,
      tag: "C",
      fixedInputs: [
        { name: "speed", value: "1000" },
        { name: "vendor", value: "Nokia" },
      ],
    },
    { name: "circuit", productType: "Circuit", description: "plain", tag: "C", fixedInputs: [] },
  ],
  unreachable: { blocks: [], resourceTypes: [] },
};

function biomeCheck(files: { path: string; text: string }[]): { code: number | null; output: string } {
  const dir = mkdtempSync(join(scratch, "files-"));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  // The repository's settings, in a folder of their own (the config file is not Biome-formatted itself).
  const config = JSON.parse(readFileSync(join(REPOSITORY, "biome.json"), "utf8"));
  const configDir = mkdtempSync(join(scratch, "config-"));
  writeFileSync(
    join(configDir, "biome.json"),
    JSON.stringify({ formatter: config.formatter, linter: config.linter }),
  );
  const args = ["check", "--error-on-warnings", "--config-path", configDir, dir];
  const result = spawnSync(process.execPath, [BIOME, ...args], { encoding: "utf8" });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("renderFiles", () => {
  it("writes what Biome would write: long lines, hugged and filled arrays, quotes, imports in order", () => {
    const result = biomeCheck(renderFiles(MODEL));
    expect(result.code, result.output).toBe(0);
  });

  it("a block on a cycle refers to itself lazily and makes the closing field optional", () => {
    const circuit = renderFiles(MODEL).find((f) => f.path === "product_blocks/circuitblock.ts")!.text;
    expect(circuit).toContain("(): AnyProductBlock => CircuitBlock");
    expect(circuit).toContain(".optional(),");
    expect(circuit).not.toContain('from "./circuitblock.ts"');
  });

  it("the same model gives the same bytes", () => {
    expect(renderFiles(MODEL)).toEqual(renderFiles(structuredClone(MODEL)));
  });
});
