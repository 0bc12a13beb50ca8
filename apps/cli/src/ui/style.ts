// Terminal styling: colour only on a TTY and never with NO_COLOR set (https://no-color.org).
import { stripVTControlCharacters } from "node:util";

const enabled = (stream: NodeJS.WriteStream = process.stdout): boolean =>
  Boolean(stream.isTTY) && !("NO_COLOR" in process.env) && process.env.TERM !== "dumb";

const wrap = (open: number, close: number) => (text: string, stream?: NodeJS.WriteStream) =>
  enabled(stream) ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export const style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  underline: wrap(4, 24),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  magenta: wrap(35, 39),
  cyan: wrap(36, 39),
};

/** The columns a text takes on a terminal: colour codes take none. */
export const visibleWidth = (text: string): number => stripVTControlCharacters(text).length;

/** Lays out rows as aligned columns under a header, measured by visible width so colours keep them aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(visibleWidth(title), ...rows.map((row) => visibleWidth(row[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell + " ".repeat(Math.max(0, widths[i]! - visibleWidth(cell))))
      .join("  ")
      .trimEnd();
  return [style.bold(line(header)), ...rows.map(line)].join("\n");
}
