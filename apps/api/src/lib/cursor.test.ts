import { describe, expect, it } from 'vitest';
import { DomainError } from '@guichet/domain';
import { encodeCursor, idAfter, keysetOf, keysetPage } from './cursor.ts';
import { omitEmpty } from './omit-empty.ts';

describe('keyset cursors', () => {
  it('reads back a two-part keyset and an id, and nothing without a cursor', () => {
    expect(keysetOf(encodeCursor(['2026-12-01T00:00:00.000Z', 'a1']))).toEqual([
      '2026-12-01T00:00:00.000Z',
      'a1',
    ]);
    expect(idAfter(encodeCursor(['42']))).toBe('42');
    expect(keysetOf(undefined)).toBeUndefined();
    expect(keysetOf('')).toBeUndefined();
    expect(idAfter(undefined)).toBeUndefined();
  });

  it.each([
    ['not base64 json', 'zz'],
    ['a cursor of the wrong length', encodeCursor(['only-one'])],
  ])('refuses %s', (_what, cursor) => {
    expect(() => keysetOf(cursor)).toThrow(DomainError);
  });
});

describe('keysetPage', () => {
  const rows = [
    { id: 'a', name: 'Alpha' },
    { id: 'b', name: 'Bravo' },
    { id: 'c', name: 'Charlie' },
  ];
  const show = (row: { name: string }) => row.name;
  const keyOf = (last: { id: string; name: string }) => [last.name, last.id];

  it('shows `limit` rows and a cursor on the last shown when one more was read', () => {
    const page = keysetPage(rows, 2, show, keyOf);
    expect(page.items).toEqual(['Alpha', 'Bravo']);
    expect(page.nextCursor).toBe(encodeCursor(['Bravo', 'b']));
    expect(keysetOf(page.nextCursor ?? undefined)).toEqual(['Bravo', 'b']);
  });

  it.each([3, 4])('has no next page when no extra row was read (limit %i)', (limit) => {
    expect(keysetPage(rows, limit, show, keyOf)).toEqual({
      items: ['Alpha', 'Bravo', 'Charlie'],
      nextCursor: null,
    });
  });

  it('is empty on no rows', () => {
    expect(keysetPage([], 10, show, keyOf)).toEqual({ items: [], nextCursor: null });
  });
});

describe('omitEmpty', () => {
  it('leaves out undefined and empty text, keeps null, 0, false and empty lists', () => {
    expect(
      omitEmpty({ q: '', status: undefined, assigneeId: null, days: 0, isOn: false, ids: [] }),
    ).toEqual({ assigneeId: null, days: 0, isOn: false, ids: [] });
    expect(omitEmpty({ q: 'vm', after: ['x', 'y'] })).toEqual({ q: 'vm', after: ['x', 'y'] });
  });
});
