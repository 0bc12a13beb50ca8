// What each change does to existing data, for the table a front end shows before asking to confirm.
// Counts come from the change set, i.e. the database the diff read; the migration itself decides at run
// time, so on another database the numbers may differ (`estimate` marks counts decided at run time:
// instances created under instances that this same migration creates first are counted, but a cycle of
// new relations only one level deep; or lower bounds: instances deleted with the nested instances only
// they use). Created instances are listed as deletions are: a migration creates none that this table
// does not count. A count the diff did not read is `unknown`, never shown as nothing.

import { visitChanges } from "../diff/change-kinds.ts";
import type { BlockHolder, ChangeSet, DeletedRows } from "../diff/change-set.ts";
import { describeInUseBy } from "../diff/in-use-by.ts";
import { nestedInstanceTotal, rootInstancesPerSubscription } from "../diff/new-link-instances.ts";
import { agree } from "../plural.ts";
import { type Answers, own } from "../questions/answers.ts";

export interface ImpactCounts {
  created: number;
  changed: number;
  deleted: number;
  /** The change touches these rows but they were not counted: a front end shows "unknown", not 0. */
  unknown?: boolean;
}

export interface Impact {
  /** What changes, in the domain's words, e.g. "delete product User internal". */
  change: string;
  subscriptions: ImpactCounts;
  instances: ImpactCounts;
  values: ImpactCounts;
  estimate?: boolean;
}

const none = (): ImpactCounts => ({ created: 0, changed: 0, deleted: 0 });

function impact(
  change: string,
  counts: Partial<Record<"subscriptions" | "instances" | "values", Partial<ImpactCounts>>>,
): Impact {
  return {
    change,
    subscriptions: { ...none(), ...counts.subscriptions },
    instances: { ...none(), ...counts.instances },
    values: { ...none(), ...counts.values },
  };
}

/** The halves of a move re-parent instances; the move's own line counts them. */
const notMoved = (entry: { moved?: boolean }): boolean => entry.moved !== true;

const holderName = (holder: BlockHolder): string => ("root" in holder ? "the product root" : holder.block);

/**
 * The values of deleted instances go with them (ON DELETE CASCADE) but are not counted per instance
 * set: unknown when any instance is deleted, none otherwise.
 */
const valuesOfDeleted = (instances: number): Partial<ImpactCounts> =>
  instances > 0 ? { unknown: true } : {};

/**
 * A deletion of instances: the rows counted in the database when the change set was read from one
 * (`deleted`); otherwise the instances the metadata counts, a lower bound (nested ones go too), and
 * values unknown.
 */
function deletion(change: string, deleted: DeletedRows | undefined, lowerBound: number): Impact {
  if (deleted)
    return impact(change, { instances: { deleted: deleted.instances }, values: { deleted: deleted.values } });
  return {
    ...impact(change, { instances: { deleted: lowerBound }, values: valuesOfDeleted(lowerBound) }),
    ...(lowerBound > 0 ? { estimate: true } : {}),
  };
}

/** Changes that touch existing subscriptions, instances or values; metadata-only changes are left out. */
export function countImpact(cs: ChangeSet, answers: Answers): Impact[] {
  const createdProducts = new Set(cs.createProducts.map((c) => c.product));
  const none = (): Impact[] => [];
  // One entry per change kind (the compiler checks that none is missing), in the order the table shows them.
  const out = visitChanges<Impact[]>(cs, {
    renameProducts: (r) => [
      impact(`rename product ${r.from} to ${r.to}`, { subscriptions: { changed: r.subscriptions } }),
    ],
    renameProductBlocks: (r) => [
      impact(`rename product block ${r.from} to ${r.to}`, { instances: { changed: r.instances } }),
    ],
    updateBlockResourceTypes: (u) => [
      impact(`move ${u.block} from resource type ${u.from} to ${u.to}`, { values: { changed: u.values } }),
    ],
    deleteResourceTypeLinks: (l) => [
      impact(`remove resource type ${l.resourceType} from ${l.block}`, { values: { deleted: l.values } }),
    ],
    moveProductBlocks: (m) => [
      {
        ...impact(`move ${m.block} from ${holderName(m.from)} to ${holderName(m.to)}`, {
          instances: { changed: m.instances },
        }),
        // At most the block's instances: those under the old holder in the products' subscriptions move.
        estimate: true,
      },
    ],
    deleteBlockRelations: (r) =>
      notMoved(r)
        ? [
            deletion(
              `remove ${r.dependsOn} from ${r.block}`,
              r.deleted,
              r.instances * Math.max(1, r.attributes.length),
            ),
          ]
        : [],
    deleteProductBlockLinks: (l) =>
      notMoved(l)
        ? [deletion(`remove ${l.block} from product ${l.product}`, l.deleted, l.subscriptions)]
        : [],
    deleteResourceTypes: (d) => [
      impact(`delete resource type ${d.resourceType}`, { values: { deleted: d.values } }),
    ],
    deleteProductBlocks: (d) => [deletion(`delete product block ${d.block}`, d.deleted, d.instances)],
    deleteProducts: (d) => [
      impact(`delete product ${d.product}`, {
        subscriptions: { deleted: d.subscriptions },
        instances: { deleted: d.instances },
        values: { deleted: d.values },
      }),
      // Their own instances and values stay; the relations to the deleted product's instances go.
      ...(d.inUseBy
        ? [
            impact(
              `${describeInUseBy(d.inUseBy)} ${agree(d.inUseBy.subscriptions, "loses", "lose")} what ${agree(d.inUseBy.subscriptions, "it uses", "they use")} of ${d.product}`,
              { subscriptions: { changed: d.inUseBy.subscriptions } },
            ),
          ]
        : []),
    ],
    createProductBlockLinks: (l) =>
      createdProducts.has(l.product) || !notMoved(l)
        ? []
        : [
            impact(`add ${l.block} to product ${l.product}`, {
              // Root instances, and one of each required sub-block under each (single-block fields).
              instances: {
                created:
                  l.subscriptions *
                  rootInstancesPerSubscription(l) *
                  (1 + nestedInstanceTotal(l.block, l.nested ?? [])),
              },
            }),
          ],
    createBlockRelations: (r) => [
      ...(notMoved(r)
        ? [
            {
              ...impact(`add ${r.dependsOn} to ${r.block}`, {
                instances: { created: (r.instancesAtMigration ?? r.instances) * r.attributes.length },
              }),
              estimate: true,
            },
          ]
        : []),
      // Filled only when confirmed; otherwise the lists stay short and nothing is created.
      ...(r.belowMin ?? []).map((list) => ({
        ...impact(`fill ${r.block}.${list.attribute} up to ${list.min} ${r.dependsOn}`, {
          instances: { created: answers.fillListsToMin ? list.elements : 0 },
        }),
        estimate: true,
      })),
    ],
    createResourceTypeLinks: (l) => {
      const values = own(own(answers.defaultValues, l.block), l.resourceType) ?? [];
      return [
        impact(`add resource type ${l.resourceType} to ${l.block}`, {
          values: { created: l.instances * values.length },
        }),
      ];
    },
    // Metadata only: no subscription, instance or value changes.
    createProducts: none,
    createFixedInputs: none,
    deleteFixedInputs: none,
    renameFixedInputs: none,
    createResourceTypes: none,
    renameResourceTypes: none,
    createProductBlocks: none,
  }).flat();
  return out.filter((i) =>
    [i.subscriptions, i.instances, i.values].some((c) => c.unknown || c.created + c.changed + c.deleted > 0),
  );
}
