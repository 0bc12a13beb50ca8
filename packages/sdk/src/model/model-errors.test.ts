import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defineProductBlock } from "./define-product-block.ts";
import { defineProductType } from "./define-product-type.ts";
import { defineRegistry } from "./define-registry.ts";
import { loadRegistry } from "./load-registry.ts";
import type { ModelError } from "./model-errors.ts";
import { r } from "./r.ts";

const THIS_FILE = fileURLToPath(import.meta.url);
const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

function caught(run: () => unknown): ModelError {
  try {
    run();
  } catch (error) {
    return error as ModelError;
  }
  throw new Error("expected an error");
}

const Blk = defineProductBlock({ name: "Blk", fields: { v: r.string() } });

describe("invalid models fail early with typed errors pointing at the source", () => {
  it("two different blocks sharing a name", () => {
    const Copy = defineProductBlock({ name: "Blk", fields: { w: r.string() } });
    const error = caught(() =>
      defineRegistry({ P: defineProductType({ name: "P", blocks: { a: r.block(Blk), b: r.block(Copy) } }) }),
    );
    expect(error.code).toBe("ORCH_DUPLICATE_BLOCK_NAME");
    expect(error.location).toEqual(Copy.location);
    expect(error.message).toContain(`${THIS_FILE}:${Blk.location.line}:${Blk.location.column}`);
    expect(error.message).toMatch(/rename one of them/);
  });

  it("two different product types sharing a name", () => {
    const T1 = defineProductType({ name: "T", blocks: { a: r.block(Blk) } });
    const T2 = defineProductType({ name: "T", blocks: { a: r.block(Blk) } });
    expect(caught(() => defineRegistry({ A: T1, B: T2 })).code).toBe("ORCH_DUPLICATE_PRODUCT_TYPE_NAME");
  });

  it("a field name that is not an identifier, or starts with _", () => {
    const invalid = caught(() => defineProductBlock({ name: "X", fields: { "bad-name": r.string() } }));
    expect(invalid.code).toBe("ORCH_INVALID_FIELD_NAME");
    expect(invalid.location).toMatchObject({ file: THIS_FILE, line: expect.any(Number) });
    expect(invalid.message).toContain('Field "bad-name" of product block "X"');
    const underscore = caught(() => defineProductBlock({ name: "X", fields: { _hidden: r.string() } }));
    expect(underscore.code).toBe("ORCH_UNDERSCORE_FIELD_NAME");
    expect(underscore.message).toContain("silently ignores");
  });

  it("an empty enum", () => {
    const error = caught(() => defineProductBlock({ name: "X", fields: { e: (r.enum as any)([]) } }));
    expect(error.code).toBe("ORCH_EMPTY_ENUM");
  });

  it("a tag longer than 20 characters and a description longer than 2000", () => {
    const tag = caught(() => defineProductBlock({ name: "X", tag: "T".repeat(21), fields: {} }));
    expect(tag.code).toBe("ORCH_TAG_TOO_LONG");
    expect(tag.message).toContain("21 characters");
    const description = caught(() =>
      defineRegistry({
        P: { type: defineProductType({ name: "P", blocks: {} }), description: "d".repeat(2001) },
      }),
    );
    expect(description.code).toBe("ORCH_DESCRIPTION_TOO_LONG");
  });

  it("a tag or description counts characters, as PostgreSQL's varchar does: an emoji is one", () => {
    expect(() => defineProductBlock({ name: "X", tag: `${"T".repeat(19)}🚀`, fields: {} })).not.toThrow();
    expect(() =>
      defineRegistry({
        P: { type: defineProductType({ name: "P", blocks: {} }), description: `${"d".repeat(1999)}🚀` },
      }),
    ).not.toThrow();
    const tag = caught(() => defineProductBlock({ name: "X", tag: `${"T".repeat(20)}🚀`, fields: {} }));
    expect(tag.message).toContain("21 characters");
  });

  it("a name used both as fixed input and block field of a product type", () => {
    const error = caught(() =>
      defineProductType({ name: "P", fixedInputs: { x: r.string() }, blocks: { x: r.block(Blk) } }),
    );
    expect(error.code).toBe("ORCH_FIELD_NAME_COLLISION");
  });

  it("fixed-input values must fit their kind, and name a fixed input of the type", () => {
    const T = defineProductType({
      name: "P",
      fixedInputs: { kind: r.enum(["a", "b"]), speed: r.int() },
      blocks: {},
    });
    const wrongEnum = caught(() => defineRegistry({ P: { type: T, fixedInputs: { kind: "c" as any } } }));
    expect(wrongEnum.code).toBe("ORCH_INVALID_FIXED_INPUT_VALUE");
    expect(wrongEnum.message).toContain('one of "a", "b"');
    expect(caught(() => defineRegistry({ P: { type: T, fixedInputs: { speed: "fast" as any } } })).code).toBe(
      "ORCH_INVALID_FIXED_INPUT_VALUE",
    );
    const unknown = caught(() => defineRegistry({ P: { type: T, fixedInputs: { colour: "red" } as any } }));
    expect(unknown.code).toBe("ORCH_UNKNOWN_FIXED_INPUT");
    expect(unknown.message).toContain("Known fixed inputs: kind, speed");
  });

  it("lists of lists, min/max on a single field and min > max", () => {
    expect(caught(() => r.list(r.list(r.string()) as any)).code).toBe("ORCH_INVALID_FIELD");
    expect(
      caught(() => defineProductBlock({ name: "X", fields: { b: (r.block(Blk) as any).min(1) } })).code,
    ).toBe("ORCH_INVALID_FIELD");
    expect(
      caught(() => defineProductBlock({ name: "X", fields: { b: r.list(r.block(Blk)).min(3).max(1) } }))
        .message,
    ).toContain("min 3 greater than max 1");
    expect(caught(() => defineProductBlock({ name: "X", fields: { b: "nope" as any } })).message).toContain(
      "not a field builder",
    );
  });

  it("a block field whose function does not return a block", () => {
    const X = defineProductBlock({ name: "X", fields: { b: r.block(() => undefined as any) } });
    expect(
      caught(() => defineRegistry({ P: defineProductType({ name: "P", blocks: { x: r.block(X) } }) })).code,
    ).toBe("ORCH_UNRESOLVED_BLOCK");
  });

  it("a block containing itself through required fields is rejected; through optional or list fields it is fine", async () => {
    const Self: any = defineProductBlock({ name: "Self", fields: { me: r.block(() => Self) } });
    const error = caught(() =>
      defineRegistry({ P: defineProductType({ name: "P", blocks: { s: r.block(Self) } }) }),
    );
    expect(error.code).toBe("ORCH_REQUIRED_BLOCK_CYCLE");
    expect(error.message).toContain("Self.me → Self");
    expect(error.location).toEqual(Self.fieldLocations.me);

    const Ok: any = defineProductBlock({
      name: "Ok",
      fields: { me: r.block(() => Ok).optional(), many: r.list(r.block(() => Ok)) },
    });
    expect(() =>
      defineRegistry({ P: defineProductType({ name: "P", blocks: { s: r.block(Ok) } }) }),
    ).not.toThrow();

    // A required union is fine when one member can end the recursion.
    const U: any = defineProductBlock({ name: "U", fields: { next: r.union(() => U, Blk) } });
    expect(() =>
      defineRegistry({ P: defineProductType({ name: "P", blocks: { s: r.block(U) } }) }),
    ).not.toThrow();

    const mutual = await loadRegistry(fixture("required-cycle-model.mjs")).catch((e: ModelError) => e);
    expect(mutual).toMatchObject({ code: "ORCH_REQUIRED_BLOCK_CYCLE" });
    expect((mutual as ModelError).message).toContain("A.b → B.a → A");
  });

  it("a registry key used twice is found in the source text", async () => {
    const error = (await loadRegistry(fixture("duplicate-key-model.mjs"), { fresh: true }).catch(
      (e) => e,
    )) as ModelError;
    expect(error.code).toBe("ORCH_DUPLICATE_REGISTRY_KEY");
    expect(error.location).toMatchObject({ file: fixture("duplicate-key-model.mjs"), line: 11, column: 3 });
    expect(error.message).toContain("duplicate-key-model.mjs:9:3");
  });

  it("an invalid block or product name", () => {
    expect(caught(() => defineProductBlock({ name: "", fields: {} })).code).toBe("ORCH_INVALID_NAME");
    expect(caught(() => defineRegistry({ P: { notAType: true } as any })).code).toBe(
      "ORCH_INVALID_REGISTRY_ENTRY",
    );
  });
});
