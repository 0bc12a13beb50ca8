// PostgreSQL's varchar(n) counts characters (code points); JavaScript's `length` counts UTF-16 code
// units, two for an emoji or any character beyond the Basic Multilingual Plane. Length limits that
// mirror a column's must count the way the column does.

/** The number of characters (code points) in `text`, as varchar(n) counts them. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
