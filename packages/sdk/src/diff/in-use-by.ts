import { plural } from "../plural.ts";
import type { SnapshotInUseBy } from "../snapshot/snapshot.ts";

/** "2 subscriptions of L2VPN, IP peer (customers c1, c2)": who loses relations when a product goes. */
export function describeInUseBy(inUseBy: SnapshotInUseBy): string {
  const n = inUseBy.subscriptions;
  const more = n > inUseBy.customers.length ? ", …" : "";
  return `${plural(n, "subscription")} of ${inUseBy.products.join(", ")} (customers ${inUseBy.customers.join(", ")}${more})`;
}
