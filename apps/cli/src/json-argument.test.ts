import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJsonArgument } from "./json-argument.ts";

describe("JSON flags", () => {
  it("reads inline JSON and @file JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "orch-json-"));
    writeFileSync(join(dir, "answers.json"), '{"User": {"tag": "USER"}}');
    expect(readJsonArgument("inputs", '{"a": 1}')).toEqual({ a: 1 });
    expect(readJsonArgument("inputs", `@${join(dir, "answers.json")}`)).toEqual({ User: { tag: "USER" } });
    expect(readJsonArgument("inputs", undefined)).toBeUndefined();
  });

  it("names the flag and the parse error for malformed JSON", () => {
    expect(() => readJsonArgument("updates", "{oops")).toThrow(/--updates is not valid JSON/);
    expect(() => readJsonArgument("inputs", "@/no/such/file.json")).toThrow(
      /Cannot read --inputs file \/no\/such\/file.json/,
    );
  });
});
