import { describe, expect, it } from "vitest";
import { type ObjectLiteral, SourceText } from "./source-scanner.ts";

/** The argument of the call at the first occurrence of `callee`, with each property's key and value text. */
function argumentOf(text: string, callee = "define") {
  const source = new SourceText(text);
  const object = source.callArgumentAt(text.indexOf(callee));
  return { source, object, entries: object && entries(text, object) };
}

function entries(text: string, object: ObjectLiteral) {
  return object.properties.map((p) => [p.key, p.value && text.slice(p.value.start, p.value.end)]);
}

describe("SourceText finds a call's object argument", () => {
  it("reads keys and values in source order, nested objects included", () => {
    const text = `const x = define({\n  name: "A",\n  fields: { a: r.int(), "b c": r.string().describe("x, y") },\n});`;
    const { object, entries: found } = argumentOf(text);
    expect(found).toEqual([
      ["name", '"A"'],
      ["fields", '{ a: r.int(), "b c": r.string().describe("x, y") }'],
    ]);
    expect(entries(text, object!.properties[1]!.object!)).toEqual([
      ["a", "r.int()"],
      ["b c", 'r.string().describe("x, y")'],
    ]);
  });

  it("is not misled by braces, commas and quotes inside strings, templates, comments and regexps", () => {
    const text = [
      "define({",
      "  a: 'it\\'s { not, a } key', // b: 1, {",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      "  /* c: 2 } */ d: `x ${ { e: 1 }.e } ${`nested ${'}'}`} }`,",
      "  f: /[}{,]\\/x/g.source,",
      "  g: 1 / 2 / 3,",
      "  h: () => { return /,}/; },",
      "});",
    ].join("\n");
    expect(argumentOf(text).entries).toEqual([
      ["a", "'it\\'s { not, a } key'"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      ["d", "`x ${ { e: 1 }.e } ${`nested ${'}'}`} }`"],
      ["f", "/[}{,]\\/x/g.source"],
      ["g", "1 / 2 / 3"],
      ["h", "() => { return /,}/; }"],
    ]);
  });

  it("gives keys as the object gets them: numbers, escapes, shorthand, methods, computed and spread", () => {
    const text =
      'define({ 0x10: 1, "a\\u0062": 2, short, get g() { return 1 }, async *m<T>(x: T) {}, [k]: 3, ...rest, z: 4 })';
    expect(argumentOf(text).entries).toEqual([
      ["16", "1"],
      ["ab", "2"],
      ["short", "short"],
      ["g", undefined],
      ["m", undefined],
      [undefined, "3"],
      ["z", "4"],
    ]);
  });

  it("follows member callees, optional calls and type arguments to the parenthesis", () => {
    for (const call of ["sdk.define({ a: 1 })", "define<Foo, Bar<Baz>>({ a: 1 })", "define?.({ a: 1 })"])
      expect(argumentOf(call).entries, call).toEqual([["a", "1"]]);
  });

  it("finds nothing when the argument is not an object literal, or the position is not a call", () => {
    expect(argumentOf("define(definition)").object).toBeUndefined();
    expect(argumentOf("const define = 1;").object).toBeUndefined();
    expect(argumentOf("define({ a: 1").entries).toEqual([["a", "1"]]);
  });

  it("converts between offsets and 1-based lines and columns, for \\n and \\r\\n", () => {
    const source = new SourceText("ab\r\ncd\nef");
    expect(source.offsetOf(2, 2)).toBe(5);
    expect(source.lineAndColumn(5)).toEqual({ line: 2, column: 2 });
    expect(source.lineAndColumn(8)).toEqual({ line: 3, column: 2 });
    expect(source.offsetOf(9, 1)).toBeUndefined();
  });
});
