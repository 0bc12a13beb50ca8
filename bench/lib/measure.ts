// Timing, query counting and table printing shared by the benchmarks.
import { availableParallelism, loadavg } from "node:os";
import type { Database } from "@orchestrator/sdk";

export interface Timing {
  median: number;
  min: number;
  /** Queries per repetition (the last one's). */
  queries: number;
}

/** Counts the queries that go through `db.query` (every SDK read does). */
export function countQueries(db: Database): { readonly count: number; reset(): void } {
  let count = 0;
  const query = db.query.bind(db);
  db.query = ((sql: string, params?: unknown[]) => {
    count++;
    return query(sql, params);
  }) as Database["query"];
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}

export interface Case {
  label: string;
  work: () => Promise<unknown>;
}

/**
 * Runs every case once to warm up, then `repetitions` rounds of every case, in an order rotated each
 * round, so that load from other processes falls on every case alike and ratios between cases hold.
 * Milliseconds, in the order of `cases`.
 */
export async function measureRounds(
  repetitions: number,
  cases: Case[],
  counter?: { readonly count: number; reset(): void },
): Promise<Timing[]> {
  for (const c of cases) await c.work();
  const times: number[][] = cases.map(() => []);
  const queries: number[] = cases.map(() => 0);
  for (let round = 0; round < repetitions; round++) {
    for (let j = 0; j < cases.length; j++) {
      const i = (j + round) % cases.length;
      counter?.reset();
      const started = performance.now();
      await cases[i]!.work();
      times[i]!.push(performance.now() - started);
      queries[i] = counter?.count ?? 0;
    }
  }
  return times.map((t, i) => ({ median: median(t), min: Math.min(...t), queries: queries[i]! }));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A plain-text table: the first row is the header; columns after the first are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

/** Other processes' load skews every figure: printed with them. */
export function loadAverage(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
}
