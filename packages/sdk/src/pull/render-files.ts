// PulledModel → the text of each file, laid out like apps/example-orchestrator/products/: the registry
// in index.ts, one file per product type under product_types/ and per product block under
// product_blocks/. Written as Biome formats it, so the files pass `biome check` untouched. Pure.
import { blockFieldNode, fixedInputLiteral, scalarNode } from "./field-expressions.ts";
import { layout, type Node } from "./layout.ts";
import type { PulledBlock, PulledModel, PulledProductType } from "./pulled-model.ts";
import { SCALAR_KINDS_FILE, SCALAR_KINDS_SOURCE } from "./scalar-kinds-source.ts";
import { compareImportPaths, objectKey, stringLiteral } from "./source-text.ts";

export interface PulledFile {
  /** Relative to the output folder, with "/" separators. */
  path: string;
  text: string;
}

const SDK = "@orchestrator/sdk";
const HEADER = "// Pulled from the database by `orchestrator models pull`; edit it as your own from here on.";

export function renderFiles(model: PulledModel): PulledFile[] {
  const blocks = new Map(model.blocks.map((b) => [b.name, b]));
  const reaches = reachability(model.blocks);
  const files: PulledFile[] = [
    { path: "index.ts", text: renderRegistry(model) },
    ...model.productTypes.map((type) => ({
      path: `product_types/${type.fileName}.ts`,
      text: renderProductType(type, blocks),
    })),
    ...model.blocks.map((block) => ({
      path: `product_blocks/${block.fileName}.ts`,
      text: renderBlock(block, blocks, reaches),
    })),
  ];
  if (model.blocks.some((b) => b.resourceTypes.some((rt) => rt.kind.kind.kind === "vlanRange"))) {
    files.push({ path: SCALAR_KINDS_FILE, text: SCALAR_KINDS_SOURCE });
  }
  return files;
}

function renderRegistry(model: PulledModel): string {
  const types = new Map(model.productTypes.map((t) => [t.name, t]));
  const imports = model.productTypes.map((t) => ({
    names: [t.identifier],
    from: `./product_types/${t.fileName}.ts`,
  }));
  const entries = model.products.map((product) => {
    const type = types.get(product.productType)!;
    const values = product.fixedInputs.map(({ name, value }) => {
      const kind = type.fixedInputs.find((fi) => fi.name === name)!.kind;
      return `      ${objectKey(name)}: ${fixedInputLiteral(kind, value)},`;
    });
    return [
      `  ${objectKey(product.name)}: {`,
      `    type: ${type.identifier},`,
      `    description: ${stringLiteral(product.description)},`,
      `    tag: ${stringLiteral(product.tag)},`,
      ...(values.length === 0 ? [] : ["    fixedInputs: {", ...values, "    },"]),
      "  },",
    ].join("\n");
  });
  return [
    HEADER,
    "// The registry: product name → product type, with what the database holds for each product.",
    importLines([{ names: ["defineRegistry"], from: SDK }, ...imports]),
    "",
    "export const SUBSCRIPTION_MODEL_REGISTRY = defineRegistry({",
    ...entries,
    "});",
    "",
  ].join("\n");
}

function renderProductType(type: PulledProductType, blocks: Map<string, PulledBlock>): string {
  const used = new Set(type.blockFields.flatMap((f) => f.blocks));
  const imports = [...used].map((name) => {
    const block = blocks.get(name)!;
    return { names: [block.identifier], from: `../product_blocks/${block.fileName}.ts` };
  });
  const fixedInputs = type.fixedInputs.flatMap((fi) => [
    `    // ${oneLine(fi.kind.note)}`,
    field(fi.name, scalarNode(fi.kind)),
  ]);
  const blockFields = type.blockFields.map((f) => field(f.attribute, blockFieldNode(f, blocks, new Set())));
  return [
    HEADER,
    importLines([{ names: ["defineProductType", "r"], from: SDK }, ...imports]),
    "",
    `export const ${type.identifier} = defineProductType({`,
    `  name: ${stringLiteral(type.name)},`,
    ...(fixedInputs.length === 0 ? [] : objectProperty("fixedInputs", fixedInputs)),
    ...objectProperty("blocks", blockFields),
    "});",
    "",
  ].join("\n");
}

function renderBlock(
  block: PulledBlock,
  blocks: Map<string, PulledBlock>,
  reaches: (from: string, to: string) => boolean,
): string {
  // A held block that holds this one again (or is this one) is not defined yet when this one is.
  const thunked = new Set(
    block.blockFields
      .flatMap((f) => f.blocks)
      .filter((name) => name === block.name || reaches(name, block.name)),
  );
  const imports = [...new Set(block.blockFields.flatMap((f) => f.blocks))]
    .filter((name) => name !== block.name)
    .map((name) => {
      const held = blocks.get(name)!;
      return { names: [held.identifier], from: `./${held.fileName}.ts` };
    });
  const usesR =
    block.blockFields.length > 0 ||
    block.resourceTypes.some((rt) => rt.kind.kind.kind !== "vlanRange" || rt.kind.list);
  if (block.resourceTypes.some((rt) => rt.kind.kind.kind === "vlanRange")) {
    imports.push({ names: ["vlanRange"], from: `../${SCALAR_KINDS_FILE}` });
  }
  // One note for the fields no subscription has a value of yet (the usual case right after adopting a
  // catalogue), so that the notes that say something stand out.
  const unseen = block.resourceTypes.some((rt) => rt.kind.unseen);
  const fields = [
    ...block.blockFields.map((f) => field(f.attribute, blockFieldNode(f, blocks, thunked))),
    ...(unseen
      ? ["    // Fields without a note: no subscription holds a value of them yet, so they are strings."]
      : []),
    ...block.resourceTypes.flatMap((rt) => [
      ...(rt.kind.unseen ? [] : [`    // ${oneLine(rt.kind.note)}`]),
      field(rt.name, scalarNode(rt.kind, rt.description)),
    ]),
  ];
  return [
    HEADER,
    "// Resource-type kinds are inferred from the values that subscriptions hold (the note above each field).",
    importLines([
      {
        names: [
          ...(thunked.size > 0 ? ["type AnyProductBlock"] : []),
          "defineProductBlock",
          ...(usesR ? ["r"] : []),
        ],
        from: SDK,
      },
      ...imports,
    ]),
    "",
    `export const ${block.identifier} = defineProductBlock({`,
    `  name: ${stringLiteral(block.name)},`,
    `  description: ${stringLiteral(block.description)},`,
    ...(block.tag === undefined ? [] : [`  tag: ${stringLiteral(block.tag)},`]),
    ...objectProperty("fields", fields),
    "});",
    "",
  ].join("\n");
}

/** `name: {` … `},` or, with nothing inside, `name: {},` (Biome collapses an empty object). */
function objectProperty(name: string, lines: string[]): string[] {
  return lines.length === 0 ? [`  ${name}: {},`] : [`  ${name}: {`, ...lines, "  },"];
}

function field(name: string, node: Node): string {
  const key = `${objectKey(name)}: `;
  return `    ${key}${layout(node, 4, key, ",")}`;
}

interface Import {
  names: string[];
  from: string;
}

/** The SDK first, then relative paths in the order Biome's organizeImports keeps. */
function importLines(imports: Import[]): string {
  const [sdk, ...local] = imports;
  const sorted = local.sort((a, b) => compareImportPaths(a.from, b.from));
  return [sdk!, ...sorted].map((i) => `import { ${i.names.join(", ")} } from "${i.from}";`).join("\n");
}

/** Whether a block holds another, directly or through other blocks. */
function reachability(blocks: readonly PulledBlock[]): (from: string, to: string) => boolean {
  const edges = new Map(blocks.map((b) => [b.name, b.blockFields.flatMap((f) => f.blocks)]));
  return (from, to) => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      for (const next of edges.get(stack.pop()!) ?? []) {
        if (next === to) return true;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}
