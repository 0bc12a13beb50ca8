// SDK locations are 1-based with an exclusive end column (as compilers print them); LSP positions are
// 0-based. Every conversion between the two lives here.
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SourceLocation } from "@orchestrator/sdk";
import type { Position, Range } from "vscode-languageserver";

export function toRange(location: SourceLocation): Range {
  const start = { line: Math.max(0, location.line - 1), character: Math.max(0, location.column - 1) };
  const end = { line: Math.max(0, location.endLine - 1), character: Math.max(0, location.endColumn - 1) };
  // A location that only knows its start (a stack frame) still gets a visible, one-character range.
  if (end.line < start.line || (end.line === start.line && end.character <= start.character)) {
    return { start, end: { line: start.line, character: start.character + 1 } };
  }
  return { start, end };
}

export function toUri(file: string): string {
  return pathToFileURL(file).href;
}

export function contains(range: Range, position: Position): boolean {
  const after =
    position.line > range.start.line ||
    (position.line === range.start.line && position.character >= range.start.character);
  const before =
    position.line < range.end.line ||
    (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

export function overlaps(a: Range, b: Range): boolean {
  return contains(a, b.start) || contains(a, b.end) || contains(b, a.start);
}

export function sameLocation(a: SourceLocation, b: SourceLocation): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** Clients spell file URIs differently (VS Code escapes ':' in drive letters): compare them as paths. */
export function normalizeUri(uri: string): string {
  try {
    return toUri(fileURLToPath(uri));
  } catch {
    return uri;
  }
}
