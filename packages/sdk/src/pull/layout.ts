// Lays out the expressions of pulled files the way Biome prints them at a line width of 110: on one line
// when it fits, otherwise a call's arguments one per line, an array argument hugged (`r.enum([`), and a
// `.describe()` chain on `r` broken before each call. Only the shapes the pull writes are handled.

export const LINE_WIDTH = 110;

export type Node =
  | { kind: "atom"; text: string }
  | { kind: "call"; callee: string; args: Node[] }
  | { kind: "array"; items: string[]; fill: boolean }
  /** `head.first(...).second(...)`: head is an identifier such as `r`. */
  | { kind: "chain"; head: string; calls: Extract<Node, { kind: "call" }>[] };

export const atom = (text: string): Node => ({ kind: "atom", text });
export const call = (callee: string, ...args: Node[]): Extract<Node, { kind: "call" }> => ({
  kind: "call",
  callee,
  args,
});

/** The one-line form. */
export function flat(node: Node): string {
  switch (node.kind) {
    case "atom":
      return node.text;
    case "call":
      return `${node.callee}(${node.args.map(flat).join(", ")})`;
    case "array":
      return `[${node.items.join(", ")}]`;
    case "chain":
      return node.head + node.calls.map((c) => `.${flat(c)}`).join("");
  }
}

/**
 * `node` printed after `prefix` (already on the line, which starts at `indent`) and followed by
 * `suffix` (such as ","): the lines, the first without its prefix.
 */
export function layout(node: Node, indent: number, prefix: string, suffix: string): string {
  const oneLine = flat(node);
  if (indent + prefix.length + oneLine.length + suffix.length <= LINE_WIDTH) return oneLine + suffix;
  const pad = " ".repeat(indent);
  const inner = " ".repeat(indent + 2);
  switch (node.kind) {
    case "atom":
      return oneLine + suffix;
    case "array":
      return `[\n${arrayItems(node, indent + 2)}\n${pad}]${suffix}`;
    case "call": {
      const [only] = node.args;
      if (node.args.length === 1 && only?.kind === "array") {
        return `${node.callee}([\n${arrayItems(only, indent + 2)}\n${pad}])${suffix}`;
      }
      const args = node.args.map((arg) => inner + layout(arg, indent + 2, "", ","));
      return `${node.callee}(\n${args.join("\n")}\n${pad})${suffix}`;
    }
    case "chain": {
      const calls = node.calls.map((c, i) => {
        const last = i === node.calls.length - 1;
        return `${inner}.${layout(c, indent + 2, ".", last ? suffix : "")}`;
      });
      return `${node.head}\n${calls.join("\n")}`;
    }
  }
}

/** Strings one per line; numbers filled several to a line, as Biome prints arrays of numbers. */
function arrayItems(node: Extract<Node, { kind: "array" }>, indent: number): string {
  const pad = " ".repeat(indent);
  if (!node.fill) return node.items.map((item) => `${pad}${item},`).join("\n");
  const lines: string[] = [];
  let line = "";
  for (const item of node.items) {
    const next = line === "" ? `${item},` : `${line} ${item},`;
    if (line !== "" && indent + next.length > LINE_WIDTH) {
      lines.push(pad + line);
      line = `${item},`;
    } else {
      line = next;
    }
  }
  lines.push(pad + line);
  return lines.join("\n");
}
