/** The fields given a value: `undefined` and empty text (a blank search box) are left out. */
export type PresentFields<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * A repository's optional filters from a query, without a conditional spread per field: under
 * `exactOptionalPropertyTypes` a filter that is not there must be absent, not `undefined`.
 */
export function omitEmpty<T extends Record<string, unknown>>(fields: T): PresentFields<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''),
  ) as PresentFields<T>;
}
