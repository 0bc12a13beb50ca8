import { describe, expect, it } from "vitest";
import type { ValueShapes } from "./catalogue.ts";
import { inferFixedInputKind, inferResourceTypeKind } from "./infer-kind.ts";

const NONE: ValueShapes = {
  count: 4,
  integers: 0,
  booleans: 0,
  uuids: 0,
  ipv4: 0,
  ipv6: 0,
  vlanRanges: 0,
  mostPerInstance: 1,
};

describe("inferResourceTypeKind", () => {
  it("no values: a string, and says so", () => {
    expect(inferResourceTypeKind(undefined)).toEqual({
      kind: { kind: "string" },
      list: false,
      note: "no values in subscriptions: a string",
      unseen: true,
    });
  });

  it.each([
    ["integers", "int", "all integers"],
    ["booleans", "bool", "all true/false"],
    ["uuids", "uuid", "all UUIDs"],
    ["ipv4", "ipv4", "all IPv4 addresses"],
    ["ipv6", "ipv6", "all IPv6 addresses"],
    ["vlanRanges", "vlanRange", "all VLAN ranges"],
  ] as const)("every value among the %s: %s", (shape, kind, seen) => {
    const inferred = inferResourceTypeKind({ ...NONE, [shape]: 4 });
    expect(inferred.kind).toEqual({ kind });
    expect(inferred.note).toBe(`4 values, ${seen}`);
  });

  it("integers are also VLAN ranges: int wins", () => {
    expect(inferResourceTypeKind({ ...NONE, integers: 4, vlanRanges: 4 }).kind).toEqual({ kind: "int" });
  });

  it("one value of another shape makes it a string", () => {
    const inferred = inferResourceTypeKind({ ...NONE, integers: 3 });
    expect(inferred.kind).toEqual({ kind: "string" });
    expect(inferred.note).toBe("4 values, not all of one kind: a string");
  });

  it("several values on one instance make a list", () => {
    const inferred = inferResourceTypeKind({ ...NONE, integers: 4, mostPerInstance: 3 });
    expect(inferred).toMatchObject({ kind: { kind: "int" }, list: true });
    expect(inferred.note).toBe("4 values, up to 3 on one instance, all integers");
  });
});

describe("inferFixedInputKind", () => {
  it("integers: an enum of numbers, in numeric order", () => {
    expect(inferFixedInputKind(["100000", "10000", "10000"]).kind).toEqual({
      kind: "enum",
      values: ["10000", "100000"],
      numeric: true,
    });
  });

  it("integers a JavaScript number would change stay text", () => {
    expect(inferFixedInputKind(["12345678901234567890", "007"]).kind).toMatchObject({ numeric: false });
  });

  it("text: an enum of the values in code-point order", () => {
    expect(inferFixedInputKind(["Nokia", "Cisco", "FRR"]).kind).toEqual({
      kind: "enum",
      values: ["Cisco", "FRR", "Nokia"],
      numeric: false,
    });
  });

  it("lowercase true/false: a boolean; Python's True/False stay an enum (a boolean would store 'true')", () => {
    expect(inferFixedInputKind(["true", "false"]).kind).toEqual({ kind: "bool" });
    expect(inferFixedInputKind(["True"]).kind).toMatchObject({ kind: "enum", values: ["True"] });
  });
});
