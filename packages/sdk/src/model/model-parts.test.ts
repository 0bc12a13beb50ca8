import { describe, expect, it } from "vitest";
import type { DomainModel } from "./domain-model.ts";
import { ModelDecoder, ModelEncoder } from "./model-parts.ts";

const at = { file: "/m.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };
const block = (name: string, field: string) => ({
  name,
  resourceTypes: [{ name: field, spec: { kind: "string" as const, list: false }, location: at }],
  blockFields: [],
  location: at,
});
const model = (fieldOfB: string): DomainModel => ({
  products: [{ name: "P", productType: "T", fixedInputValues: {}, location: at }],
  productTypes: { T: { name: "T", fixedInputs: [], blockFields: [], location: at } },
  blocks: [block("A", "a"), block("B", fieldOfB), block("C", "c")],
  registryLocation: at,
});

describe("a model handed over in parts", () => {
  it("arrives whole, and a second time with only the changed parts' text and the others reused", () => {
    const encoder = new ModelEncoder();
    const decoder = new ModelDecoder();
    const first = encoder.encode(model("b"));
    expect(Object.keys(first.added)).toHaveLength(5);
    const decodedFirst = decoder.decode(structuredClone(first));
    expect(decodedFirst).toEqual(model("b"));

    const second = encoder.encode(model("b2"));
    expect(Object.values(second.added)).toEqual([JSON.stringify(block("B", "b2"))]);
    const decodedSecond = decoder.decode(structuredClone(second));
    expect(decodedSecond).toEqual(model("b2"));
    expect(decodedSecond.blocks[0]).toBe(decodedFirst.blocks[0]);
    expect(decodedSecond.blocks[1]).not.toBe(decodedFirst.blocks[1]);
    expect(decodedSecond.productTypes.T).toBe(decodedFirst.productTypes.T);
  });

  it("forgets parts the last model no longer has, on both sides", () => {
    const encoder = new ModelEncoder();
    const decoder = new ModelDecoder();
    decoder.decode(encoder.encode(model("b")));
    decoder.decode(encoder.encode(model("b2")));
    // Back to "b": its part was dropped after the second model, so its text is sent again.
    const third = encoder.encode(model("b"));
    expect(Object.values(third.added)).toEqual([JSON.stringify(block("B", "b"))]);
    expect(decoder.decode(third)).toEqual(model("b"));
    expect(() => new ModelDecoder().decode({ ...third, added: {} })).toThrow(/unknown part/);
  });
});
