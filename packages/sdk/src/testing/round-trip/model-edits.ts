// Test helper: one random edit of a raw model (arbitrary-model.ts), as plain data so fast-check prints
// it readably, and a text rendering of models so a failing run shows what the edit changed.
import fc from "fast-check";
import type { DomainModel, ModelBlockField } from "../../model/domain-model.ts";
import { type RawField, type RawModel, RT_POOL, toModel } from "../arbitrary-model.ts";

/** `holder` is a block (B…) or a product type (T…): where a block field is added or removed. */
export type Edit =
  | { kind: "addResourceType"; block: string; resourceType: string }
  | { kind: "removeResourceType"; block: string; resourceType: string }
  | { kind: "renameResourceType"; from: string; to: string }
  /** One block loses `from` and gains `to`: a per-block update, or a global rename. */
  | { kind: "swapResourceType"; block: string; from: string; to: string }
  | { kind: "addFixedInput"; productType: string; fixedInput: string }
  | { kind: "removeFixedInput"; productType: string; fixedInput: string }
  | { kind: "renameFixedInput"; productType: string; from: string; to: string }
  /**
   * Renames in the reference's order at once: `from` becomes r_renamed in every block but `block`, which
   * gets r_swapped (a global rename, then a per-block update of the renamed type), and optionally a fixed
   * input of `productType` becomes fi_renamed.
   */
  | { kind: "mixedRenames"; from: string; block: string; productType?: string; fixedInput?: string }
  | { kind: "addProduct"; product: string; productType: string }
  | { kind: "removeProduct"; product: string }
  | {
      kind: "addBlock";
      holder: string;
      block: string;
      resourceTypes: string[];
      holds?: string;
      list: boolean;
    }
  | { kind: "addBlockField"; holder: string; target: string; list: boolean }
  | { kind: "removeBlockField"; holder: string; attribute: string }
  /** A block field leaves one holder for another (a block or a product type): a move of its blocks. */
  | { kind: "moveBlockField"; from: string; attribute: string; to: string };

/**
 * Whether the edit deletes something: a declined rename is a delete plus a create, and a swap to a name
 * the database has leaves the old resource type unused (its row is deleted; its values moved).
 */
export function editDeletes(
  edit: Edit,
  acceptRenames: boolean,
  before: DomainModel,
  after: DomainModel,
): boolean {
  if (edit.kind === "renameResourceType" || edit.kind === "renameFixedInput" || edit.kind === "mixedRenames")
    return !acceptRenames;
  if (edit.kind === "swapResourceType") {
    const used = (model: DomainModel, name: string) =>
      model.blocks.some((b) => b.resourceTypes.some((rt) => rt.name === name));
    return !acceptRenames || (!used(after, edit.from) && used(before, edit.to));
  }
  // A move that the diff cannot infer is a delete plus a create; one it infers deletes nothing (the
  // round trip checks that against the change set).
  return edit.kind.startsWith("remove") || edit.kind === "moveBlockField";
}

export function arbitraryEdit(raw: RawModel): fc.Arbitrary<Edit> {
  const model = toModel(raw);
  const blocks = model.blocks.map((b) => b.name);
  const types = Object.keys(model.productTypes);
  const holders = [...blocks, ...types];
  const rtPairs = model.blocks.flatMap((b) => b.resourceTypes.map((rt) => [b.name, rt.name] as const));
  const rts = [...new Set(rtPairs.map(([, rt]) => rt))];
  const fiPairs = types.flatMap((t) => model.productTypes[t]!.fixedInputs.map((fi) => [t, fi.name] as const));
  const fieldPairs = holders.flatMap((h) => fieldsOf(model, h).map((f) => [h, f.attribute] as const));

  const options: fc.Arbitrary<Edit>[] = [
    fc.constantFrom(...blocks).chain((block) => {
      const own = model.blocks.find((b) => b.name === block)!.resourceTypes.map((rt) => rt.name);
      return fc
        .constantFrom("r_new", ...RT_POOL.filter((rt) => !own.includes(rt)))
        .map((resourceType): Edit => ({ kind: "addResourceType", block, resourceType }));
    }),
    fc
      .constantFrom(...types)
      .map((productType): Edit => ({ kind: "addFixedInput", productType, fixedInput: "fi_new" })),
    fc
      .constantFrom(...types)
      .map((productType): Edit => ({ kind: "addProduct", product: "P_new", productType })),
    fc
      .constantFrom(...model.products.map((p) => p.name))
      .map((product): Edit => ({ kind: "removeProduct", product })),
    fc
      .record({
        holder: fc.constantFrom(...holders),
        resourceTypes: fc.subarray(["r_new", ...RT_POOL.slice(0, 2)], { minLength: 1 }),
        holds: fc.option(fc.constantFrom(...blocks), { nil: undefined }),
        list: fc.boolean(),
      })
      .map(
        ({ holds, ...rest }): Edit => ({
          kind: "addBlock",
          block: "B_new",
          ...rest,
          ...(holds === undefined ? {} : { holds }),
        }),
      ),
    fc
      .record({ holder: fc.constantFrom(...holders), target: fc.constantFrom(...blocks), list: fc.boolean() })
      .map((r): Edit => ({ kind: "addBlockField", ...r })),
  ];
  if (rtPairs.length > 0) {
    options.push(
      fc
        .constantFrom(...rtPairs)
        .map(([block, resourceType]): Edit => ({ kind: "removeResourceType", block, resourceType })),
      fc.constantFrom(...rts).map((from): Edit => ({ kind: "renameResourceType", from, to: "r_renamed" })),
      fc.constantFrom(...rtPairs).chain(([block, from]) => {
        const own = model.blocks.find((b) => b.name === block)!.resourceTypes.map((rt) => rt.name);
        return fc
          .constantFrom("r_new", ...RT_POOL.filter((rt) => !own.includes(rt)))
          .map((to): Edit => ({ kind: "swapResourceType", block, from, to }));
      }),
    );
  }
  if (rtPairs.length > 0) {
    const fixedInput =
      fiPairs.length === 0
        ? fc.constant(undefined)
        : fc.option(fc.constantFrom(...fiPairs), { nil: undefined });
    options.push(
      fc.tuple(fc.constantFrom(...rtPairs), fixedInput).map(
        ([[block, from], fi]): Edit => ({
          kind: "mixedRenames",
          from,
          block,
          ...(fi === undefined ? {} : { productType: fi[0], fixedInput: fi[1] }),
        }),
      ),
    );
  }
  if (fiPairs.length > 0) {
    options.push(
      fc
        .constantFrom(...fiPairs)
        .map(([productType, fixedInput]): Edit => ({ kind: "removeFixedInput", productType, fixedInput })),
      fc
        .constantFrom(...fiPairs)
        .map(
          ([productType, from]): Edit => ({ kind: "renameFixedInput", productType, from, to: "fi_renamed" }),
        ),
    );
  }
  if (fieldPairs.length > 0) {
    options.push(
      fc
        .constantFrom(...fieldPairs)
        .map(([holder, attribute]): Edit => ({ kind: "removeBlockField", holder, attribute })),
      fc
        .tuple(fc.constantFrom(...fieldPairs), fc.constantFrom(...holders))
        .filter(([[from], to]) => from !== to)
        .map(([[from, attribute], to]): Edit => ({ kind: "moveBlockField", from, attribute, to })),
    );
  }
  return fc.oneof(...options);
}

function fieldsOf(model: DomainModel, holder: string): ModelBlockField[] {
  return (
    model.blocks.find((b) => b.name === holder)?.blockFields ?? model.productTypes[holder]?.blockFields ?? []
  );
}

export function applyEdit(raw: RawModel, edit: Edit): RawModel {
  const next: RawModel = structuredClone(raw);
  const block = (name: string) => next.blocks.find((b) => b.name === name)!;
  const type = (name: string) => next.types.find((t) => t.name === name)!;
  const holderFields = (name: string): RawField[] =>
    name.startsWith("T") ? type(name).fields : block(name).fields;
  const blockIndex = (name: string) => next.blocks.findIndex((b) => b.name === name);
  switch (edit.kind) {
    case "addResourceType":
      block(edit.block).resourceTypes.push(edit.resourceType);
      break;
    case "removeResourceType": {
      const b = block(edit.block);
      b.resourceTypes = b.resourceTypes.filter((rt) => rt !== edit.resourceType);
      break;
    }
    case "renameResourceType":
      for (const b of next.blocks)
        b.resourceTypes = b.resourceTypes.map((rt) => (rt === edit.from ? edit.to : rt));
      break;
    case "mixedRenames": {
      for (const b of next.blocks) {
        const to = b.name === edit.block ? "r_swapped" : "r_renamed";
        b.resourceTypes = b.resourceTypes.map((rt) => (rt === edit.from ? to : rt));
      }
      if (edit.productType !== undefined) {
        const t = type(edit.productType);
        t.fixedInputs = t.fixedInputs.map((fi) => (fi === edit.fixedInput ? "fi_renamed" : fi));
      }
      break;
    }
    case "swapResourceType": {
      const b = block(edit.block);
      b.resourceTypes = b.resourceTypes.map((rt) => (rt === edit.from ? edit.to : rt));
      break;
    }
    case "addFixedInput":
      type(edit.productType).fixedInputs.push(edit.fixedInput);
      break;
    case "removeFixedInput": {
      const t = type(edit.productType);
      t.fixedInputs = t.fixedInputs.filter((fi) => fi !== edit.fixedInput);
      break;
    }
    case "renameFixedInput": {
      const t = type(edit.productType);
      t.fixedInputs = t.fixedInputs.map((fi) => (fi === edit.from ? edit.to : fi));
      break;
    }
    case "addProduct":
      next.products.push({ name: edit.product, type: next.types.indexOf(type(edit.productType)) });
      break;
    case "removeProduct":
      next.products = next.products.filter((p) => p.name !== edit.product);
      break;
    case "addBlock": {
      const fields: RawField[] =
        edit.holds === undefined
          ? []
          : [{ attribute: "f0", targets: [blockIndex(edit.holds)], list: false, optional: false }];
      next.blocks.push({ name: edit.block, resourceTypes: [...edit.resourceTypes], fields });
      holderFields(edit.holder).push({
        attribute: "f_new",
        targets: [next.blocks.length - 1],
        list: edit.list,
        optional: false,
      });
      break;
    }
    case "addBlockField":
      holderFields(edit.holder).push({
        attribute: "f_new",
        targets: [blockIndex(edit.target)],
        list: edit.list,
        optional: false,
      });
      break;
    case "removeBlockField": {
      const fields = holderFields(edit.holder);
      fields.splice(
        fields.findIndex((f) => f.attribute === edit.attribute),
        1,
      );
      break;
    }
    case "moveBlockField": {
      const fields = holderFields(edit.from);
      const [moved] = fields.splice(
        fields.findIndex((f) => f.attribute === edit.attribute),
        1,
      );
      holderFields(edit.to).push({ ...moved!, attribute: "f_moved" });
      break;
    }
  }
  return next;
}

/** One line per product, product type and block: what a reader needs to follow a failing run. */
export function describeModel(model: DomainModel): string[] {
  const field = (f: ModelBlockField) =>
    `${f.attribute}: ${f.blocks.join(" | ")}${f.list ? "[]" : ""}${f.optional ? "?" : ""}`;
  return [
    ...model.products.map((p) => `product ${p.name}: ${p.productType}`),
    ...Object.values(model.productTypes).map(
      (t) =>
        `type ${t.name}: fixed inputs [${t.fixedInputs.map((fi) => fi.name).join(", ")}] fields {${t.blockFields.map(field).join("; ")}}`,
    ),
    ...model.blocks.map(
      (b) =>
        `block ${b.name}: resource types [${b.resourceTypes.map((rt) => rt.name).join(", ")}] fields {${b.blockFields.map(field).join("; ")}}`,
    ),
  ];
}

/** The model before, with `-`/`+` lines for what the edit removed and added. */
export function modelDiffText(before: DomainModel, after: DomainModel): string {
  const a = describeModel(before);
  const b = describeModel(after);
  return [
    ...a.map((line) => (b.includes(line) ? `  ${line}` : `- ${line}`)),
    ...b.filter((line) => !a.includes(line)).map((line) => `+ ${line}`),
  ].join("\n");
}
