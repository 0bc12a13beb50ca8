// Property tests: a database built from a model has no differences with it, and one edit of the model
// yields exactly the changes of that edit's category.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainModel } from "../model/domain-model.ts";
import { arbitraryRawModel, type RawModel, toModel } from "../testing/arbitrary-model.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import { CHANGE_KINDS } from "./change-kinds.ts";
import type { ChangeSet } from "./change-set.ts";
import { isEmptyChangeSet } from "./change-set-summary.ts";
import { diff } from "./diff.ts";

const RUNS = { numRuns: 300 };

/** Category → sorted "subject/target" strings, for every non-empty category. */
function changes(changeSet: ChangeSet): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of CHANGE_KINDS) {
    const entries = changeSet[key] as unknown as Record<string, unknown>[];
    if (entries.length === 0) continue;
    out[key] = entries
      .map((e) =>
        ["product", "block", "resourceType", "fixedInput", "dependsOn"]
          .flatMap((k) => (typeof e[k] === "string" ? [e[k]] : []))
          .join("/"),
      )
      .sort();
  }
  return out;
}

const answers = (model: DomainModel) =>
  fc.record({
    subscriptions: fc.constant(Object.fromEntries(model.products.map((p, i) => [p.name, i % 3]))),
    instances: fc.constant(Object.fromEntries(model.blocks.map((b, i) => [b.name, i % 2]))),
  });

const blockNames = (model: DomainModel) => model.blocks.map((b) => b.name).sort();
const resourceTypeNames = (model: DomainModel) =>
  [...new Set(model.blocks.flatMap((b) => b.resourceTypes.map((rt) => rt.name)))].sort();
const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
const clone = (raw: RawModel): RawModel => structuredClone(raw);

/** Drops empty categories from an expectation. */
function expected(categories: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(categories)
      .filter(([, v]) => v.length > 0)
      .map(([k, v]) => [k, [...v].sort()]),
  );
}

/** Raw block indexes reachable from the registry (the model's blocks). */
function reachable(raw: RawModel): number[] {
  const names = toModel(raw).blocks.map((b) => b.name);
  return raw.blocks.flatMap((b, i) => (names.includes(b.name) ? [i] : []));
}

describe("diff properties", () => {
  it("a database built from the model has no differences", () => {
    fc.assert(
      fc.property(
        arbitraryRawModel.chain((raw) => fc.tuple(fc.constant(toModel(raw)), answers(toModel(raw)))),
        ([model, data]) => {
          const changeSet = diff(model, snapshotFromModel(model, data));
          expect(isEmptyChangeSet(changeSet)).toBe(true);
          expect(changeSet.renameCandidates).toEqual({
            resourceTypes: [],
            blockResourceTypes: [],
            fixedInputs: [],
          });
        },
      ),
      RUNS,
    );
  });

  it("a single edit yields exactly its category", () => {
    const edits = [
      "addResourceType",
      "removeResourceType",
      "addFixedInput",
      "removeFixedInput",
      "addProduct",
      "removeProduct",
      "addBlock",
      "addBlockField",
    ] as const;
    fc.assert(
      fc.property(
        arbitraryRawModel,
        fc.constantFrom(...edits),
        fc.nat(),
        fc.nat(),
        (raw, edit, pick, pick2) => {
          const before = toModel(raw);
          const db = snapshotFromModel(before);
          const next = clone(raw);
          const blocks = reachable(raw);
          const block = raw.blocks[blocks[pick % blocks.length]!]!;
          const type = raw.types[raw.products[pick % raw.products.length]!.type]!;
          const productsOf = (typeName: string) =>
            raw.products.filter((p) => raw.types[p.type]!.name === typeName).map((p) => p.name);
          let want: Record<string, string[]>;
          switch (edit) {
            case "addResourceType": {
              const name =
                pick2 % 2 === 0
                  ? "brand_new"
                  : (resourceTypeNames(before).find((rt) => !block.resourceTypes.includes(rt)) ??
                    "brand_new");
              next.blocks.find((b) => b.name === block.name)!.resourceTypes.push(name);
              want = expected({
                createResourceTypeLinks: [`${block.name}/${name}`],
                createResourceTypes: resourceTypeNames(before).includes(name) ? [] : [name],
              });
              break;
            }
            case "removeResourceType": {
              fc.pre(block.resourceTypes.length > 0);
              const name = block.resourceTypes[pick2 % block.resourceTypes.length]!;
              const b = next.blocks.find((x) => x.name === block.name)!;
              b.resourceTypes = b.resourceTypes.filter((rt) => rt !== name);
              want = expected({
                deleteResourceTypeLinks: [`${block.name}/${name}`],
                deleteResourceTypes: minus(resourceTypeNames(before), resourceTypeNames(toModel(next))),
              });
              break;
            }
            case "addFixedInput": {
              next.types.find((t) => t.name === type.name)!.fixedInputs.push("fi_new");
              want = expected({ createFixedInputs: productsOf(type.name).map((p) => `${p}/fi_new`) });
              break;
            }
            case "removeFixedInput": {
              fc.pre(type.fixedInputs.length > 0);
              const name = type.fixedInputs[pick2 % type.fixedInputs.length]!;
              const t = next.types.find((x) => x.name === type.name)!;
              t.fixedInputs = t.fixedInputs.filter((fi) => fi !== name);
              want = expected({ deleteFixedInputs: productsOf(type.name).map((p) => `${p}/${name}`) });
              break;
            }
            case "addProduct": {
              next.products.push({ name: "P_new", type: raw.types.indexOf(type) });
              const held = [
                ...new Set(type.fields.flatMap((f) => f.targets.map((t) => raw.blocks[t]!.name))),
              ];
              want = expected({
                createProducts: ["P_new"],
                createFixedInputs: type.fixedInputs.map((fi) => `P_new/${fi}`),
                createProductBlockLinks: held.map((b) => `P_new/${b}`),
              });
              break;
            }
            case "removeProduct": {
              const removed = next.products.splice(pick % next.products.length, 1)[0]!;
              const after = toModel(next);
              want = expected({
                deleteProducts: [removed.name],
                deleteProductBlocks: minus(blockNames(before), blockNames(after)),
                deleteResourceTypes: minus(resourceTypeNames(before), resourceTypeNames(after)),
              });
              break;
            }
            case "addBlock": {
              next.blocks.push({ name: "B_new", resourceTypes: ["rt_new"], fields: [] });
              next.blocks
                .find((b) => b.name === block.name)!
                .fields.push({
                  attribute: "f_new",
                  targets: [next.blocks.length - 1],
                  list: false,
                  optional: true,
                });
              want = expected({
                createProductBlocks: ["B_new"],
                createBlockRelations: [`${block.name}/B_new`],
                createResourceTypeLinks: ["B_new/rt_new"],
                createResourceTypes: ["rt_new"],
              });
              break;
            }
            case "addBlockField": {
              const held = new Set(block.fields.flatMap((f) => f.targets));
              const target = blocks.find((i) => !held.has(i));
              fc.pre(target !== undefined);
              next.blocks
                .find((b) => b.name === block.name)!
                .fields.push({ attribute: "f_new", targets: [target!], list: true, optional: false });
              want = expected({ createBlockRelations: [`${block.name}/${raw.blocks[target!]!.name}`] });
              break;
            }
          }
          const changeSet = diff(toModel(next), db);
          expect(changes(changeSet)).toEqual(want);
          expect(changeSet.renameCandidates).toEqual({
            resourceTypes: [],
            blockResourceTypes: [],
            fixedInputs: [],
          });
        },
      ),
      RUNS,
    );
  });
});
