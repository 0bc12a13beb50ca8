// A change set as a readable tree: one group per kind of thing, `+` create, `-` delete, `~` rename or
// re-point, with what each change does to existing data.
import {
  agree,
  type BlockHolder,
  type ChangeSet,
  type ChangeVisitor,
  plural,
  visitChanges,
} from "@orchestrator/sdk";
import { style } from "./style.ts";

/** The verb that agrees with a count: "1 instance needs", "2 instances need". */
const add = (text: string) => style.green(`+ ${text}`);
const del = (text: string) => style.red(`- ${text}`);
const change = (text: string) => style.yellow(`~ ${text}`);
const impact = (text: string) => (text ? style.dim(` (${text})`) : "");
const holder = (h: BlockHolder) => ("root" in h ? "product root" : `${h.block}.${h.attribute}`);

type Group =
  | "Products"
  | "Fixed inputs"
  | "Product blocks"
  | "Resource types"
  | "Product → product block"
  | "Product block → product block"
  | "Moved product blocks"
  | "Product block → resource type";

/** Groups in the order they are printed. */
const GROUPS: readonly Group[] = [
  "Products",
  "Fixed inputs",
  "Product blocks",
  "Resource types",
  "Product → product block",
  "Product block → product block",
  "Moved product blocks",
  "Product block → resource type",
];

interface Lines {
  group: Group;
  lines: string[];
}

// One entry per change kind (the compiler checks that none is missing), in the order shown within a group.
const TREE: ChangeVisitor<Lines> = {
  createProducts: (c) => ({
    group: "Products",
    lines: [add(`${c.product} ${style.dim(`(product type ${c.productType})`)}`)],
  }),
  renameProducts: (c) => ({
    group: "Products",
    lines: [change(`${c.from} → ${c.to}`) + impact(`${plural(c.subscriptions, "subscription")} kept`)],
  }),
  deleteProducts: (c) => ({
    group: "Products",
    lines: [
      del(c.product) +
        impact(
          c.subscriptions
            ? `${plural(c.subscriptions, "subscription")}, ${plural(c.instances, "instance")}, ${plural(c.values, "value")} deleted`
            : "",
        ),
    ],
  }),
  createFixedInputs: (c) => ({ group: "Fixed inputs", lines: [add(`${c.fixedInput} on ${c.product}`)] }),
  renameFixedInputs: (c) => ({
    group: "Fixed inputs",
    lines: [change(`${c.from} → ${c.to} on ${c.product}`)],
  }),
  deleteFixedInputs: (c) => ({
    group: "Fixed inputs",
    lines: [del(`${c.fixedInput} = ${c.value} on ${c.product}`)],
  }),
  createProductBlocks: (c) => ({ group: "Product blocks", lines: [add(c.block)] }),
  renameProductBlocks: (c) => ({
    group: "Product blocks",
    lines: [change(`${c.from} → ${c.to}`) + impact(`${plural(c.instances, "instance")} kept`)],
  }),
  deleteProductBlocks: (c) => ({
    group: "Product blocks",
    lines: [del(c.block) + impact(c.instances ? `${plural(c.instances, "instance")} deleted` : "")],
  }),
  createResourceTypes: (c) => ({ group: "Resource types", lines: [add(c.resourceType)] }),
  renameResourceTypes: (c) => ({ group: "Resource types", lines: [change(`${c.from} → ${c.to}`)] }),
  deleteResourceTypes: (c) => ({
    group: "Resource types",
    lines: [del(c.resourceType) + impact(c.values ? `${plural(c.values, "value")} deleted` : "")],
  }),
  createProductBlockLinks: (c) => ({
    group: "Product → product block",
    lines: [
      add(`${c.product} → ${c.block}`) +
        impact(
          c.moved
            ? "moved"
            : c.subscriptions
              ? `${plural(c.subscriptions, "subscription")} ${agree(c.subscriptions, "gets", "get")} an instance`
              : "",
        ),
    ],
  }),
  deleteProductBlockLinks: (c) => ({
    group: "Product → product block",
    lines: [del(`${c.product} → ${c.block}`)],
  }),
  createBlockRelations: (c) => ({
    group: "Product block → product block",
    lines: [
      ...(c.existing && c.attributes.length === 0
        ? []
        : [
            add(
              `${c.block} → ${c.dependsOn}${c.attributes.length ? ` via ${c.attributes.join(", ")}` : ""}`,
            ) +
              impact(
                c.moved
                  ? "moved"
                  : c.instances && c.attributes.length
                    ? `${plural(c.instances, "instance")} ${agree(c.instances, "gets", "get")} one`
                    : "",
              ),
          ]),
      // Reported whether or not the fill is confirmed: the impact table says what it creates.
      ...(c.belowMin ?? []).map(
        (l) =>
          add(`${c.block} → ${c.dependsOn} via ${l.attribute}: below its minimum of ${l.min}`) +
          impact(`${plural(l.instances, "instance")} short of ${plural(l.elements, "element")}`),
      ),
    ],
  }),
  deleteBlockRelations: (c) => ({
    group: "Product block → product block",
    lines: [del(`${c.block} → ${c.dependsOn}${c.existing ? ` via ${c.attributes.join(", ")}` : ""}`)],
  }),
  moveProductBlocks: (c) => ({
    group: "Moved product blocks",
    lines: [
      change(`${c.block}: ${holder(c.from)} → ${holder(c.to)} in ${c.products.join(", ")}`) +
        impact(c.instances ? `up to ${plural(c.instances, "instance")} re-parented, data kept` : ""),
    ],
  }),
  createResourceTypeLinks: (c) => ({
    group: "Product block → resource type",
    lines: [
      add(`${c.block}.${c.resourceType}`) +
        impact(
          c.instances
            ? `${plural(c.instances, "instance")} ${agree(c.instances, "needs", "need")} a value`
            : "",
        ),
    ],
  }),
  updateBlockResourceTypes: (c) => ({
    group: "Product block → resource type",
    lines: [
      change(`${c.block}.${c.from} → ${c.to}`) + impact(c.values ? `${plural(c.values, "value")} kept` : ""),
    ],
  }),
  deleteResourceTypeLinks: (c) => ({
    group: "Product block → resource type",
    lines: [
      del(`${c.block}.${c.resourceType}`) + impact(c.values ? `${plural(c.values, "value")} deleted` : ""),
    ],
  }),
};

export function renderChangeTree(changes: ChangeSet): string {
  const visited = visitChanges(changes, TREE);
  return GROUPS.map(
    (title) => [title, visited.filter((v) => v.group === title).flatMap((v) => v.lines)] as const,
  )
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => [style.bold(title), ...lines.map((line) => `  ${line}`)].join("\n"))
    .join("\n");
}
