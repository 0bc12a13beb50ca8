// The same product registered twice: JavaScript keeps only the last entry, so this must be an error.
import { defineProductBlock, defineProductType, defineRegistry, r } from "../index.ts";

const Blk = defineProductBlock({ name: "Blk", fields: { v: r.string() } });
const T = defineProductType({ name: "T", blocks: { b: r.block(Blk) } });

export default defineRegistry({
  // biome-ignore lint/suspicious/noDuplicateObjectKeys: the duplicate is what this fixture is about.
  Same: T,
  Other: T,
  Same: T,
});
