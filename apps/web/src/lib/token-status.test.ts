import { describe, expect, it } from 'vitest';
import { tokenStatus } from './token-status.ts';

const now = new Date('2026-12-04T12:00:00Z');

describe('tokenStatus', () => {
  it.each([
    [{ revokedAt: null, expiresAt: null }, 'active'],
    [{ revokedAt: null, expiresAt: '2026-12-05T00:00:00Z' }, 'active'],
    [{ revokedAt: null, expiresAt: '2026-12-04T12:00:00Z' }, 'expired'],
    [{ revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' }, 'expired'],
    [{ revokedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z' }, 'revoked'],
    [{ revokedAt: '2026-12-01T00:00:00Z', expiresAt: null }, 'revoked'],
  ] as const)('%j → %s', (token, expected) => {
    expect(tokenStatus(token, now)).toBe(expected);
  });
});
