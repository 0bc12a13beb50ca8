// change set × answers → statements (data) → SQL (see docs/design.md, Statement order): renames first (so
// everything after refers to the new names), deletions from the leaves inwards, creations from the roots
// outwards, then the run-time backfills of existing subscriptions. The downgrade reverts what the
// upgrade created, restores what it deleted as far as the change set still knows it, and undoes the
// renames last.
import type { BlockRelation, ChangeSet } from "../diff/change-set.ts";
import { type Answers, own } from "../questions/answers.ts";
import { emptyRestoreRows, pairKey, type RestoreRows } from "../snapshot/read-restore-rows.ts";
import { compileStatement } from "./compile-statement.ts";
import { PlanError } from "./plan-errors.ts";
import type { RestoredIdentity, Statement } from "./statement.ts";

export interface MigrationPlan {
  /** The upgrade as data. */
  statements: Statement[];
  /** The downgrade as data. */
  downgradeStatements: Statement[];
  /** One SQL statement per element. */
  upgrade: string[];
  downgrade: string[];
}

/** Status written for new products and blocks, as the reference does. */
export const NEW_ROW_STATUS = "active";

/**
 * The upgrade and downgrade of a change set, as statements (data) and as SQL, one statement per element.
 * Pure: reads nothing, so the same change set and answers always give the same SQL. The order is described
 * in docs/design.md, "Statement order".
 *
 * @param changeSet - the change set to plan: `ResolvedAnswers.changeSet` (renames applied).
 * @param answers - `ResolvedAnswers.answers`.
 * @param restoreRows - the rows the deletions remove, as read from the database (`Comparison.restoreRows`);
 *   with them the downgrade puts deleted rows back with their ids and timestamps, else by name with new ones.
 * @throws PlanError when an answer the plan needs is missing (resolve them with `resolveAnswers` first).
 */
export function planMigration(
  changeSet: ChangeSet,
  answers: Answers,
  restoreRows: RestoreRows = emptyRestoreRows(),
): MigrationPlan {
  const statements = upgradeStatements(changeSet, answers);
  const downgradeStatements = downgradeStatementsOf(changeSet, restoreRows);
  return {
    statements,
    downgradeStatements,
    upgrade: statements.flatMap(compileStatement),
    downgrade: downgradeStatements.flatMap(compileStatement),
  };
}

function upgradeStatements(cs: ChangeSet, answers: Answers): Statement[] {
  const createdProducts = new Set(cs.createProducts.map((c) => c.product));
  return [
    ...cs.renameProducts.map((r): Statement => ({ kind: "renameProduct", from: r.from, to: r.to })),
    ...cs.renameProductBlocks.map((r): Statement => ({ kind: "renameProductBlock", from: r.from, to: r.to })),
    ...cs.renameResourceTypes.map((r): Statement => ({ kind: "renameResourceType", from: r.from, to: r.to })),
    ...cs.renameFixedInputs.map(
      (r): Statement => ({ kind: "renameFixedInput", ...pick(r, "product", "from", "to") }),
    ),

    // Moves before the deletions: the instances they re-parent are then no longer under the lost holder.
    ...(cs.moveProductBlocks ?? []).map(
      (m): Statement => ({
        kind: "moveBlockInstances",
        ...pick(m, "block", "from", "to", "products"),
        holderMissing: "stop",
      }),
    ),
    ...cs.deleteResourceTypeLinks.map(
      (l): Statement => ({ kind: "deleteResourceTypeLink", ...pick(l, "block", "resourceType") }),
    ),
    ...cs.deleteBlockRelations.map(
      (r): Statement =>
        r.existing
          ? { kind: "deleteNestedInstances", ...pick(r, "block", "dependsOn"), attributes: r.attributes }
          : { kind: "deleteBlockRelation", ...pick(r, "block", "dependsOn") },
    ),
    ...cs.deleteProductBlockLinks.map(
      (l): Statement => ({ kind: "deleteProductBlockLink", ...pick(l, "product", "block") }),
    ),
    ...cs.deleteProductBlocks.map((d): Statement => ({ kind: "deleteProductBlock", block: d.block })),
    ...cs.deleteFixedInputs.map(
      (d): Statement => ({ kind: "deleteFixedInput", ...pick(d, "product", "fixedInput") }),
    ),
    ...cs.deleteProducts.map((d): Statement => ({ kind: "deleteProduct", product: d.product })),

    ...cs.createProducts.map((c): Statement => {
      const a =
        own(answers.products, c.product) ?? missing(`the description and tag of new product '${c.product}'`);
      return {
        kind: "createProduct",
        product: c.product,
        productType: c.productType,
        ...a,
        status: NEW_ROW_STATUS,
      };
    }),
    ...cs.createFixedInputs.map((c): Statement => {
      const value =
        own(own(answers.fixedInputs, c.product), c.fixedInput) ??
        missing(`the value of fixed input '${c.fixedInput}' of product '${c.product}'`);
      return { kind: "createFixedInput", product: c.product, fixedInput: c.fixedInput, value };
    }),
    ...cs.createProductBlocks.map((c): Statement => {
      const a =
        own(answers.blocks, c.block) ?? missing(`the description and tag of new product block '${c.block}'`);
      return { kind: "createProductBlock", block: c.block, ...a, status: NEW_ROW_STATUS };
    }),
    ...cs.createResourceTypes.map((c): Statement => {
      const a =
        own(answers.resourceTypes, c.resourceType) ??
        missing(`the description of new resource type '${c.resourceType}'`);
      return { kind: "createResourceType", resourceType: c.resourceType, description: a.description };
    }),
    ...cs.updateBlockResourceTypes.map(
      (u): Statement => ({ kind: "updateBlockResourceType", ...pick(u, "block", "from", "to") }),
    ),
    // After the updates: the old type of a block-level update is often the one deleted, and deleting it
    // first would cascade away the very link and values the update moves.
    ...cs.deleteResourceTypes.map(
      (d): Statement => ({ kind: "deleteResourceType", resourceType: d.resourceType }),
    ),
    ...cs.createProductBlockLinks.map(
      (l): Statement => ({ kind: "createProductBlockLink", ...pick(l, "product", "block") }),
    ),
    ...cs.createBlockRelations
      .filter((r) => !r.existing)
      .map((r): Statement => ({ kind: "createBlockRelation", ...pick(r, "block", "dependsOn") })),
    ...cs.createResourceTypeLinks.map(
      (l): Statement => ({ kind: "createResourceTypeLink", ...pick(l, "block", "resourceType") }),
    ),

    ...backfillStatements(cs, answers, createdProducts),
  ];
}

/**
 * Instances for existing subscriptions, evaluated at run time (see docs/design.md, Existing
 * subscriptions): root instances first, then
 * nested ones parent before child, so that the nested blocks of a block newly added to existing
 * subscriptions are instantiated too; then the default values, which therefore also reach the
 * instances created just before. A nested backfill is only emitted when its in-use-by block can have
 * instances when the migration runs: it exists already, or an earlier backfill creates some.
 */
function backfillStatements(cs: ChangeSet, answers: Answers, createdProducts: Set<string>): Statement[] {
  const newBlocks = new Set(cs.createProductBlocks.map((c) => c.block));
  const populated = new Set<string>();
  const out: Statement[] = [];
  for (const link of cs.createProductBlockLinks) {
    if (createdProducts.has(link.product)) continue;
    out.push({
      kind: "instantiateRootBlock",
      ...pick(link, "product", "block"),
      count: Math.max(1, link.attributes.length),
      // A moved block's instances are at the root already; only subscriptions without one get one.
      ...(link.moved ? { onlyMissing: true } : {}),
    });
    populated.add(link.block);
    // An existing block's sub-blocks, through the relations it already has, for the new instances only.
    for (const nested of link.nested ?? [])
      out.push({
        kind: "instantiateNestedBlock",
        ...nested,
        within: { product: link.product, root: link.block },
      });
  }
  for (const relation of parentsFirst(cs.createBlockRelations)) {
    if (newBlocks.has(relation.block) && !populated.has(relation.block)) continue;
    for (const attribute of relation.attributes) {
      out.push({ kind: "instantiateNestedBlock", ...pick(relation, "block", "dependsOn"), attribute });
      populated.add(relation.dependsOn);
    }
  }
  // Lists below their minimum, after the instances that may hold them and before the default values
  // that the new elements need too.
  if (answers.fillListsToMin)
    for (const relation of cs.createBlockRelations)
      for (const { attribute, min } of relation.belowMin ?? [])
        out.push({ kind: "fillListToMin", ...pick(relation, "block", "dependsOn"), attribute, min });
  for (const link of cs.createResourceTypeLinks) {
    const values = own(own(answers.defaultValues, link.block), link.resourceType);
    if (values && values.length > 0)
      out.push({ kind: "backfillResourceType", ...pick(link, "block", "resourceType"), values });
  }
  return out;
}

/** Kahn's order over the new relations: A→D after every X→A. Relations on a cycle keep their order, last. */
export function parentsFirst(relations: readonly BlockRelation[]): BlockRelation[] {
  const remaining = [...relations];
  const ordered: BlockRelation[] = [];
  while (remaining.length > 0) {
    const index = remaining.findIndex(
      (r) => !remaining.some((o) => o !== r && o.dependsOn === r.block && o.block !== r.block),
    );
    if (index === -1) return [...ordered, ...remaining];
    ordered.push(...remaining.splice(index, 1));
  }
  return ordered;
}

function downgradeStatementsOf(cs: ChangeSet, rows: RestoreRows): Statement[] {
  const reversed = <T>(items: readonly T[]) => [...items].reverse();
  return [
    // Moved instances go back under their former holder first, before what the upgrade created (and
    // would delete with its instances) is removed.
    ...reversed(cs.moveProductBlocks ?? []).map(
      (m): Statement => ({
        kind: "moveBlockInstances",
        block: m.block,
        from: m.to,
        to: m.from,
        products: m.products,
        holderMissing: "leave",
      }),
    ),
    ...cs.createResourceTypeLinks.map(
      (l): Statement => ({ kind: "deleteResourceTypeLink", ...pick(l, "block", "resourceType") }),
    ),
    // A deleted type comes back before the updates are reversed: they re-point links and values to it.
    ...cs.deleteResourceTypes.map(
      (d): Statement => ({
        kind: "createResourceType",
        resourceType: d.resourceType,
        description: d.description ?? null,
        ...(own(rows.resourceTypes, d.resourceType)
          ? { restoredId: own(rows.resourceTypes, d.resourceType)!.id }
          : {}),
      }),
    ),
    ...cs.updateBlockResourceTypes.map(
      (u): Statement => ({ kind: "updateBlockResourceType", block: u.block, from: u.to, to: u.from }),
    ),
    ...cs.createResourceTypes.map(
      (c): Statement => ({ kind: "deleteResourceType", resourceType: c.resourceType }),
    ),
    ...cs.createProductBlockLinks.map(
      (l): Statement => ({ kind: "deleteProductBlockLink", ...pick(l, "product", "block") }),
    ),
    ...reversed(parentsFirst(cs.createBlockRelations)).flatMap((r): Statement[] => [
      { kind: "deleteNestedInstances", ...pick(r, "block", "dependsOn"), attributes: r.attributes },
      ...(r.existing ? [] : [{ kind: "deleteBlockRelation", ...pick(r, "block", "dependsOn") } as const]),
    ]),
    ...cs.createFixedInputs.map(
      (c): Statement => ({ kind: "deleteFixedInput", ...pick(c, "product", "fixedInput") }),
    ),
    ...cs.createProductBlocks.map((c): Statement => ({ kind: "deleteProductBlock", block: c.block })),
    ...cs.createProducts.map((c): Statement => ({ kind: "deleteProduct", product: c.product })),

    // Restorations: rows first, then the links that refer to them. A deleted product comes back with its
    // fixed inputs and block links, but its subscriptions (deleted with it) cannot; links to rows that
    // did not come back are skipped by the `restore` form.
    ...cs.deleteProductBlocks.map(
      (d): Statement => ({
        kind: "createProductBlock",
        block: d.block,
        description: d.description ?? "",
        tag: d.tag ?? null,
        status: d.status ?? NEW_ROW_STATUS,
        ...restoredIdentity(own(rows.blocks, d.block)),
      }),
    ),
    ...cs.deleteProducts.flatMap(({ product, restore }): Statement[] =>
      restore
        ? [
            {
              kind: "createProduct",
              product,
              ...pick(restore, "productType", "description", "tag", "status"),
              ...(own(rows.products, product)
                ? {
                    restored: {
                      ...pick(own(rows.products, product)!, "id", "createdAt", "endDate"),
                      workflows: own(rows.products, product)!.workflows,
                    },
                  }
                : {}),
            },
          ]
        : [],
    ),
    ...cs.deleteFixedInputs.map(
      (d): Statement => ({
        kind: "createFixedInput",
        ...pick(d, "product", "fixedInput", "value"),
        restore: true,
        ...restoredFixedInput(rows, d.product, d.fixedInput),
      }),
    ),
    ...cs.deleteProducts.flatMap(({ product, restore }) =>
      (restore?.fixedInputs ?? []).map(
        (fi): Statement => ({
          kind: "createFixedInput",
          product,
          fixedInput: fi.name,
          value: fi.value,
          restore: true,
          ...restoredFixedInput(rows, product, fi.name),
        }),
      ),
    ),
    ...cs.deleteProductBlockLinks.map(
      (l): Statement => ({ kind: "createProductBlockLink", ...pick(l, "product", "block"), restore: true }),
    ),
    ...cs.deleteProducts.flatMap(({ product, restore }) =>
      (restore?.blocks ?? []).map(
        (block): Statement => ({ kind: "createProductBlockLink", product, block, restore: true }),
      ),
    ),
    ...cs.deleteBlockRelations
      .filter((r) => !r.existing)
      .map(
        (r): Statement => ({
          kind: "createBlockRelation",
          ...pick(r, "block", "dependsOn"),
          restore: true,
          ...(own(rows.relations, pairKey(r.block, r.dependsOn))
            ? { bounds: own(rows.relations, pairKey(r.block, r.dependsOn))! }
            : {}),
        }),
      ),
    // A deleted block's own relations and resource type links went with it (ON DELETE CASCADE).
    ...cs.deleteProductBlocks.flatMap(({ block }): Statement[] =>
      (own(rows.blocks, block)?.dependsOn ?? []).map((relation) => ({
        kind: "createBlockRelation",
        block,
        dependsOn: relation.dependsOn,
        restore: true,
        bounds: { min: relation.min, max: relation.max },
      })),
    ),
    ...cs.deleteProductBlocks.flatMap(({ block }): Statement[] =>
      (own(rows.blocks, block)?.resourceTypes ?? []).map((resourceType) => ({
        kind: "createResourceTypeLink",
        block,
        resourceType,
        restore: true,
      })),
    ),
    ...cs.deleteResourceTypeLinks.map(
      (l): Statement => ({
        kind: "createResourceTypeLink",
        ...pick(l, "block", "resourceType"),
        restore: true,
      }),
    ),

    ...reversed(cs.renameFixedInputs).map(
      (r): Statement => ({ kind: "renameFixedInput", product: r.product, from: r.to, to: r.from }),
    ),
    ...reversed(cs.renameResourceTypes).map(
      (r): Statement => ({ kind: "renameResourceType", from: r.to, to: r.from }),
    ),
    ...reversed(cs.renameProductBlocks).map(
      (r): Statement => ({ kind: "renameProductBlock", from: r.to, to: r.from }),
    ),
    ...reversed(cs.renameProducts).map((r): Statement => ({ kind: "renameProduct", from: r.to, to: r.from })),
  ];
}

function restoredIdentity(row: RestoreRows["blocks"][string] | undefined): { restored?: RestoredIdentity } {
  return row ? { restored: pick(row, "id", "createdAt", "endDate") } : {};
}

function restoredFixedInput(
  rows: RestoreRows,
  product: string,
  fixedInput: string,
): { restored?: { id: string; createdAt: string } } {
  const row = own(rows.fixedInputs, pairKey(product, fixedInput));
  return row ? { restored: row } : {};
}

function pick<T, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<T, K>;
}

function missing(what: string): never {
  throw PlanError.missingAnswer(what);
}
