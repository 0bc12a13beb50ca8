// Finds a define*(...) call in its source file and the positions of the names inside its object literal,
// so that errors and editor features point at `name: "UserBlock"` or at a field's key rather than at the
// call. Files are parsed with the TypeScript parser; the few parsed last are kept (by path and
// modification time), since a file's definitions run one after the other while it is evaluated, and a
// long-lived loader evaluates again the same few files on each save. Keeping every parsed file would hold
// hundreds of megabytes for a large model. Node's type stripping replaces types with spaces, so runtime
// positions match the source text.
import { readFileSync, statSync } from "node:fs";
import ts from "typescript";
import type { SourceLocation } from "./domain-model.ts";
import type { CallSite } from "./stack-frames.ts";

const CACHED_FILES = 16;
/** Least recently used first. */
const cache = new Map<string, { mtimeMs: number; sourceFile: ts.SourceFile | undefined }>();

function parse(file: string): ts.SourceFile | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = cache.get(file);
  cache.delete(file);
  if (cached && cached.mtimeMs === mtimeMs) {
    cache.set(file, cached);
    return cached.sourceFile;
  }
  let sourceFile: ts.SourceFile | undefined;
  try {
    const kind = /\.[cm]?jsx?$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    sourceFile = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, kind);
  } catch {
    sourceFile = undefined;
  }
  cache.set(file, { mtimeMs, sourceFile });
  if (cache.size > CACHED_FILES) cache.delete(cache.keys().next().value!);
  return sourceFile;
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

export function locateDefinition(site: CallSite | undefined): DefinitionSource {
  const call = site ? siteLocation(site) : UNKNOWN;
  const sourceFile = site && parse(site.file);
  const argument = sourceFile && site ? findCallArgument(sourceFile, site) : undefined;
  const locate = (node: ts.Node) => nodeLocation(sourceFile!, node, call.file);
  return {
    call,
    valueLocation(path) {
      const node = argument && descend(argument, path);
      return node ? locate(node) : call;
    },
    keys(path) {
      const node = argument && descend(argument, path);
      if (!node || !ts.isObjectLiteralExpression(node)) return [];
      const keys: KeyPosition[] = [];
      for (const property of node.properties) {
        const name = property.name && propertyName(property.name);
        if (name !== undefined) keys.push({ key: name, location: locate(property.name!) });
      }
      return keys;
    },
  };
}

function findCallArgument(sourceFile: ts.SourceFile, site: CallSite): ts.Expression | undefined {
  let position: number;
  try {
    position = sourceFile.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
  } catch {
    return undefined;
  }
  // The innermost call whose callee (or opening parenthesis) spans the position V8 reported.
  let best: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (position < node.getFullStart() || position > node.end) return;
    if (ts.isCallExpression(node)) {
      const start = node.getStart(sourceFile);
      if (
        start <= position &&
        position <= node.arguments.pos &&
        (!best || start >= best.getStart(sourceFile))
      ) {
        best = node;
      }
    }
    node.forEachChild(visit);
  };
  visit(sourceFile);
  return best?.arguments[0];
}

function descend(node: ts.Expression, path: readonly string[]): ts.Node | undefined {
  let current: ts.Node | undefined = node;
  for (const segment of path) {
    if (!ts.isObjectLiteralExpression(current)) return undefined;
    current = propertyValues(current).get(segment);
    if (!current) return undefined;
  }
  return current;
}

/**
 * Property name → value node (the last one written, as at run time), built once per object literal: a
 * registry of a thousand products looks up each product's description and tag in its one literal.
 */
const valuesByLiteral = new WeakMap<ts.ObjectLiteralExpression, Map<string, ts.Node>>();

function propertyValues(literal: ts.ObjectLiteralExpression): Map<string, ts.Node> {
  let values = valuesByLiteral.get(literal);
  if (values) return values;
  values = new Map();
  for (const property of literal.properties) {
    const name = property.name && propertyName(property.name);
    if (name === undefined) continue;
    if (ts.isPropertyAssignment(property)) values.set(name, property.initializer);
    else if (ts.isShorthandPropertyAssignment(property)) values.set(name, property.name);
  }
  valuesByLiteral.set(literal, values);
  return values;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function nodeLocation(sourceFile: ts.SourceFile, node: ts.Node, file: string): SourceLocation {
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}
