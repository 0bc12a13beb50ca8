import { describe, expect, it } from "vitest";
import { filterInputs } from "./inputs-file.ts";
import type { Question } from "./question.ts";

const question = (inputsPath: string[]) => ({ inputsPath }) as unknown as Question;

describe("filterInputs", () => {
  it("keeps only the names and keys this migration asks about (flat shape)", () => {
    const file = {
      "User internal": { description: "internal", tag: "USER_INT", affiliation: "internal" },
      UserBlock: { description: "user block", tag: "UB" },
      age: { description: "age of the user" },
    };
    expect(filterInputs(file, [question(["age", "description"])])).toEqual({
      age: { description: "age of the user" },
    });
  });

  it("filters inside the namespaced shape too", () => {
    const file = {
      products: {
        A: { description: "a", fixed_inputs: { speed: "1", other: "2" } },
        B: { description: "b" },
      },
    };
    expect(filterInputs(file, [question(["A", "speed"])])).toEqual({
      products: { A: { description: "a", fixed_inputs: { speed: "1" } } },
    });
  });
});
