// Hovering a name that differs from the database shows what differs and what the database holds for it
// (a block's resource types and instances, a product's fixed inputs and subscriptions), so the user can
// judge the migration without opening a database client.
import { plural, type Snapshot } from "@orchestrator/sdk";
import { type Hover, MarkupKind, type Position } from "vscode-languageserver";
import { type Difference, listDifferences } from "./differences.ts";
import { contains, normalizeUri, toRange, toUri } from "./locations.ts";
import type { WorkspaceState } from "./workspace.ts";

export function hover(uri: string, position: Position, state: WorkspaceState): Hover | null {
  if (state.kind !== "compared") return null;
  const target = normalizeUri(uri);
  const here = listDifferences(state.model, state.comparison.changes).filter(
    (d) => toUri(d.location.file) === target && contains(toRange(d.location), position),
  );
  if (here.length === 0) return null;
  const lines = [...new Set(here.map((d) => `- ${d.message}`))];
  const held = [...new Set(here.map((d) => inDatabase(d, state.comparison.snapshot)))];
  return {
    range: toRange(here[0]!.location),
    contents: {
      kind: MarkupKind.Markdown,
      value: [...lines, "", "**In the database**", "", ...held.map((h) => `- ${h}`)].join("\n"),
    },
  };
}

const code = (names: readonly string[]) =>
  names.length === 0 ? "none" : names.map((n) => `\`${n}\``).join(", ");

/** One line about what the database holds of the difference's subject. */
function inDatabase(difference: Difference, snapshot: Snapshot): string {
  if (difference.block !== undefined) {
    const block = snapshot.blocks.find((b) => b.name === difference.block);
    if (!block) return `Product block \`${difference.block}\`: not in the database`;
    const values = Object.entries(block.valueCounts).map(([name, count]) => `${name}: ${count}`);
    return (
      `Product block \`${block.name}\`: resource types ${code(block.resourceTypes)}; ` +
      `depends on ${code(block.dependsOn.map((d) => d.block))}; ${plural(block.instanceCount, "instance")}` +
      (values.length ? ` (values ${values.join(", ")})` : "")
    );
  }
  if (difference.product !== undefined) {
    const product = snapshot.products.find((p) => p.name === difference.product);
    if (!product) return `Product \`${difference.product}\`: not in the database`;
    const fixedInputs = product.fixedInputs.map((f) => `${f.name} = ${f.value}`);
    return (
      `Product \`${product.name}\` (type \`${product.productType}\`, tag \`${product.tag}\`, ${product.status}): ` +
      `fixed inputs ${code(fixedInputs)}; product blocks ${code(product.blocks)}; ${plural(product.subscriptionCount, "subscription")}`
    );
  }
  if (difference.resourceType !== undefined) {
    const type = snapshot.resourceTypes.find((r) => r.name === difference.resourceType);
    if (!type) return `Resource type \`${difference.resourceType}\`: not in the database`;
    return `Resource type \`${type.name}\`${type.description ? ` (${type.description})` : ""}: ${plural(type.valueCount, "value")}`;
  }
  return "nothing about this definition";
}
