// Catalogue → PulledModel: which files declare which blocks and product types, under which names, with
// which fields. Pure: no I/O, and the same catalogue always gives the same model (everything sorted).

import { groupBy } from "../group-by.ts";
import { FIELD_NAME_PATTERN } from "../model/model-errors.ts";
import type { SnapshotBlock } from "../snapshot/snapshot.ts";
import { compareNames } from "../sort-names.ts";
import type { Catalogue, HeldRelation } from "./catalogue.ts";
import { inferFixedInputKind, inferResourceTypeKind } from "./infer-kind.ts";
import { PullError } from "./pull-errors.ts";
import type {
  PulledBlock,
  PulledBlockField,
  PulledModel,
  PulledProduct,
  PulledProductType,
} from "./pulled-model.ts";
import { pascalCase, snakeCase, unique } from "./source-text.ts";

/** Names the rendered files use themselves; a pulled identifier never takes one. */
const RESERVED_IDENTIFIERS = [
  "r",
  "defineProductBlock",
  "defineProductType",
  "defineRegistry",
  "defineScalarKind",
  "vlanRange",
  "SUBSCRIPTION_MODEL_REGISTRY",
];

export function planPull(catalogue: Catalogue): PulledModel {
  const { snapshot } = catalogue;
  if (snapshot.products.length === 0) throw PullError.nothingToPull();
  checkFieldNames(catalogue);
  const blockByName = new Map(snapshot.blocks.map((b) => [b.name, b]));
  const descriptions = new Map(snapshot.resourceTypes.map((rt) => [rt.name, rt.description]));
  const heldBy = groupBy(catalogue.relations, (r) => r.block);
  const reachable = reachableBlocks(
    snapshot.products.flatMap((p) => p.blocks),
    blockByName,
  );

  const identifiers = new Set(RESERVED_IDENTIFIERS.map((name) => name.toLowerCase()));
  const blockFiles = new Set<string>();
  const blocks = snapshot.blocks
    .filter((b) => reachable.has(b.name))
    .map((block): PulledBlock => {
      const base = pascalCase(block.name, "Block");
      return {
        name: block.name,
        identifier: unique(base.endsWith("Block") ? base : `${base}Block`, identifiers),
        fileName: unique(snakeCase(block.name, "block"), blockFiles, "_"),
        description: block.description,
        ...(block.tag === null ? {} : { tag: block.tag }),
        blockFields: blockFields(block, heldBy.get(block.name) ?? []),
        resourceTypes: block.resourceTypes.map((name) => {
          const description = descriptions.get(name);
          return {
            name,
            kind: inferResourceTypeKind(catalogue.values[name]),
            ...(description === null || description === undefined ? {} : { description }),
          };
        }),
      };
    });

  const typeFiles = new Set<string>();
  const productsOfType = groupBy(snapshot.products, (p) => p.productType);
  const typeNames = [...productsOfType.keys()].sort(compareNames);
  const productTypes = typeNames.map((name): PulledProductType => {
    const products = productsOfType.get(name)!;
    const fixedInputNames = [...new Set(products.flatMap((p) => p.fixedInputs.map((fi) => fi.name)))].sort(
      compareNames,
    );
    const rootBlocks = [...new Set(products.flatMap((p) => p.blocks))].sort(compareNames);
    const taken = new Set(fixedInputNames);
    return {
      name,
      identifier: unique(pascalCase(name, "Type"), identifiers),
      fileName: unique(snakeCase(name, "type"), typeFiles, "_"),
      fixedInputs: fixedInputNames.map((fixedInput) => ({
        name: fixedInput,
        kind: inferFixedInputKind(
          products.flatMap((p) => p.fixedInputs.filter((fi) => fi.name === fixedInput).map((fi) => fi.value)),
        ),
      })),
      // orchestrator-core keeps no attribute name for a subscription's root blocks: named after the block.
      blockFields: rootBlocks.map((block) => ({
        attribute: unique(snakeCase(block, "block"), taken, "_"),
        blocks: [block],
        list: false,
      })),
    };
  });

  const products = snapshot.products.map(
    (p): PulledProduct => ({
      name: p.name,
      productType: p.productType,
      description: p.description,
      tag: p.tag,
      fixedInputs: p.fixedInputs.map(({ name, value }) => ({ name, value })),
    }),
  );
  const linked = new Set(blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name)));
  return {
    blocks,
    productTypes,
    products,
    unreachable: {
      blocks: snapshot.blocks.filter((b) => !reachable.has(b.name)).map((b) => b.name),
      resourceTypes: snapshot.resourceTypes.filter((rt) => !linked.has(rt.name)).map((rt) => rt.name),
    },
  };
}

/**
 * One field per attribute that subscriptions show for a depends-on relation (several blocks under one
 * attribute: a union; more than one instance held at once: a list), and one named after the block for
 * each relation that no subscription uses yet.
 */
function blockFields(block: SnapshotBlock, relations: readonly HeldRelation[]): PulledBlockField[] {
  const held = relations.filter((r) => block.dependsOn.some((d) => d.block === r.dependsOn));
  const byAttribute = new Map<string, { blocks: Set<string>; mostHeld: number }>();
  for (const relation of held) {
    const attribute = FIELD_NAME_PATTERN.test(relation.attribute)
      ? relation.attribute
      : snakeCase(relation.attribute, "block");
    const entry = byAttribute.get(attribute) ?? { blocks: new Set<string>(), mostHeld: 0 };
    entry.blocks.add(relation.dependsOn);
    entry.mostHeld = Math.max(entry.mostHeld, relation.mostHeld);
    byAttribute.set(attribute, entry);
  }
  const taken = new Set([...block.resourceTypes, ...byAttribute.keys()]);
  for (const { block: dependsOn } of block.dependsOn) {
    if (held.some((r) => r.dependsOn === dependsOn)) continue;
    byAttribute.set(unique(snakeCase(dependsOn, "block"), taken, "_"), {
      blocks: new Set([dependsOn]),
      mostHeld: 1,
    });
  }
  return [...byAttribute]
    .map(([attribute, { blocks, mostHeld }]) => ({
      attribute,
      blocks: [...blocks].sort(compareNames),
      list: mostHeld > 1,
    }))
    .sort((a, b) => compareNames(a.attribute, b.attribute));
}

function reachableBlocks(roots: string[], blockByName: Map<string, SnapshotBlock>): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !blockByName.has(name)) return;
    seen.add(name);
    for (const d of blockByName.get(name)!.dependsOn) visit(d.block);
  };
  for (const root of roots) visit(root);
  return seen;
}

/** Resource types and fixed inputs become object keys that the DSL checks: refuse names it would refuse. */
function checkFieldNames({ snapshot }: Catalogue): void {
  const invalid = (name: string) => !FIELD_NAME_PATTERN.test(name);
  const linked = new Set(snapshot.blocks.flatMap((b) => b.resourceTypes));
  const names = [
    ...[...linked].filter(invalid).map((name) => ({ what: "resource type", name })),
    ...[...new Set(snapshot.products.flatMap((p) => p.fixedInputs.map((fi) => fi.name)))]
      .filter(invalid)
      .map((name) => ({ what: "fixed input", name })),
  ];
  if (names.length > 0) throw PullError.unrepresentableNames(names);
}
