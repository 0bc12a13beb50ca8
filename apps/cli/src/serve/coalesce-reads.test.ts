import { describe, expect, it } from "vitest";
import { ReadCoalescer } from "./coalesce-reads.ts";

/** A query the test finishes by hand, counting how often it started. */
function manualQuery() {
  const finishers: ((value: string) => void)[] = [];
  const query = () => new Promise<string>((resolve) => finishers.push(resolve));
  return {
    query,
    started: () => finishers.length,
    finish: (index: number, value: string) => finishers[index]!(value),
  };
}

describe("ReadCoalescer", () => {
  it("runs one query for identical reads that arrive together", async () => {
    const reads = new ReadCoalescer();
    const q = manualQuery();
    const all = Promise.all([reads.read("k", q.query), reads.read("k", q.query), reads.read("k", q.query)]);
    await Promise.resolve();
    await Promise.resolve();
    expect(q.started()).toBe(1);
    q.finish(0, "a");
    expect(await all).toEqual(["a", "a", "a"]);
  });

  it("never answers a read with a query that started before it arrived", async () => {
    const reads = new ReadCoalescer();
    const q = manualQuery();
    const first = reads.read("k", q.query);
    await new Promise((resolve) => setImmediate(resolve));
    expect(q.started()).toBe(1);
    const second = reads.read("k", q.query);
    const third = reads.read("k", q.query);
    q.finish(0, "old");
    expect(await first).toBe("old");
    await new Promise((resolve) => setImmediate(resolve));
    expect(q.started()).toBe(2);
    q.finish(1, "new");
    expect([await second, await third]).toEqual(["new", "new"]);
  });

  it("keeps different keys apart and recovers after a failed query", async () => {
    const reads = new ReadCoalescer();
    await expect(reads.read("a", () => Promise.reject(new Error("gone")))).rejects.toThrow("gone");
    expect(await reads.read("a", async () => "back")).toBe("back");
    expect(await Promise.all([reads.read("a", async () => 1), reads.read("b", async () => 2)])).toEqual([
      1, 2,
    ]);
  });
});
