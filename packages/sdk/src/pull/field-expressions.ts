// The expression of each pulled field, as layout nodes: `r.int().describe("…")`, `r.list(r.block(B))`,
// `r.enum([10000, 100000])`, and the literal a registry entry gives a fixed input. Pure.
import type { InferredKind } from "./infer-kind.ts";
import { atom, call, type Node } from "./layout.ts";
import type { PulledBlock, PulledBlockField } from "./pulled-model.ts";
import { stringLiteral } from "./source-text.ts";

export function scalarNode(inferred: InferredKind, description?: string): Node {
  const { kind } = inferred;
  const base =
    kind.kind === "enum"
      ? call("r.enum", {
          kind: "array",
          items: kind.values.map((v) => (kind.numeric ? v : stringLiteral(v))),
          fill: kind.numeric,
        })
      : kind.kind === "vlanRange"
        ? call("vlanRange")
        : call(`r.${kind.kind}`);
  const value = inferred.list ? call("r.list", base) : base;
  if (description === undefined) return value;
  const describe = call("describe", atom(stringLiteral(description)));
  if (value.kind === "call" && value.callee.startsWith("r.")) {
    return { kind: "chain", head: "r", calls: [{ ...value, callee: value.callee.slice(2) }, describe] };
  }
  return call(`${(value as { callee: string }).callee}().describe`, describe.args[0]!);
}

export function blockFieldNode(
  f: PulledBlockField,
  blocks: Map<string, PulledBlock>,
  thunked: Set<string>,
): Node {
  const refs = f.blocks.map((name) => {
    const identifier = blocks.get(name)!.identifier;
    // A block that (indirectly) holds itself is defined later or in a module still loading: refer lazily,
    // with the return type written out, or TypeScript cannot infer the block's type from itself.
    return atom(thunked.has(name) ? `(): AnyProductBlock => ${identifier}` : identifier);
  });
  const held = refs.length === 1 ? call("r.block", refs[0]!) : call("r.union", ...refs);
  const field = f.list ? call("r.list", held) : held;
  if (!f.blocks.some((name) => thunked.has(name))) return field;
  // A cycle of required block fields could never be instantiated (the DSL refuses it): the field that
  // closes the cycle is optional.
  return { kind: "chain", head: "r", calls: [{ ...field, callee: field.callee.slice(2) }, call("optional")] };
}

export function fixedInputLiteral(kind: InferredKind, value: string): string {
  if (kind.kind.kind === "bool") return value;
  if (kind.kind.kind === "enum" && kind.kind.numeric) return value;
  return stringLiteral(value);
}
