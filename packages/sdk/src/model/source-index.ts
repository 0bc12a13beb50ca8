// Finds a define*(...) call in its source file and the positions of the names inside its object literal,
// so that errors and editor features point at `name: "UserBlock"` or at a field's key rather than at the
// call. Files are read with a small scanner (source-scanner.ts); the few read last during a load
// are kept, since a file's definitions run one after the other while it is evaluated. Node's type stripping replaces
// types with spaces, so runtime positions match the source text.
import { readFileSync } from "node:fs";
import type { SourceLocation } from "./domain-model.ts";
import { modelSource } from "./model-sources.ts";
import { type ObjectLiteral, SourceText, type Span } from "./source-scanner.ts";
import { type CallSite, callerFile, captureCallSite } from "./stack-frames.ts";

const CACHED_FILES = 16;
/** Least recently used first; emptied before every load (forgetSourceTexts). */
const cache = new Map<string, SourceText | undefined>();

/**
 * Called before a registry module is imported: a file changed since the last load must be read again,
 * and its modification time cannot tell (two saves within one tick of the file clock keep it).
 */
export function forgetSourceTexts(): void {
  cache.clear();
  definitionsEvaluated.clear();
}

function read(file: string): SourceText | undefined {
  if (cache.has(file)) {
    const source = cache.get(file);
    cache.delete(file);
    cache.set(file, source);
    return source;
  }
  let source: SourceText | undefined;
  try {
    source = new SourceText(modelSource(file) ?? readFileSync(file, "utf8"));
  } catch {
    source = undefined;
  }
  cache.set(file, source);
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return source;
}

export interface KeyPosition {
  key: string;
  location: SourceLocation;
}

/** What a define* function knows about its own source text. Every lookup may fail (then: the call site). */
export interface DefinitionSource {
  readonly call: SourceLocation;
  /** Location of the value of `arg.<path>` (e.g. the `name:` string literal). */
  valueLocation(path: readonly string[]): SourceLocation;
  /** Keys of the object literal at `arg.<path>` in source order, duplicates included. */
  keys(path: readonly string[]): KeyPosition[];
}

export function siteLocation(site: CallSite): SourceLocation {
  return {
    file: site.file,
    line: site.line,
    column: site.column,
    endLine: site.line,
    endColumn: site.column,
  };
}

const UNKNOWN: SourceLocation = { file: "<unknown>", line: 1, column: 1, endLine: 1, endColumn: 1 };

const DEFINE_FUNCTIONS: ReadonlySet<string> = new Set([
  "defineProductBlock",
  "defineProductType",
  "defineRegistry",
]);

/** Definitions evaluated so far per file, during the current load. */
const definitionsEvaluated = new Map<string, number>();

/**
 * The source of the define* call running now. Cheap: the calling file only, and the n-th define* call
 * written in it for the file's n-th definition at run time, accepted when it is a call of the same
 * function whose `name` is the same literal (`null`: a registry, which has none). Anything else (definitions made in a
 * loop or a helper, an aliased import, a computed name) takes the exact but slower way: the stack
 * trace's line and column (see callerFile).
 */
// biome-ignore lint/complexity/noBannedTypes: the define* function itself marks the frame boundary.
export function locateDefinitionCall(callee: Function, name: string | null): DefinitionSource {
  const file = callerFile(callee);
  if (file !== undefined) {
    const ordinal = definitionsEvaluated.get(file) ?? 0;
    definitionsEvaluated.set(file, ordinal + 1);
    const source = read(file);
    const call = source?.calls(DEFINE_FUNCTIONS)[ordinal];
    if (source && call?.callee === callee.name) {
      const argument = source.callArgumentAt(call.offset);
      const nameSpan = argument && property(argument, "name")?.value;
      const written = nameSpan && source.stringAt(nameSpan);
      if (name === null ? argument !== undefined : written === name) {
        const { line, column } = source.lineAndColumn(call.offset);
        return definitionIn(siteLocation({ file, line, column }), source, argument);
      }
    }
  }
  return locateDefinition(captureCallSite(callee));
}

export function locateDefinition(site: CallSite | undefined): DefinitionSource {
  const call = site ? siteLocation(site) : UNKNOWN;
  const source = site && read(site.file);
  const offset = source && site ? source.offsetOf(site.line, site.column) : undefined;
  const argument = offset === undefined ? undefined : source!.callArgumentAt(offset);
  return definitionIn(call, source, argument);
}

function definitionIn(
  call: SourceLocation,
  source: SourceText | undefined,
  argument: ObjectLiteral | undefined,
): DefinitionSource {
  const locate = (span: Span): SourceLocation => {
    const start = source!.lineAndColumn(span.start);
    const end = source!.lineAndColumn(span.end);
    return {
      file: call.file,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  };
  return {
    call,
    valueLocation(path) {
      const span = argument && descend(argument, path);
      return span ? locate(span) : call;
    },
    keys(path) {
      const object = argument && objectAt(argument, path);
      if (!object) return [];
      const keys: KeyPosition[] = [];
      for (const property of object.properties)
        if (property.key !== undefined) keys.push({ key: property.key, location: locate(property.keySpan) });
      return keys;
    },
  };
}

/**
 * The property written last under that key wins, as at run time. Indexed once per object literal: a
 * registry of a thousand products looks up each product's description and tag in its one literal.
 */
const propertiesByKey = new WeakMap<ObjectLiteral, Map<string, ObjectLiteral["properties"][number]>>();

function property(object: ObjectLiteral, key: string) {
  let byKey = propertiesByKey.get(object);
  if (!byKey) {
    byKey = new Map();
    for (const candidate of object.properties)
      if (candidate.key !== undefined) byKey.set(candidate.key, candidate);
    propertiesByKey.set(object, byKey);
  }
  return byKey.get(key);
}

function objectAt(object: ObjectLiteral, path: readonly string[]): ObjectLiteral | undefined {
  let current: ObjectLiteral | undefined = object;
  for (const segment of path) current = current && property(current, segment)?.object;
  return current;
}

function descend(object: ObjectLiteral, path: readonly string[]): Span | undefined {
  if (path.length === 0) return object.span;
  const parent = objectAt(object, path.slice(0, -1));
  return parent && property(parent, path.at(-1)!)?.value;
}
