import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentFingerprint, fingerprintOf, unchangedFingerprint } from "./file-fingerprint.ts";

const scratch = mkdtempSync(join(tmpdir(), "orch-fingerprint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("file fingerprints", () => {
  it("a rewrite that keeps size and times (within one clock tick) is still a change", () => {
    const file = join(scratch, "same-tick.ts");
    writeFileSync(file, "export const a = 2;\n");
    // Node evaluated `a = 1`; the file was rewritten to `a = 2` within the same tick, so its stat is
    // exactly the one recorded with the evaluated content.
    const evaluated = fingerprintOf(file, "export const a = 1;\n");
    expect(unchangedFingerprint(file, evaluated)).toBeUndefined();
  });

  it("a touch that leaves the content as it was is not a change", () => {
    const file = join(scratch, "touched.ts");
    writeFileSync(file, "export const b = 1;\n");
    const recorded = currentFingerprint(file);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    const kept = unchangedFingerprint(file, recorded);
    expect(kept?.hash).toBe(recorded.hash);
    expect(kept?.stat).not.toBe(recorded.stat);
  });

  it("an old file whose stat is unchanged is trusted without reading it", () => {
    const file = join(scratch, "old.ts");
    writeFileSync(file, "export const c = 1;\n");
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(file, old, old);
    const recorded = currentFingerprint(file);
    expect(unchangedFingerprint(file, recorded)).toBe(recorded);
    rmSync(file);
    expect(unchangedFingerprint(file, recorded)).toBeUndefined();
  });
});
