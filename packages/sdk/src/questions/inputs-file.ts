// The --inputs JSON in its two shapes:
//
// * flat, as orchestrator-core reads it: {"<product>": {"description", "tag", "<fixed input>": v},
//   "<block>": {"description", "tag"}, "<resource type>": {"description", "value", "<block>": v}} — one
//   namespace, so an entry applies to every product, block and resource type of that name;
// * namespaced: {"products": {"<product>": {"description", "tag", "fixed_inputs": {"<fi>": v}}},
//   "product_blocks": {"<block>": {...}}, "resource_types": {"<rt>": {...}}} — chosen when every top-level
//   key is one of those three. Fixed inputs may also sit directly in the product entry, as in the flat shape.
//
// Numbers and booleans are turned into strings; null counts as "not answered"; a JSON array is accepted
// for the default value of a list resource type.
import { own } from "./answers.ts";
import type { KnownNames } from "./known-names.ts";
import type { Question } from "./question.ts";
import { AnswersFileError } from "./question-errors.ts";

type JsonObject = Record<string, unknown>;
type Namespace = "products" | "product_blocks" | "resource_types";

const NAMESPACES: readonly Namespace[] = ["products", "product_blocks", "resource_types"];
const FILE = "--inputs";

export interface InputsFile {
  shape: "flat" | "namespaced";
  root: JsonObject;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function parseInputsFile(raw: unknown): InputsFile {
  const root = typeof raw === "string" ? parseJson(raw) : (raw ?? {});
  if (!isObject(root)) throw AnswersFileError.notAnObject(FILE, "(top level)");
  return { shape: isNamespaced(root) ? "namespaced" : "flat", root };
}

function isNamespaced(root: JsonObject): boolean {
  const keys = Object.keys(root);
  return keys.length > 0 && keys.every((k) => (NAMESPACES as readonly string[]).includes(k));
}

/** Keys an entry may hold whatever the questions: what identifies and describes the row. */
const ENTRY_KEYS = ["description", "tag", "product_type", "value"];

/**
 * A project's answers file reduced to what these questions ask, in its own shape. `resolveAnswers`
 * refuses names a migration asks nothing about (typos in a file written for one migration), but a file
 * kept in a project (the example's answers.json) answers many migrations. Not an object: undefined.
 */
export function filterInputs(raw: unknown, questions: readonly Question[]): JsonObject | undefined {
  if (!isObject(raw)) return undefined;
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
  if (!isNamespaced(raw)) return keep(raw);
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([, container]) => isObject(container))
      .map(([namespace, container]) => [namespace, keep(container as JsonObject)]),
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new AnswersFileError(
      "ORCH_ANSWERS_FILE_INVALID",
      `${FILE} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
}

const namespaceOf = (q: Question): Namespace =>
  q.kind.startsWith("product-") || q.kind === "fixed-input-value"
    ? "products"
    : q.kind.startsWith("block-")
      ? "product_blocks"
      : "resource_types";

/** The entry object for a name in a namespace, and its path for messages. */
function entry(
  file: InputsFile,
  ns: Namespace,
  name: string,
): { value: JsonObject; path: string[] } | undefined {
  const path = file.shape === "namespaced" ? [ns, name] : [name];
  const container = file.shape === "namespaced" ? own(file.root, ns) : file.root;
  if (container === undefined) return undefined;
  if (!isObject(container)) throw AnswersFileError.notAnObject(FILE, formatPath([ns]));
  const value = own(container, name);
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw AnswersFileError.notAnObject(FILE, formatPath(path));
  return { value, path };
}

export const formatPath = (path: readonly string[]): string =>
  `${FILE} → ${path.map((p) => JSON.stringify(p)).join(" → ")}`;

export interface FoundInput {
  raw: string;
  where: string;
}

/** The answer the file gives to a question, or undefined. Non-scalars are reported with their path. */
export function findInput(file: InputsFile, q: Question): FoundInput | undefined {
  const [name, key] = q.inputsPath ?? [];
  if (name === undefined || key === undefined) return undefined;
  const found = entry(file, namespaceOf(q), name);
  if (!found) return undefined;
  const candidates: [JsonObject, string[]][] = [[found.value, [...found.path, key]]];
  if (q.kind === "fixed-input-value") {
    const nested = own(found.value, "fixed_inputs");
    if (isObject(nested)) candidates.unshift([nested, [...found.path, "fixed_inputs", key]]);
  }
  if (q.kind === "default-value") candidates.push([found.value, [...found.path, "value"]]);
  for (const [object, path] of candidates) {
    const value = own(object, path[path.length - 1]!);
    if (value === undefined || value === null) continue;
    return { raw: toAnswerText(value, q, path), where: formatPath(path) };
  }
  return undefined;
}

function toAnswerText(value: unknown, q: Question, path: string[]): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value) && q.kind === "default-value") return JSON.stringify(value);
  throw new AnswersFileError(
    "ORCH_ANSWERS_FILE_INVALID",
    `${formatPath(path)}: expected a string, number or boolean${q.kind === "default-value" ? " (or a JSON array for a list)" : ""}, got ${Array.isArray(value) ? "an array" : typeof value}.`,
  );
}

/**
 * Every name in the file must be a product, block or resource type that the models or the database know,
 * and every key a question about it. Entries this migration needs no answer for are accepted (one file
 * serves several databases); `unusedInputs` lists them. The reference ignored unknown names silently, so
 * a typo went unnoticed: those are refused, with the closest known name.
 */
export function checkInputNames(file: InputsFile, known: KnownNames): void {
  const keysOf: Record<Namespace, (name: string) => Set<string> | undefined> = {
    products: (name) => {
      const fixedInputs = known.products.get(name);
      return fixedInputs && new Set([...PRODUCT_KEYS, ...fixedInputs]);
    },
    product_blocks: (name) => (known.blocks.has(name) ? new Set(BLOCK_KEYS) : undefined),
    resource_types: (name) => {
      const blocks = known.resourceTypes.get(name);
      return blocks && new Set([...RESOURCE_TYPE_KEYS, ...blocks]);
    },
  };
  const namesOf: Record<Namespace, () => Iterable<string>> = {
    products: () => known.products.keys(),
    product_blocks: () => known.blocks,
    resource_types: () => known.resourceTypes.keys(),
  };
  const groups: { label: string; prefix: string[]; container: JsonObject; namespaces: Namespace[] }[] =
    file.shape === "namespaced"
      ? NAMESPACES.flatMap((ns) => {
          const container = own(file.root, ns);
          if (container === undefined || container === null) return [];
          if (!isObject(container)) throw AnswersFileError.notAnObject(FILE, formatPath([ns]));
          return [{ label: LABELS[ns], prefix: [ns], container, namespaces: [ns] }];
        })
      : [
          {
            label: "products, product blocks or resource types",
            prefix: [],
            container: file.root,
            namespaces: [...NAMESPACES],
          },
        ];

  for (const { label, prefix, container, namespaces } of groups) {
    const keysByName = (name: string): Set<string> | undefined => {
      const sets = namespaces.flatMap((ns) => keysOf[ns](name) ?? []);
      return sets.length === 0 ? undefined : new Set(sets.flatMap((set) => [...set]));
    };
    const unknown = Object.keys(container).filter((name) => keysByName(name) === undefined);
    if (unknown.length > 0) {
      const names = namespaces.flatMap((ns) => [...namesOf[ns]()]);
      throw AnswersFileError.unknownNames(
        prefix.length === 0 ? FILE : formatPath(prefix),
        label,
        unknown,
        names,
      );
    }
    for (const [name, value] of Object.entries(container)) {
      if (!isObject(value)) continue;
      const keys = keysByName(name)!;
      const unknownKeys = Object.keys(value).filter((k) => !keys.has(k));
      if (unknownKeys.length > 0)
        throw AnswersFileError.unknownKeys(formatPath([...prefix, name]), unknownKeys, keys);
      const nested = own(value, "fixed_inputs");
      if (!isObject(nested)) continue;
      const fixedInputs = known.products.get(name) ?? new Set<string>();
      const unknownFixedInputs = Object.keys(nested).filter((k) => !fixedInputs.has(k));
      if (unknownFixedInputs.length > 0) {
        throw AnswersFileError.unknownKeys(
          formatPath([...prefix, name, "fixed_inputs"]),
          unknownFixedInputs,
          fixedInputs,
        );
      }
    }
  }
}

/**
 * The answers in the file that no question of this migration took, as paths ("--inputs → "age" →
 * "UserBlock""): kept for other databases, and listed so a reader sees what this run did not use.
 * `used` holds the paths of the answers taken (FoundInput.where). Nulls (blanks of a template) and
 * product_type (which identifies, not answers) are not listed.
 */
export function unusedInputs(file: InputsFile, used: ReadonlySet<string>): string[] {
  const unused: string[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (value === null || value === undefined || path[path.length - 1] === "product_type") return;
    if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, [...path, key]);
      return;
    }
    const where = formatPath(path);
    if (!used.has(where)) unused.push(where);
  };
  for (const [name, entry] of Object.entries(file.root)) walk(entry, [name]);
  return unused;
}

const PRODUCT_KEYS = ["description", "tag", "product_type", "fixed_inputs"];
const BLOCK_KEYS = ["description", "tag"];
const RESOURCE_TYPE_KEYS = ["description", "value"];
const LABELS: Record<Namespace, string> = {
  products: "products",
  product_blocks: "product blocks",
  resource_types: "resource types",
};
