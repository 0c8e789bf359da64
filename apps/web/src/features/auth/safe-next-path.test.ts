import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path.ts';

describe('safeNextPath', () => {
  it.each([
    [null, '/demandes'],
    ['', '/demandes'],
    ['/demandes/nouvelle', '/demandes/nouvelle'],
    ['/demandes?group=draft&q=CHG', '/demandes?group=draft&q=CHG'],
    ['https://evil.example/', '/demandes'],
    ['//evil.example/path', '/demandes'],
    ['/\\evil.example', '/demandes'],
    ['javascript:alert(1)', '/demandes'],
    ['/connexion', '/demandes'],
    ['/connexion?suite=/x', '/demandes'],
  ])('%j → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
