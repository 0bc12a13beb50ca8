// A change set as a readable tree: one group per kind of thing, `+` create, `-` delete, `~` rename or
// re-point, with what each change does to existing data.
import type { BlockHolder, ChangeSet } from "@orchestrator/sdk";
import { style } from "./style.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const add = (text: string) => style.green(`+ ${text}`);
const del = (text: string) => style.red(`- ${text}`);
const change = (text: string) => style.yellow(`~ ${text}`);
const impact = (text: string) => (text ? style.dim(` (${text})`) : "");
const holder = (h: BlockHolder) => ("root" in h ? "product root" : `${h.block}.${h.attribute}`);

export function renderChangeTree(changes: ChangeSet): string {
  const groups: [string, string[]][] = [
    [
      "Products",
      [
        ...changes.createProducts.map((c) => add(`${c.product} ${style.dim(c.productType)}`)),
        ...changes.renameProducts.map(
          (c) => change(`${c.from} → ${c.to}`) + impact(`${plural(c.subscriptions, "subscription")} kept`),
        ),
        ...changes.deleteProducts.map(
          (c) =>
            del(c.product) +
            impact(
              c.subscriptions
                ? `${plural(c.subscriptions, "subscription")}, ${plural(c.instances, "instance")}, ${plural(c.values, "value")} deleted`
                : "",
            ),
        ),
      ],
    ],
    [
      "Fixed inputs",
      [
        ...changes.createFixedInputs.map((c) => add(`${c.fixedInput} on ${c.product}`)),
        ...changes.renameFixedInputs.map((c) => change(`${c.from} → ${c.to} on ${c.product}`)),
        ...changes.deleteFixedInputs.map((c) => del(`${c.fixedInput} = ${c.value} on ${c.product}`)),
      ],
    ],
    [
      "Product blocks",
      [
        ...changes.createProductBlocks.map((c) => add(c.block)),
        ...changes.renameProductBlocks.map(
          (c) => change(`${c.from} → ${c.to}`) + impact(`${plural(c.instances, "instance")} kept`),
        ),
        ...changes.deleteProductBlocks.map(
          (c) => del(c.block) + impact(c.instances ? `${plural(c.instances, "instance")} deleted` : ""),
        ),
      ],
    ],
    [
      "Resource types",
      [
        ...changes.createResourceTypes.map((c) => add(c.resourceType)),
        ...changes.renameResourceTypes.map((c) => change(`${c.from} → ${c.to}`)),
        ...changes.deleteResourceTypes.map(
          (c) => del(c.resourceType) + impact(c.values ? `${plural(c.values, "value")} deleted` : ""),
        ),
      ],
    ],
    [
      "Product → product block",
      [
        ...changes.createProductBlockLinks.map(
          (c) =>
            add(`${c.product} → ${c.block}`) +
            impact(
              c.moved
                ? "moved"
                : c.subscriptions
                  ? `${plural(c.subscriptions, "subscription")} get an instance`
                  : "",
            ),
        ),
        ...changes.deleteProductBlockLinks.map((c) => del(`${c.product} → ${c.block}`)),
      ],
    ],
    [
      "Product block → product block",
      [
        ...changes.createBlockRelations.flatMap((c) => [
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
                        ? `${plural(c.instances, "instance")} get one`
                        : "",
                  ),
              ]),
          // Reported whether or not the fill is confirmed: the impact table says what it creates.
          ...(c.belowMin ?? []).map(
            (l) =>
              add(`${c.block} → ${c.dependsOn} via ${l.attribute}: below its minimum of ${l.min}`) +
              impact(`${plural(l.instances, "instance")} short of ${plural(l.elements, "element")}`),
          ),
        ]),
        ...changes.deleteBlockRelations.map((c) =>
          del(`${c.block} → ${c.dependsOn}${c.existing ? ` via ${c.attributes.join(", ")}` : ""}`),
        ),
      ],
    ],
    [
      "Moved product blocks",
      (changes.moveProductBlocks ?? []).map(
        (c) =>
          change(`${c.block}: ${holder(c.from)} → ${holder(c.to)} in ${c.products.join(", ")}`) +
          impact(c.instances ? `up to ${plural(c.instances, "instance")} re-parented, data kept` : ""),
      ),
    ],
    [
      "Product block → resource type",
      [
        ...changes.createResourceTypeLinks.map(
          (c) =>
            add(`${c.block}.${c.resourceType}`) +
            impact(c.instances ? `${plural(c.instances, "instance")} need a value` : ""),
        ),
        ...changes.updateBlockResourceTypes.map(
          (c) =>
            change(`${c.block}.${c.from} → ${c.to}`) +
            impact(c.values ? `${plural(c.values, "value")} kept` : ""),
        ),
        ...changes.deleteResourceTypeLinks.map(
          (c) =>
            del(`${c.block}.${c.resourceType}`) +
            impact(c.values ? `${plural(c.values, "value")} deleted` : ""),
        ),
      ],
    ],
  ];
  return groups
    .filter(([, lines]) => lines.length > 0)
    .map(([title, lines]) => [style.bold(title), ...lines.map((line) => `  ${line}`)].join("\n"))
    .join("\n");
}
