import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileChecksum } from "./migration-source.ts";

const scratch = mkdtempSync(join(tmpdir(), "orch-checksum-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The checksum as it was always defined: the text, CRLF read as LF, hashed as UTF-8. */
const definition = (path: string) =>
  createHash("sha256").update(readFileSync(path, "utf8").replace(/\r\n/g, "\n")).digest("hex");

function file(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

describe("fileChecksum", () => {
  it("is the checksum of the text, whichever way the file is read", () => {
    const files = [
      file("plain.ts", 'export const name = "Überweisung 🚀";\n'),
      file("bom.ts", "\uFEFFexport const a = 1;\n"),
      file("crlf.ts", "line one\r\nline two\r\n"),
      file("lone-cr.ts", "a\rb\n"),
      // Not UTF-8: decoding replaces the byte, so the text's checksum is not the bytes'.
      file("latin1.ts", Buffer.from([0x61, 0xe9, 0x0a])),
      file("empty.ts", ""),
    ];
    for (const path of files) expect(fileChecksum(path), path).toBe(definition(path));
    expect(fileChecksum(files[5]!)).toBe(createHash("sha256").update("").digest("hex"));
  });

  it("does not tell a CRLF checkout from an LF one", () => {
    expect(fileChecksum(file("lf.ts", "a\nb\n"))).toBe(fileChecksum(file("crlf2.ts", "a\r\nb\r\n")));
  });
});
