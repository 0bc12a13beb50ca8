import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHANGE_KINDS } from "../diff/change-kinds.ts";
import { DOWNGRADE_STEPS } from "./downgrade-steps.ts";
import { DOWNGRADE_ORDER, type OrderRow, UPGRADE_ORDER } from "./statement-order.ts";
import { UPGRADE_STEPS } from "./upgrade-steps.ts";

const DESIGN = readFileSync(new URL("../../../../docs/design.md", import.meta.url), "utf8");

/** The markdown tables of docs/design.md's "Statement order" section, as rows of plain cells. */
function designTables(): OrderRow<string>[][] {
  const section = DESIGN.split(/^## /m).find((s) => s.startsWith("Statement order\n"));
  if (!section) throw new Error('docs/design.md has no "Statement order" section');
  const tables: OrderRow<string>[][] = [];
  let current: OrderRow<string>[] | undefined;
  for (const line of section.split("\n")) {
    if (!line.startsWith("|")) {
      current = undefined;
      continue;
    }
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim().replaceAll("`", ""));
    if (!current) {
      current = [];
      tables.push(current);
      continue; // the header row
    }
    if (/^-+$/.test(cells[0]!)) continue;
    current.push({ step: cells[1]!, statements: cells[2]!, core: cells[3]! });
  }
  return tables;
}

const steps = (order: readonly OrderRow<string>[]) => order.map((row) => row.step);

describe("statement order", () => {
  it("the upgrade has one step per change kind, plus the backfills, each built once", () => {
    expect([...steps(UPGRADE_ORDER)].sort()).toEqual([...CHANGE_KINDS, "backfills"].sort());
    expect([...steps(UPGRADE_ORDER)].sort()).toEqual(Object.keys(UPGRADE_STEPS).sort());
  });

  it("the downgrade undoes every change kind, each step built once", () => {
    expect(new Set(steps(DOWNGRADE_ORDER)).size).toBe(DOWNGRADE_ORDER.length);
    expect([...steps(DOWNGRADE_ORDER)].sort()).toEqual(Object.keys(DOWNGRADE_STEPS).sort());
    for (const kind of CHANGE_KINDS) expect(steps(DOWNGRADE_ORDER)).toContain(kind);
  });

  it("maps every step of orchestrator-core's upgrade (21) and downgrade (12) once", () => {
    const coreSteps = (order: readonly OrderRow<string>[]) =>
      order
        .flatMap((row) => (row.core === "—" ? [] : row.core.split(", ").map(Number)))
        .sort((a, b) => a - b);
    expect(coreSteps(UPGRADE_ORDER)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(coreSteps(DOWNGRADE_ORDER)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it("docs/design.md shows the same upgrade and downgrade tables as the code", () => {
    const [upgrade, downgrade] = designTables();
    expect(upgrade).toEqual(UPGRADE_ORDER);
    expect(downgrade).toEqual(DOWNGRADE_ORDER);
  });
});
