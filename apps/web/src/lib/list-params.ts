/** A list's URL parameters among `keys`, the empty ones left out (what a saved view stores). */
export function listParamsOf(
  searchParams: URLSearchParams,
  keys: readonly string[],
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of keys) {
    const value = searchParams.get(key)?.trim();
    if (value) params[key] = value;
  }
  return params;
}

/** Whether two sets of list parameters are the same view (the order of keys aside). */
export function isSameListParams(
  left: Readonly<Record<string, string | undefined>>,
  right: Readonly<Record<string, string | undefined>>,
): boolean {
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => (left[key] ?? '') === (right[key] ?? ''));
}

/** The browser's time zone (IANA), for the dates of an export: the user's clock. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Paris';
}
