// Which DSL kind a pulled resource type or fixed input gets, from the values the database holds, and a
// short note of what was seen, which the pulled file keeps as a comment. Pure: no I/O.
import { plural } from "../plural.ts";
import { compareNames } from "../sort-names.ts";
import type { ValueShapes } from "./catalogue.ts";

export type PulledKind =
  | { kind: "string" | "int" | "bool" | "uuid" | "ipv4" | "ipv6" | "vlanRange" }
  | { kind: "enum"; values: string[]; numeric: boolean };

export interface InferredKind {
  kind: PulledKind;
  list: boolean;
  /** What the inference saw, for the comment above the field. */
  note: string;
  /** No value decided it: the default kind. */
  unseen?: boolean;
}

const INTEGER = /^-?[0-9]+$/;
// Lowercase only: a registry entry writes the value as a boolean, which is stored as "true" or "false".
const BOOLEAN = /^(true|false)$/;

/** A resource type's kind from the shapes of its values; r.string() when nothing decides it. */
export function inferResourceTypeKind(shapes: ValueShapes | undefined): InferredKind {
  if (!shapes || shapes.count === 0) {
    return {
      kind: { kind: "string" },
      list: false,
      note: "no values in subscriptions: a string",
      unseen: true,
    };
  }
  const list = shapes.mostPerInstance > 1;
  const seen = `${plural(shapes.count, "value")}${list ? `, up to ${shapes.mostPerInstance} on one instance` : ""}`;
  const all = (count: number) => count === shapes.count;
  const kinds: [boolean, PulledKind["kind"], string][] = [
    [all(shapes.integers), "int", "all integers"],
    [all(shapes.booleans), "bool", "all true/false"],
    [all(shapes.uuids), "uuid", "all UUIDs"],
    [all(shapes.ipv4), "ipv4", "all IPv4 addresses"],
    [all(shapes.ipv6), "ipv6", "all IPv6 addresses"],
    [all(shapes.vlanRanges), "vlanRange", "all VLAN ranges"],
  ];
  const found = kinds.find(([matches]) => matches);
  if (found) return { kind: { kind: found[1] } as PulledKind, list, note: `${seen}, ${found[2]}` };
  return { kind: { kind: "string" }, list, note: `${seen}, not all of one kind: a string` };
}

/**
 * A fixed input's kind from its value in each product of the type: true/false gives r.bool(); anything
 * else an enum of the values seen (of numbers when every value is an integer), as real models declare
 * fixed inputs (a speed, a node type).
 */
export function inferFixedInputKind(values: readonly string[]): InferredKind {
  const distinct = [...new Set(values)];
  if (distinct.length > 0 && distinct.every((value) => BOOLEAN.test(value))) {
    return {
      kind: { kind: "bool" },
      list: false,
      note: `values in the products: ${distinct.sort(compareNames).join(", ")}`,
    };
  }
  const numeric = distinct.length > 0 && distinct.every((value) => INTEGER.test(value) && isSafe(value));
  const sorted = numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort(compareNames);
  const note = `values in the products: ${sorted.join(", ")}${numeric ? " (all integers)" : ""}`;
  return { kind: { kind: "enum", values: sorted, numeric }, list: false, note };
}

/** An integer that survives the trip through a JavaScript number and back to the same text. */
function isSafe(value: string): boolean {
  return String(Number(value)) === value;
}
