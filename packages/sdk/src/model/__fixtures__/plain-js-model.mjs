// A model written in plain JavaScript, with a block that uses itself and a block defined further down.
import { defineProductBlock, defineProductType, defineRegistry, r } from "../index.ts";

export const Tree = defineProductBlock({
  name: "Tree",
  fields: {
    children: r.list(r.block(() => Tree)),
    leaf: r.block(() => Leaf).optional(),
  },
});

export const Leaf = defineProductBlock({ name: "Leaf", fields: { label: r.string() } });

export default defineRegistry({
  Forest: defineProductType({ name: "Forest", blocks: { root: r.block(Tree) } }),
});
