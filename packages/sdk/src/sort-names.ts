// One order for names everywhere (messages, listings, snapshots, generated files): by Unicode code point,
// as PostgreSQL's "C" collation orders UTF-8 text, so output does not depend on the machine's locale.
// Not `<` or a bare `.sort()`: those compare UTF-16 code units, which put a character above U+FFFF
// (stored as a surrogate pair) before U+E000–U+FFFF.

export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}

/** The names sorted by code point, in a new array. */
export function sortNames(names: Iterable<string>): string[] {
  return [...names].sort(compareNames);
}
