import { describe, expect, it } from "vitest";
import type { DomainModel, ModelBlock } from "./domain-model.ts";
import { ModelDecoder, ModelEncoder } from "./model-parts.ts";

const at = { file: "/m.ts", line: 1, column: 1, endLine: 1, endColumn: 2 };
const block = (name: string, field: string): ModelBlock => ({
  name,
  resourceTypes: [{ name: field, spec: { kind: "string", list: false }, location: at }],
  blockFields: [],
  location: at,
});
// As the loader's thread builds them: an unchanged definition gives the same objects.
const A = block("A", "a");
const C = block("C", "c");
const T = { name: "T", fixedInputs: [], blockFields: [], location: at };
const model = (b: ModelBlock): DomainModel => ({
  products: [{ name: "P", productType: "T", fixedInputValues: {}, location: at }],
  productTypes: { T },
  blocks: [A, b, C],
  registryLocation: at,
});

describe("a model handed over in parts", () => {
  it("arrives whole, and a second time with only the changed parts' text and the others reused", () => {
    const encoder = new ModelEncoder();
    const decoder = new ModelDecoder();
    const first = encoder.encode(model(block("B", "b")));
    expect(Object.keys(first.added)).toHaveLength(5);
    const decodedFirst = decoder.decode(structuredClone(first));
    expect(decodedFirst).toEqual(model(block("B", "b")));

    const second = encoder.encode(model(block("B", "b2")));
    // The new block and the products (a new array on every load).
    expect(Object.values(second.added).sort()).toEqual(
      [JSON.stringify(block("B", "b2")), JSON.stringify(model(A).products)].sort(),
    );
    const decodedSecond = decoder.decode(structuredClone(second));
    expect(decodedSecond).toEqual(model(block("B", "b2")));
    expect(decodedSecond.blocks[0]).toBe(decodedFirst.blocks[0]);
    expect(decodedSecond.blocks[1]).not.toBe(decodedFirst.blocks[1]);
    expect(decodedSecond.productTypes.T).toBe(decodedFirst.productTypes.T);
  });

  it("sends a part again when it comes back after a model without it", () => {
    const encoder = new ModelEncoder();
    const decoder = new ModelDecoder();
    const B = block("B", "b");
    decoder.decode(encoder.encode(model(B)));
    decoder.decode(encoder.encode(model(block("B", "b2"))));
    // B is back: the receiver dropped it after the second model, so its text is sent again.
    const third = encoder.encode(model(B));
    expect(third.added).toHaveProperty(String(third.blocks[1]), JSON.stringify(B));
    expect(decoder.decode(third)).toEqual(model(B));
    expect(() => new ModelDecoder().decode({ ...third, added: {} })).toThrow(/unknown part/);
  });
});
