// A small scanner for JavaScript and TypeScript source: enough to find a call's object-literal argument
// and the positions of its keys and values. Definitions only need that much, and the TypeScript parser
// used before cost every thread that loaded models about 40 MB (its own source text held twice, plus
// its code) and a full syntax tree per file.
//
// It tokenizes (strings, template literals with their substitutions, comments and regular expressions
// are single tokens, so braces inside them never count) and parses object literals on demand. What it
// does not understand it skips: a lookup that fails falls back to the call site, as before.

export interface Span {
  start: number;
  end: number;
}

export interface ObjectProperty {
  /** The key as the object gets it at run time; undefined for a computed key. */
  key: string | undefined;
  keySpan: Span;
  /** The value's span (the key itself for shorthand `{ name }`); undefined for methods and accessors. */
  value: Span | undefined;
  /** The value, when it is an object literal itself. */
  object: ObjectLiteral | undefined;
}

export interface ObjectLiteral {
  span: Span;
  properties: ObjectProperty[];
}

const Kind = { Identifier: 0, Number: 1, String: 2, Template: 3, RegExp: 4, Punctuation: 5 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_EXPRESSION = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

const isIdentifierStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95 || c > 127;
const isIdentifierPart = (c: number) => isIdentifierStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Tokens are kept in typed arrays: nine bytes a token, grown when full and trimmed after the scan. */
const INITIAL_TOKENS = 1024;

export class SourceText {
  readonly text: string;
  #count = 0;
  #kinds: Uint8Array;
  #starts: Int32Array;
  #ends: Int32Array;
  #lineStarts: number[] | undefined;
  readonly #calls = new Map<ReadonlySet<string>, { callee: string; offset: number }[]>();

  constructor(text: string) {
    this.text = text;
    // Model files hold about one token per five characters: sized so that they rarely grow.
    const capacity = Math.max(INITIAL_TOKENS, Math.ceil(text.length / 4));
    this.#kinds = new Uint8Array(capacity);
    this.#starts = new Int32Array(capacity);
    this.#ends = new Int32Array(capacity);
    this.#scan(0, false);
    this.#kinds = this.#kinds.slice(0, this.#count);
    this.#starts = this.#starts.slice(0, this.#count);
    this.#ends = this.#ends.slice(0, this.#count);
  }

  /** 0-based offset of a 1-based line and column (as V8 reports them). */
  offsetOf(line: number, column: number): number | undefined {
    const starts = this.#lines();
    const lineStart = starts[line - 1];
    if (lineStart === undefined) return undefined;
    return lineStart + column - 1;
  }

  /** 1-based line and column of an offset. */
  lineAndColumn(offset: number): { line: number; column: number } {
    const starts = this.#lines();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /**
   * The first argument of the call whose callee is at `offset` (where V8 places a call in a stack
   * trace: at the called name), if that argument is an object literal.
   */
  callArgumentAt(offset: number): ObjectLiteral | undefined {
    let i = this.#tokenAt(offset);
    // The callee: `defineProductBlock`, `sdk.defineProductBlock`, `f!`, then type arguments `<…>`.
    while (i < this.#count && (this.#kinds[i] === Kind.Identifier || this.#isAny(i, ".", "?.", "!"))) i++;
    if (this.#is(i, "<")) i = this.#skipTypeArguments(i);
    if (!this.#is(i, "(") && !this.#is(i, "?.(")) return undefined;
    return this.#is(i + 1, "{") ? this.#parseObject(i + 1).object : undefined;
  }

  /**
   * Calls of the named functions in source order: the offset of each callee name followed by `(` (or
   * type arguments and `(`), as V8 would report the call. `import { defineRegistry }` is no call.
   */
  calls(names: ReadonlySet<string>): { callee: string; offset: number }[] {
    const cached = this.#calls.get(names);
    if (cached) return cached;
    const found: { callee: string; offset: number }[] = [];
    const lengths = new Set([...names].map((name) => name.length));
    for (let i = 0; i < this.#count; i++) {
      // The length first: slicing every identifier of a large file out of it costs more than the scan.
      if (this.#kinds[i] !== Kind.Identifier || !lengths.has(this.#ends[i]! - this.#starts[i]!)) continue;
      const name = this.#text(i);
      if (!names.has(name)) continue;
      const next = this.#is(i + 1, "<") ? this.#skipTypeArguments(i + 1) : i + 1;
      if (this.#is(next, "(")) found.push({ callee: name, offset: this.#starts[i]! });
    }
    this.#calls.set(names, found);
    return found;
  }

  /** The value of a plain string literal (quotes, no escapes) at `span`; undefined for anything else. */
  stringAt(span: Span): string | undefined {
    const text = this.text.slice(span.start, span.end);
    const quote = text[0];
    if ((quote !== '"' && quote !== "'") || text.length < 2 || text.at(-1) !== quote) return undefined;
    const value = text.slice(1, -1);
    return value.includes("\\") || value.includes(quote) ? undefined : value;
  }

  #lines(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const starts = [0];
    const text = this.text;
    // Line feeds are found by indexOf (native, and far faster than a loop over every character); a
    // file that also holds carriage returns takes the loop, which counts a lone `\r` as a line end too.
    if (!text.includes("\r")) {
      for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.#lineStarts = starts;
    return starts;
  }

  /** Index of the token that contains `offset`, or of the first one after it. */
  #tokenAt(offset: number): number {
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#ends[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #text(i: number): string {
    return this.text.slice(this.#starts[i], this.#ends[i]);
  }

  /** Compared in place: a slice per comparison was most of the time spent on a large file. */
  #is(i: number, punctuation: string): boolean {
    return (
      i < this.#count &&
      this.#kinds[i] === Kind.Punctuation &&
      this.#ends[i]! - this.#starts[i]! === punctuation.length &&
      this.text.startsWith(punctuation, this.#starts[i])
    );
  }

  #isAny(i: number, ...punctuation: string[]): boolean {
    return punctuation.some((one) => this.#is(i, one));
  }

  #span(first: number, last: number): Span {
    return { start: this.#starts[first]!, end: this.#ends[last]! };
  }

  /** Past the `>` that closes the `<` at `i` (type arguments of a call). */
  #skipTypeArguments(i: number): number {
    let depth = 0;
    for (; i < this.#count; i++) {
      if (this.#is(i, "<")) depth++;
      else if (this.#is(i, ">")) depth--;
      else if (this.#is(i, ">>")) depth -= 2;
      else if (this.#isAny(i, ";", "{", "}")) return i;
      if (depth <= 0) return i + 1;
    }
    return i;
  }

  /** Index of the `,` or closing bracket that ends the expression starting at `i`. */
  #skipExpression(i: number): number {
    let depth = 0;
    for (; i < this.#count; i++) {
      if (this.#kinds[i] !== Kind.Punctuation) continue;
      const width = this.#ends[i]! - this.#starts[i]!;
      // The last character: `(` also ends `?.(`.
      const c = this.text.charCodeAt(this.#ends[i]! - 1);
      if (c === 40 || c === 91 || c === 123) {
        if (width === 1 || c === 40) depth++; // ( [ { ?.(
      } else if (width === 1 && (c === 41 || c === 93 || c === 125)) {
        if (depth === 0) return i;
        depth--;
      } else if (width === 1 && c === 44 && depth === 0) return i;
    }
    return i;
  }

  /** Index of the bracket that closes the one at `open`. */
  #closing(open: number): number {
    let i = this.#skipExpression(open + 1);
    while (this.#is(i, ",")) i = this.#skipExpression(i + 1);
    return i;
  }

  #parseObject(open: number): { object: ObjectLiteral; end: number } {
    const properties: ObjectProperty[] = [];
    let i = open + 1;
    while (i < this.#count && !this.#is(i, "}")) {
      if (this.#is(i, ",")) {
        i++;
        continue;
      }
      if (this.#is(i, "...")) {
        i = this.#skipExpression(i + 1);
        continue;
      }
      // Modifiers of methods and accessors: `get x()`, `async *x()`.
      while ((this.#isModifier(i) && this.#startsKey(i + 1)) || this.#is(i, "*")) i++;
      const keyIndex = i;
      let key: string | undefined;
      if (this.#is(i, "[")) {
        i = this.#closing(i);
        key = undefined;
      } else {
        key = this.#keyText(i);
        if (key === undefined) {
          // Not a property we understand: skip to the next one.
          i = this.#skipExpression(i + 1);
          continue;
        }
      }
      const keySpan = this.#span(keyIndex, i);
      i++;
      if (this.#is(i, "?")) i++;
      if (this.#is(i, ":")) {
        const first = i + 1;
        // An object value is parsed once: the rest of the value (`as const`, say) is skipped after it.
        const parsed = this.#is(first, "{") ? this.#parseObject(first) : undefined;
        const end = this.#skipExpression(parsed ? Math.min(parsed.end + 1, this.#count) : first);
        const object = parsed?.object;
        properties.push({
          key,
          keySpan,
          value: end > first ? this.#span(first, end - 1) : undefined,
          object,
        });
        i = end;
      } else if (this.#is(i, "(") || this.#is(i, "<")) {
        // A method: its parameters, return type and body are skipped.
        properties.push({ key, keySpan, value: undefined, object: undefined });
        i = this.#skipExpression(i);
      } else {
        // Shorthand `{ name }` (or `{ name = value }` in a pattern).
        properties.push({ key, keySpan, value: keySpan, object: undefined });
        if (this.#is(i, "=")) i = this.#skipExpression(i + 1);
      }
    }
    return { object: { span: this.#span(open, Math.min(i, this.#count - 1)), properties }, end: i };
  }

  /** `get`, `set` or `async` before a method's or accessor's name, compared in place. */
  #isModifier(i: number): boolean {
    if (this.#kinds[i] !== Kind.Identifier) return false;
    const start = this.#starts[i]!;
    const width = this.#ends[i]! - start;
    return width === 3
      ? this.text.startsWith("get", start) || this.text.startsWith("set", start)
      : width === 5 && this.text.startsWith("async", start);
  }

  #startsKey(i: number): boolean {
    const kind = this.#kinds[i];
    return (
      kind === Kind.Identifier ||
      kind === Kind.String ||
      kind === Kind.Number ||
      this.#is(i, "[") ||
      this.#is(i, "*")
    );
  }

  #keyText(i: number): string | undefined {
    const text = this.#text(i);
    switch (this.#kinds[i]) {
      case Kind.Identifier:
        return text;
      case Kind.String:
        return unquote(text);
      case Kind.Number: {
        const value = Number(text.replaceAll("_", ""));
        return Number.isNaN(value) ? undefined : String(value);
      }
      default:
        return undefined;
    }
  }

  #push(kind: Kind, start: number, end: number): void {
    const i = this.#count++;
    if (i === this.#kinds.length) {
      const grown = i * 2;
      this.#kinds = grow(this.#kinds, new Uint8Array(grown));
      this.#starts = grow(this.#starts, new Int32Array(grown));
      this.#ends = grow(this.#ends, new Int32Array(grown));
    }
    this.#kinds[i] = kind;
    this.#starts[i] = start;
    this.#ends[i] = end;
  }

  /** Whether a `/` here starts a regular expression, judged by the token before it. */
  #regExpAllowed(): boolean {
    const last = this.#count - 1;
    if (last < 0) return true;
    switch (this.#kinds[last]) {
      case Kind.Identifier:
        return BEFORE_EXPRESSION.has(this.#text(last));
      case Kind.Punctuation:
        return !this.#isAny(last, ")", "]", "}");
      default:
        return false;
    }
  }

  /**
   * Tokenizes from `position`. Inside a template substitution (`inSubstitution`), stops at the `}` that
   * closes it and returns the position after it; tokens are recorded only at the top level.
   */
  #scan(position: number, inSubstitution: boolean): number {
    const text = this.text;
    const length = text.length;
    const record = !inSubstitution;
    let depth = 0;
    let i = position;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028) {
        i++;
      } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const end = text.indexOf("\n", i);
        i = end === -1 ? length : end;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? length : end + 2;
      } else if (c === 34 || c === 39) {
        const end = stringEnd(text, i);
        if (record) this.#push(Kind.String, i, end);
        i = end;
      } else if (c === 96) {
        const end = this.#templateEnd(i + 1);
        if (record) this.#push(Kind.Template, i, end);
        i = end;
      } else if (isIdentifierStart(c) || c === 35 || c === 92) {
        let end = i + 1;
        while (end < length && (isIdentifierPart(text.charCodeAt(end)) || text.charCodeAt(end) === 92)) end++;
        if (record) this.#push(Kind.Identifier, i, end);
        i = end;
      } else if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
        let end = i + 1;
        while (end < length && /[\w.]/.test(text[end]!)) end++;
        if (record) this.#push(Kind.Number, i, end);
        i = end;
      } else if (c === 47 && record && this.#regExpAllowed()) {
        const end = regExpEnd(text, i);
        this.#push(Kind.RegExp, i, end);
        i = end;
      } else {
        if (inSubstitution) {
          if (c === 123) depth++;
          else if (c === 125 && depth-- === 0) return i + 1;
          i++;
          continue;
        }
        const width = punctuationWidth(text, i, c);
        this.#push(Kind.Punctuation, i, i + width);
        i += width;
      }
    }
    return length;
  }

  /** Position after the closing backtick of a template whose text starts at `position`. */
  #templateEnd(position: number): number {
    const text = this.text;
    let i = position;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 96) return i + 1;
      else if (c === 36 && text.charCodeAt(i + 1) === 123) i = this.#scan(i + 2, true);
      else i++;
    }
    return text.length;
  }
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** `...`, `?.(`, `=>` and `?.` are single tokens; any other punctuation is one character. */
function punctuationWidth(text: string, i: number, c: number): number {
  const next = text.charCodeAt(i + 1);
  if (c === 46 && next === 46 && text.charCodeAt(i + 2) === 46) return 3; // ...
  if (c === 63 && next === 46) return text.charCodeAt(i + 2) === 40 ? 3 : 2; // ?.( and ?.
  if (c === 61 && next === 62) return 2; // =>
  return 1;
}

function stringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i + 1;
    else if (c === 10) return i;
  }
  return text.length;
}

function regExpEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 91) inClass = true;
    else if (c === 93) inClass = false;
    else if (c === 10) return i;
    else if (c === 47 && !inClass) {
      let end = i + 1;
      while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
      return end;
    }
  }
  return text.length;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** The value of a string literal (common escapes; a key with exotic ones is compared as written). */
function unquote(literal: string): string {
  const body = literal.slice(1, literal.endsWith(literal[0]!) && literal.length > 1 ? -1 : undefined);
  return body.replace(
    /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)/g,
    (_, sequence: string) => {
      if (sequence[0] === "u" || sequence[0] === "x") {
        const hex = sequence.startsWith("u{") ? sequence.slice(2, -1) : sequence.slice(1);
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
      if (sequence === "\n" || sequence === "\r\n") return "";
      return ESCAPES[sequence] ?? sequence;
    },
  );
}
