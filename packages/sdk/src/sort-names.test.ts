import { describe, expect, it } from "vitest";
import { compareNames, sortNames } from "./sort-names.ts";

describe("name order", () => {
  it("is code-point order, not the locale's: capitals before lowercase, ASCII before accents", () => {
    expect(sortNames(["b", "a", "B", "é", "e", "A_1", "A1"])).toEqual(["A1", "A_1", "B", "a", "b", "e", "é"]);
  });

  it("puts characters above U+FFFF after U+E000–U+FFFF, as PostgreSQL's C collation does", () => {
    const astral = "\u{1F600}"; // a surrogate pair in UTF-16
    const high = "\uFF21"; // FULLWIDTH LATIN CAPITAL LETTER A
    expect(sortNames([astral, high])).toEqual([high, astral]);
    expect([astral, high].sort()).toEqual([astral, high]); // what a bare sort() would have said
  });

  it("orders a prefix first and equal names as equal", () => {
    expect(compareNames("user", "user_id")).toBe(-1);
    expect(compareNames("user_id", "user")).toBe(1);
    expect(compareNames("x\u{1F600}", "x\u{1F600}")).toBe(0);
  });
});
