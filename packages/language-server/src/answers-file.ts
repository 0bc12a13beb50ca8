// A project may keep the answers to migration questions in a JSON file (the CLI's --inputs shape, e.g.
// the example project's answers.json). The SDK refuses names a migration asks nothing about (to catch
// typos in a file written for one migration), but a file kept in the project answers many migrations:
// only the entries this migration asks about are passed on.
import type { Question } from "./questions.ts";

type JsonObject = Record<string, unknown>;

const NAMESPACES = ["products", "product_blocks", "resource_types"];
const ENTRY_KEYS = ["description", "tag", "product_type", "value"];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function filterAnswers(file: unknown, questions: readonly Question[]): JsonObject | undefined {
  if (!isObject(file)) return undefined;
  const keysByName = new Map<string, Set<string>>();
  for (const q of questions) {
    const [name, key] = q.inputsPath ?? [];
    if (name === undefined || key === undefined) continue;
    keysByName.set(name, (keysByName.get(name) ?? new Set(ENTRY_KEYS)).add(key));
  }
  const keep = (container: JsonObject): JsonObject => {
    const out: JsonObject = {};
    for (const [name, entry] of Object.entries(container)) {
      const keys = keysByName.get(name);
      if (!keys || !isObject(entry)) continue;
      const kept: JsonObject = {};
      for (const [key, value] of Object.entries(entry)) {
        if (key === "fixed_inputs" && isObject(value)) {
          kept[key] = Object.fromEntries(Object.entries(value).filter(([fi]) => keys.has(fi)));
        } else if (keys.has(key)) {
          kept[key] = value;
        }
      }
      out[name] = kept;
    }
    return out;
  };
  const keys = Object.keys(file);
  const namespaced = keys.length > 0 && keys.every((k) => NAMESPACES.includes(k));
  if (!namespaced) return keep(file);
  return Object.fromEntries(
    keys.filter((ns) => isObject(file[ns])).map((ns) => [ns, keep(file[ns] as JsonObject)]),
  );
}
