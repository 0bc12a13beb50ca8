// Whether a database's tables can hold what this project reads and writes: every expected table,
// column, unique key and foreign key is there with a compatible type, nullability, default and ON DELETE.
// Anything extra (tables, columns, indexes, triggers) is fine: orchestrator-core keeps adding them.
// Pure: shapes in, mismatches out.
import type { ColumnShape, ForeignKeyShape, TableShape } from "./table-shapes.ts";

export interface SchemaMismatch {
  table: string;
  /** The column, when the mismatch is about one. */
  column?: string;
  /** What is wrong, in a phrase: "is missing", "has type integer, expected uuid". */
  problem: string;
}

export function findSchemaMismatches(
  expected: ReadonlyMap<string, TableShape>,
  actual: ReadonlyMap<string, TableShape>,
): SchemaMismatch[] {
  const mismatches: SchemaMismatch[] = [];
  for (const want of expected.values()) {
    const have = actual.get(want.name);
    if (!have) {
      mismatches.push({ table: want.name, problem: "table is missing" });
      continue;
    }
    const columns = new Map(have.columns.map((column) => [column.name, column]));
    for (const column of want.columns) {
      const found = columns.get(column.name);
      const problem = found ? columnProblem(column, found) : "is missing";
      if (problem) mismatches.push({ table: want.name, column: column.name, problem });
    }
    for (const key of want.uniqueKeys) {
      if (!have.uniqueKeys.some((other) => sameSet(other, key)))
        mismatches.push({
          table: want.name,
          column: key.join(", "),
          problem: `has no unique key on (${key.join(", ")})`,
        });
    }
    for (const fk of want.foreignKeys) {
      const problem = foreignKeyProblem(fk, have.foreignKeys);
      if (problem) mismatches.push({ table: want.name, column: fk.columns.join(", "), problem });
    }
  }
  return mismatches;
}

/** Renders one mismatch as `table.column: problem`. */
export function formatMismatch(mismatch: SchemaMismatch): string {
  return `${mismatch.table}${mismatch.column ? `.${mismatch.column}` : ""}: ${mismatch.problem}`;
}

function columnProblem(want: ColumnShape, have: ColumnShape): string | undefined {
  if (!typeFits(want.type, have.type)) return `has type ${have.type}, expected ${want.type}`;
  if (!want.nullable && have.nullable)
    return "allows NULL, which this project reads as never NULL (expected NOT NULL)";
  if (want.nullable && !have.nullable && have.default === null)
    return "is NOT NULL without a default, but this project leaves it NULL (expected nullable)";
  if (want.default !== null && have.default === null)
    return `has no default, but this project inserts rows without it (expected DEFAULT ${want.default})`;
  return undefined;
}

const CHARACTER = /^(character varying|text)(\((\d+)\))?$/;

/** Same type; or text where any length fits: unlimited, or at least as long as this project writes. */
function typeFits(want: string, have: string): boolean {
  if (want === have) return true;
  const wanted = CHARACTER.exec(want);
  const found = CHARACTER.exec(have);
  if (!wanted || !found) return false;
  if (found[3] === undefined) return true;
  return wanted[3] !== undefined && Number(found[3]) >= Number(wanted[3]);
}

function foreignKeyProblem(want: ForeignKeyShape, have: ForeignKeyShape[]): string | undefined {
  const target = `${want.referencedTable} (${want.referencedColumns.join(", ")})`;
  const same = have.filter(
    (fk) =>
      sameList(fk.columns, want.columns) &&
      fk.referencedTable === want.referencedTable &&
      sameList(fk.referencedColumns, want.referencedColumns),
  );
  if (same.length === 0) return `has no foreign key to ${target}`;
  if (!same.some((fk) => fk.onDelete === want.onDelete))
    return `foreign key to ${target} is ON DELETE ${same[0]!.onDelete}, expected ON DELETE ${want.onDelete}`;
  return undefined;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
