// The --updates JSON: the reference's rename sections (fixed_inputs, resource_types,
// block_resource_types) plus product_blocks and products, checked for shape. What the renames mean is
// decided by the diff (diff/renames.ts), which receives them as they are.
import type { Updates } from "../diff/change-set.ts";
import { AnswersFileError } from "./question-errors.ts";

/** An --updates value, checked for shape. */
export function parseUpdates(raw: unknown): Updates | undefined {
  if (raw === undefined || raw === null) return undefined;
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      throw new AnswersFileError(
        "ORCH_ANSWERS_FILE_INVALID",
        `--updates is not valid JSON: ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw AnswersFileError.notAnObject("--updates", "(top level)");
  const known = ["fixed_inputs", "resource_types", "block_resource_types", "product_blocks", "products"];
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw AnswersFileError.unknownSections("--updates", unknown, known);
  const depth: Record<string, number> = {
    fixed_inputs: 2,
    block_resource_types: 2,
    resource_types: 1,
    product_blocks: 1,
    products: 1,
  };
  for (const [section, content] of Object.entries(value)) {
    const check = (v: unknown, level: number, path: string[]): void => {
      if (level === 0) {
        if (typeof v !== "string")
          throw new AnswersFileError(
            "ORCH_ANSWERS_FILE_INVALID",
            `--updates → ${path.join(" → ")}: expected the new name as a string.`,
          );
        return;
      }
      if (!isObject(v)) throw AnswersFileError.notAnObject("--updates", path.join(" → "));
      for (const [k, inner] of Object.entries(v)) check(inner, level - 1, [...path, k]);
    };
    check(content, depth[section]!, [section]);
  }
  return value as Updates;
}
