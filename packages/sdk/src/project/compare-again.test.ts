import { describe, expect, it } from "vitest";
import { diff } from "../diff/diff.ts";
import { snapshotFromModel } from "../testing/snapshot-from-model.ts";
import { workshopModel } from "../testing/workshop-model.ts";
import { compareAgain, compareWithoutDatabase } from "./compare-with-database.ts";

// What compareWithDatabase gives for a database built from the workshop model, with instances, after
// UserBlock lost `age` (so the read counted UserBlock and age).
const database = snapshotFromModel(workshopModel(), { instances: { UserBlock: 4, UserGroupBlock: 2 } });
const withoutAge = workshopModel({ withoutAge: true });
const earlier = {
  model: withoutAge,
  comparison: { snapshot: database, changes: diff(withoutAge, database) },
};

describe("compareAgain: new models against the last read, without the database", () => {
  it("gives the change set of the new models when the read counted everything it touches", () => {
    const same = compareAgain(earlier, workshopModel());
    expect(same?.changes).toEqual(diff(workshopModel(), database));
    expect(same?.snapshot).toBe(database);
    expect(compareAgain(earlier, withoutAge)?.changes).toEqual(earlier.comparison.changes);
  });

  it("gives undefined when the new change set touches a name whose counts were not read", () => {
    expect(compareAgain(earlier, workshopModel({ withoutAffiliation: true }))).toBeUndefined();
  });
});

describe("compareWithoutDatabase: metadata read ahead, and models that need nothing more from the database", () => {
  // The metadata only: what a database process reads before it knows the models (no counts).
  const metadata = snapshotFromModel(workshopModel());

  it("gives the comparison when the change set touches nothing the database has", () => {
    const inSync = compareWithoutDatabase(metadata, workshopModel());
    expect(inSync).toEqual({ snapshot: metadata, changes: diff(workshopModel(), metadata) });
  });

  it("gives undefined when the change set touches a row whose counts must be read", () => {
    // UserBlock loses a resource type: how many values that removes is a count.
    expect(compareWithoutDatabase(metadata, withoutAge)).toBeUndefined();
  });
});
