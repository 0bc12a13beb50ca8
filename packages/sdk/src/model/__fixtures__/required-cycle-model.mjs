// A and B hold each other through required fields: no subscription could ever hold them.
import { defineProductBlock, defineProductType, defineRegistry, r } from "../index.ts";

const A = defineProductBlock({ name: "A", fields: { b: r.block(() => B) } });
const B = defineProductBlock({ name: "B", fields: { a: r.block(A).requiredFrom("active") } });

export default defineRegistry({ P: defineProductType({ name: "P", blocks: { a: r.block(A) } }) });
