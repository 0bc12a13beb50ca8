import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "./closest-name.ts";

describe("closestName", () => {
  it("suggests the known name one typo away", () => {
    expect(closestName("UserBlok", ["UserBlock", "UserGroupBlock", "age"])).toBe("UserBlock");
  });

  it("ignores case when measuring", () => {
    expect(closestName("userblock", ["UserBlock"])).toBe("UserBlock");
  });

  it("suggests nothing when every known name is far away", () => {
    expect(closestName("speed", ["UserBlock", "affiliation"])).toBeUndefined();
  });

  it("breaks ties by code-point order, whatever the input order", () => {
    expect(closestName("ab", ["ac", "aa"])).toBe("aa");
    expect(closestName("ab", ["aa", "ac"])).toBe("aa");
  });

  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    expect(editDistance("emial", "email")).toBe(1);
  });
});
