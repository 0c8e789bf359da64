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

/** `q` as a literal ILIKE substring pattern: the user's % and _ match themselves. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
