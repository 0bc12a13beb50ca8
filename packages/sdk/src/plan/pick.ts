/** The named fields of `source`, for building a statement from the change it comes from. */
export function pick<T, K extends keyof T>(source: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, source[k]])) as Pick<T, K>;
}
