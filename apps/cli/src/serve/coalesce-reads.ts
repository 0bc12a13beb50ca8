// Identical reads that arrive together share one database query, without ever answering a request
// with data read before it arrived: a request joins the next query to start, never one in flight.
// Under 20 clients asking for the same list, the database runs at most two such queries at a time
// instead of twenty, and every answer is still as fresh as a query of its own.

interface Batch<T> {
  started: boolean;
  result: Promise<T>;
}

export class ReadCoalescer {
  readonly #running = new Map<string, Promise<unknown>>();
  readonly #next = new Map<string, Batch<unknown>>();

  read<T>(key: string, query: () => Promise<T>): Promise<T> {
    const waiting = this.#next.get(key);
    if (waiting && !waiting.started) return waiting.result as Promise<T>;
    const before = this.#running.get(key) ?? Promise.resolve();
    const batch: Batch<T> = { started: false, result: undefined as unknown as Promise<T> };
    batch.result = before
      .catch(() => {})
      .then(() => {
        batch.started = true;
        if (this.#next.get(key) === batch) this.#next.delete(key);
        const running = query();
        this.#running.set(key, running);
        return running.finally(() => {
          if (this.#running.get(key) === running) this.#running.delete(key);
        });
      });
    this.#next.set(key, batch as Batch<unknown>);
    return batch.result;
  }
}
