// The custom scalar kinds a pull can infer, as the source of the file it writes beside the registry when
// a pulled resource type uses one. Kept as text: the pulled project owns (and may change) this code.

export const SCALAR_KINDS_FILE = "scalar_kinds.ts";

export const SCALAR_KINDS_SOURCE = `// Pulled from the database by \`orchestrator models pull\`; edit it as your own from here on.
// Custom scalar kinds: stored as text, typed by their parser.
import { defineScalarKind } from "@orchestrator/sdk";

/** A VLAN range as stored: "100-199,300". Used as [first, last] pairs. */
export const vlanRange = defineScalarKind({
  name: "vlan_range",
  parse: (text: string) =>
    text.split(",").map((range) => {
      const [first = 0, last = first] = range.split("-").map(Number);
      return [first, last] as const;
    }),
  format: (ranges: readonly (readonly [number, number])[]) =>
    ranges.map(([first, last]) => (first === last ? String(first) : \`\${first}-\${last}\`)).join(","),
});
`;
