import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newMigrationTime } from "./migration-time.ts";
import { migrationFileName } from "./render-migration-file.ts";

describe("newMigrationTime", () => {
  const dirs: string[] = [];
  const folder = (...files: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), "orch-migration-time-"));
    dirs.push(dir);
    for (const file of files) writeFileSync(join(dir, file), "");
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is now when every migration is older", () => {
    const now = new Date("2026-12-01T15:30:00.500Z");
    expect(newMigrationTime(folder("20261201152959_older.ts"), now)).toBe(now);
  });

  it("follows the newest migration made in the same second, so the new file sorts after it", () => {
    const now = new Date("2026-12-01T15:30:00.500Z");
    const dir = folder("20261201153000_workshop.ts", "README.md");
    const time = newMigrationTime(dir, now);
    expect(time.toISOString()).toBe("2026-12-01T15:30:01.000Z");
    // "later" sorts before "workshop" by slug; by time it now comes after.
    expect([migrationFileName("later", time), "20261201153000_workshop.ts"].sort()[1]).toBe(
      migrationFileName("later", time),
    );
  });

  it("follows a newest migration from a clock that was ahead", () => {
    const now = new Date("2026-12-01T15:30:00.000Z");
    expect(newMigrationTime(folder("20261201160000_ahead.ts"), now).toISOString()).toBe(
      "2026-12-01T16:00:01.000Z",
    );
  });
});
