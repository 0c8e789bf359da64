import { DomainError } from '@guichet/domain';

/** Keyset pagination cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      return values;
    }
  } catch {
    // falls through to the error below
  }
  throw new DomainError('validation_failed', 'Invalid cursor', [
    { path: 'query.cursor', message: 'Invalid cursor' },
  ]);
}

/** A two-part keyset (a sort key and the row's id) from a list's cursor; none without one. */
export function keysetOf(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  const [key, id] = decodeCursor(cursor, 2).map(String);
  return [key ?? '', id ?? ''];
}

/** The id a list sorted by id alone starts after; none without a cursor. */
export function idAfter(cursor: string | undefined): string | undefined {
  return cursor ? String(decodeCursor(cursor, 1)[0]) : undefined;
}

/**
 * One keyset page from the `limit + 1` rows a repository read: the first `limit` rows shown,
 * and a cursor on the last of them when the extra row says another page follows.
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  show: (row: Row) => Item,
  keyOf: (last: Row) => readonly (string | number)[],
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((row) => show(row)),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** `q` as a literal ILIKE substring pattern: the user's % and _ match themselves. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
