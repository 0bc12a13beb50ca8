// The server's footprint between saves. Every refresh replaces the model and the comparison (tens of
// megabytes for a large model), and V8 left alone lets the heap grow to several times what is live
// before it collects, which an editor pays for in resident memory for as long as it is open. So once a
// refresh has been published, the server collects: a full collection takes some tens of milliseconds
// on a large model, runs while the editor shows the result, and is skipped when the heap has not grown
// much since the last one.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Collect only when the heap has grown by this much since the last collection. */
const GROWTH_BEFORE_COLLECTING = 16 * 1024 * 1024;
/** Long enough for the published result to be written to the client first. */
const DELAY_MS = 10;

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

let timer: NodeJS.Timeout | undefined;
let heapAfterLastCollection = 0;

export function collectGarbageSoon(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (getHeapStatistics().used_heap_size - heapAfterLastCollection < GROWTH_BEFORE_COLLECTING) return;
    collectGarbage();
    heapAfterLastCollection = getHeapStatistics().used_heap_size;
  }, DELAY_MS);
  timer.unref();
}
