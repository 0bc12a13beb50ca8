// How pulled names become TypeScript source: identifiers, file names, object keys and string literals,
// written the way Biome formats them, so that the files pass `biome check` as written.

/** Globals a module-level `const` must not shadow (Biome's noShadowRestrictedNames and readability). */
const TAKEN_GLOBALS = new Set([
  "Array",
  "BigInt",
  "Boolean",
  "Date",
  "Error",
  "Function",
  "Infinity",
  "JSON",
  "Map",
  "Math",
  "NaN",
  "Number",
  "Object",
  "Promise",
  "Proxy",
  "Reflect",
  "RegExp",
  "Set",
  "String",
  "Symbol",
]);

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** The words of a database name: "core link 10G" → ["core", "link", "10G"], "CorePort" → ["Core", "Port"]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** "core link" → "CoreLink"; a name without letters or starting with a digit gets `fallback` in front. */
export function pascalCase(name: string, fallback: string): string {
  const joined = words(name)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
  if (joined === "") return fallback;
  const identifier = /^[0-9]/.test(joined) ? `${fallback}${joined}` : joined;
  return TAKEN_GLOBALS.has(identifier) ? `${identifier}${fallback}` : identifier;
}

/** "CorePort" → "core_port", always starting with a letter (a file name or a model field name). */
export function snakeCase(name: string, fallback: string): string {
  const joined = words(name)
    .map((word) => word.toLowerCase())
    .join("_");
  if (joined === "") return fallback;
  return /^[0-9]/.test(joined) ? `${fallback}_${joined}` : joined;
}

/** `wanted`, or `wanted2`, `wanted3`, … : the first that `taken` does not hold; records it. */
export function unique(wanted: string, taken: Set<string>, separator = ""): string {
  let candidate = wanted;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${wanted}${separator}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A string literal as Biome writes it: double quotes unless that needs more escapes than single ones. */
export function stringLiteral(text: string): string {
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  const json = JSON.stringify(text);
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** An object key: bare when it is an identifier name (as Biome leaves it), quoted otherwise. */
export function objectKey(name: string): string {
  return IDENTIFIER_NAME.test(name) ? name : stringLiteral(name);
}

/**
 * The order Biome's organizeImports gives relative import paths made of lowercase letters, digits, "_",
 * "/" and ".": "." before "_" before digits before letters ("node.ts" < "node_type.ts").
 */
export function compareImportPaths(a: string, b: string): number {
  const rank = (ch: string) => (ch === "." ? 0 : ch === "/" ? 1 : ch === "_" ? 2 : /[0-9]/.test(ch) ? 3 : 4);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const byRank = rank(a[i]!) - rank(b[i]!);
    return byRank !== 0 ? byRank : a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
}
