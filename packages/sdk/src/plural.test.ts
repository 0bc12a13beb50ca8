import { describe, expect, it } from "vitest";
import { agree, plural } from "./plural.ts";

describe("plural", () => {
  it("says one thing in the singular and any other count in the plural", () => {
    expect(plural(1, "subscription")).toBe("1 subscription");
    expect(plural(0, "subscription")).toBe("0 subscriptions");
    expect(plural(2, "instance")).toBe("2 instances");
  });

  it("adds -es to nouns ending in a sibilant, and takes an irregular plural as given", () => {
    expect(plural(3, "process")).toBe("3 processes");
    expect(plural(2, "match")).toBe("2 matches");
    expect(plural(2, "new instance")).toBe("2 new instances");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });

  it("agree picks the verb form for the count", () => {
    expect(`${plural(1, "migration")} ${agree(1, "is", "are")} pending`).toBe("1 migration is pending");
    expect(`${plural(2, "migration")} ${agree(2, "is", "are")} pending`).toBe("2 migrations are pending");
  });
});
