import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type WriteChunk, writeNewFile } from "./write-new-file.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "orch-write-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A disk that takes `room` bytes, then reports ENOSPC, as a full disk does part-way through a file. */
function diskWithRoomFor(room: number): WriteChunk {
  let written = 0;
  return (fd, data, offset) => {
    const fits = Math.min(room - written, data.length - offset);
    if (fits <= 0)
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    written += writeSync(fd, data, offset, fits);
    return fits;
  };
}

describe("writing a new migration file", () => {
  it("writes the whole text and leaves nothing else in the folder", () => {
    const dir = tempDir();
    const file = join(dir, "20260101000000_add_port.ts");
    writeNewFile(file, "x".repeat(10_000));
    expect(readFileSync(file, "utf8")).toBe("x".repeat(10_000));
    expect(readdirSync(dir)).toEqual(["20260101000000_add_port.ts"]);
  });

  it("on a full disk leaves no partial file behind and names ENOSPC, not permissions", () => {
    const dir = tempDir();
    const file = join(dir, "20260101000000_add_port.ts");
    let error: unknown;
    try {
      writeNewFile(file, "x".repeat(10_000), diskWithRoomFor(4096));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "ORCH_MIGRATION_WRITE_FAILED" });
    expect((error as Error).message).toContain("the disk is full (ENOSPC)");
    expect((error as Error).message).not.toMatch(/permission/i);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("never replaces an existing file", () => {
    const dir = tempDir();
    const file = join(dir, "20260101000000_add_port.ts");
    writeFileSync(file, "mine");
    expect(() => writeNewFile(file, "theirs")).toThrow(
      expect.objectContaining({ code: "ORCH_MIGRATION_EXISTS" }),
    );
    expect(readFileSync(file, "utf8")).toBe("mine");
    expect(readdirSync(dir)).toEqual(["20260101000000_add_port.ts"]);
  });
});
