import { describe, expect, it } from "vitest";
import { filterAnswers } from "./answers-file.ts";
import type { Question } from "./questions.ts";

const question = (inputsPath: string[]) => ({ inputsPath }) as unknown as Question;

describe("filterAnswers", () => {
  it("keeps only the names and keys this migration asks about (flat shape)", () => {
    const file = {
      "User internal": { description: "internal", tag: "USER_INT", affiliation: "internal" },
      UserBlock: { description: "user block", tag: "UB" },
      age: { description: "age of the user" },
    };
    expect(filterAnswers(file, [question(["age", "description"])])).toEqual({
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
    expect(filterAnswers(file, [question(["A", "speed"])])).toEqual({
      products: { A: { description: "a", fixed_inputs: { speed: "1" } } },
    });
  });
});
