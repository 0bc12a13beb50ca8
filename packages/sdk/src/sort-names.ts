// One order for names everywhere (messages, listings, snapshots): by code point, as PostgreSQL's "C"
// collation and Array.prototype.sort order them, so output does not depend on the machine's locale.

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The names sorted by code point, in a new array. */
export function sortNames(names: Iterable<string>): string[] {
  return [...names].sort(compareNames);
}
