import { stripVTControlCharacters } from "node:util";
import { type ChangeSet, countImpact, emptyChangeSet } from "@orchestrator/sdk";
import { describe, expect, it } from "vitest";
import { renderImpact } from "./impact.ts";

const at = { file: "m.ts", line: 1, column: 1, endLine: 1, endColumn: 1 };
// Deletions need no answers.
const answers = { defaultValues: {} } as Parameters<typeof countImpact>[1];

function changes(edit: (cs: ChangeSet) => void): ChangeSet {
  const cs = emptyChangeSet();
  edit(cs);
  return cs;
}

describe("renderImpact", () => {
  it("a deleted product shows the instances and values of its subscriptions, not ·", () => {
    const impact = countImpact(
      changes((cs) => {
        cs.deleteProducts = [
          { product: "Port physical", subscriptions: 2, instances: 5, values: 9, location: at },
        ];
      }),
      answers,
    );
    expect(renderImpact(impact)).toMatch(/delete product Port physical\s+-2\s+-5\s+-9/);
  });

  it("says unknown for the values of deleted instances it did not count", () => {
    const impact = countImpact(
      changes((cs) => {
        cs.deleteProductBlocks = [{ block: "PortBlock", instances: 4, location: at }];
      }),
      answers,
    );
    expect(renderImpact(impact)).toMatch(/delete product block PortBlock \(at least\)\s+·\s+-4\s+unknown/);
  });
});

describe("renderImpact with colours on", () => {
  it("pads by visible width, so colour codes do not shift the columns", () => {
    const stdout = process.stdout as { isTTY?: boolean };
    const wasTty = stdout.isTTY;
    const noColor = process.env.NO_COLOR;
    stdout.isTTY = true;
    delete process.env.NO_COLOR;
    try {
      // A coloured "-2" and a plain "·" in one column: their colour codes differ in length.
      const impact = countImpact(
        changes((cs) => {
          cs.deleteProducts = [
            { product: "Port physical", subscriptions: 2, instances: 5, values: 9, location: at },
          ];
          cs.deleteProductBlocks = [{ block: "PortBlock", instances: 4, location: at }];
        }),
        answers,
      );
      const rendered = renderImpact(impact);
      expect(rendered).toContain("\u001b[");
      const visible = stripVTControlCharacters(rendered).split("\n").slice(1);
      expect(visible).toHaveLength(3);
      const instancesColumn = visible[0]!.indexOf("INSTANCES");
      expect(visible.find((line) => line.includes("PortBlock"))!.indexOf("-4")).toBe(instancesColumn);
      expect(visible.find((line) => line.includes("Port physical"))!.indexOf("-5")).toBe(instancesColumn);
    } finally {
      stdout.isTTY = wasTty;
      if (noColor !== undefined) process.env.NO_COLOR = noColor;
    }
  });
});
