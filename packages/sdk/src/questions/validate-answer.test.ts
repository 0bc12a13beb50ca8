import { describe, expect, it } from "vitest";
import type { ScalarSpec } from "../model/domain-model.ts";
import { makeQuestion } from "./build-questions.ts";
import type { Question } from "./question.ts";
import { interpretAnswer } from "./validate-answer.ts";

const question = (kind: Question["kind"], constraints: Question["constraints"]) =>
  makeQuestion({ id: "q", kind, subject: {}, header: "h", prompt: "p", constraints });
const value = (spec: ScalarSpec, answer: string, required = true) =>
  interpretAnswer(question("fixed-input-value", { required, spec }), answer);
const fallback = (spec: ScalarSpec, answer: string, required = true) =>
  interpretAnswer(question("default-value", { required, spec }), answer);

describe("interpretAnswer", () => {
  it("a product tag is required and at most 20 characters", () => {
    const tag = question("product-tag", { required: true, maxLength: 20 });
    expect(tag.validate("")).toBe("an answer is required");
    expect(tag.validate("   ")).toBe("an answer is required");
    expect(tag.validate("X".repeat(21))).toMatch(/at most 20 characters/);
    expect(tag.validate("X".repeat(20))).toBeUndefined();
  });

  it("a block tag may be empty (no tag)", () => {
    expect(interpretAnswer(question("block-tag", { required: false, maxLength: 20 }), "")).toEqual({
      ok: true,
      value: null,
    });
  });

  it("a description is required and at most 2000 characters", () => {
    const d = question("product-description", { required: true, maxLength: 2000 });
    expect(d.validate("")).toBeDefined();
    expect(d.validate("x".repeat(2001))).toMatch(/2000/);
    expect(d.validate("   ")).toBe("an answer is required");
  });

  it("a description is kept as written, leading and trailing whitespace included", () => {
    const d = question("product-description", { required: true, maxLength: 2000 });
    expect(interpretAnswer(d, "  user block\n")).toEqual({ ok: true, value: "  user block\n" });
  });

  it("lengths count characters as PostgreSQL does, not UTF-16 code units", () => {
    // "🚀" is one character and two UTF-16 code units.
    const d = question("product-description", { required: true, maxLength: 2000 });
    expect(d.validate(`${"x".repeat(1999)}🚀`)).toBeUndefined();
    expect(d.validate(`${"x".repeat(2000)}🚀`)).toMatch(/got 2001/);
    const tag = question("product-tag", { required: true, maxLength: 20 });
    expect(tag.validate(`${"T".repeat(19)}🚀`)).toBeUndefined();
    const text: ScalarSpec = { kind: "string", list: false };
    expect(value(text, `${"v".repeat(9999)}🚀`)).toEqual({ ok: true, value: `${"v".repeat(9999)}🚀` });
    expect(value(text, `${"v".repeat(10000)}🚀`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/got 10001/),
    });
  });

  it("an enum value must be one of the enum's values", () => {
    const spec: ScalarSpec = { kind: "enum", values: ["internal", "external"], list: false };
    expect(value(spec, "internal")).toEqual({ ok: true, value: "internal" });
    expect(value(spec, "Internal")).toEqual({
      ok: false,
      reason: "'Internal' is not one of 'internal', 'external'",
    });
  });

  it("scalars parse for their kind and are normalised", () => {
    const s = (kind: ScalarSpec["kind"]): ScalarSpec => ({ kind, list: false });
    expect(value(s("int"), "007")).toEqual({ ok: true, value: "7" });
    expect(value(s("int"), "-12")).toEqual({ ok: true, value: "-12" });
    expect(value(s("int"), "1.5").ok).toBe(false);
    expect(value(s("float"), "1.5e3")).toEqual({ ok: true, value: "1.5e3" });
    expect(value(s("float"), "abc").ok).toBe(false);
    expect(value(s("bool"), "Yes")).toEqual({ ok: true, value: "true" });
    expect(value(s("bool"), "nope").ok).toBe(false);
    expect(value(s("uuid"), "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")).toEqual({
      ok: true,
      value: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    });
    expect(value(s("uuid"), "not-a-uuid").ok).toBe(false);
    expect(value(s("ipv4"), "10.0.0.1").ok).toBe(true);
    expect(value(s("ipv4"), "10.0.0.256").ok).toBe(false);
    expect(value(s("ipv6"), "2001:db8::1").ok).toBe(true);
    expect(value(s("ipv6"), "10.0.0.1").ok).toBe(false);
  });

  it("a default value parses for the resource type's kind; lists take a JSON array", () => {
    const intList: ScalarSpec = { kind: "int", list: true };
    expect(fallback(intList, "[1, 2, 3]")).toEqual({ ok: true, value: ["1", "2", "3"] });
    expect(fallback(intList, "4")).toEqual({ ok: true, value: ["4"] });
    expect(fallback(intList, "[]")).toEqual({ ok: true, value: [] });
    expect(fallback(intList, '[1, "x"]').ok).toBe(false);
    expect(fallback(intList, "[1,").ok).toBe(false);
    expect(fallback({ kind: "string", list: true }, '["a, b", "c"]')).toEqual({
      ok: true,
      value: ["a, b", "c"],
    });
    expect(fallback({ kind: "int", list: false }, "x").ok).toBe(false);
  });

  it("a default value may be left empty only for an optional resource type", () => {
    expect(fallback({ kind: "string", list: false }, "", false)).toEqual({ ok: true, value: [] });
    expect(fallback({ kind: "string", list: false }, "", true).ok).toBe(false);
  });
});
