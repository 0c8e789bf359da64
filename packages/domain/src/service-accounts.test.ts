import { describe, expect, it } from 'vitest';
import type { Grant } from './access.ts';
import {
  contractsBeyondUserManagement,
  isServiceAccountAddress,
  mayManageServiceAccount,
  rotatedTokenExpiry,
} from './service-accounts.ts';

const held: Grant[] = [
  { contractId: 'OCB0000001', section: 'users', profile: 'manager' },
  { contractId: 'OCB0000002', section: 'users', profile: 'viewer' },
  { contractId: 'OCB0000003', section: 'requests', profile: 'manager' },
];

describe('service accounts', () => {
  it.each([
    [['OCB0000001'], []],
    [['OCB0000002'], ['OCB0000002']],
    [['OCB0000001', 'OCB0000003', 'OCB0000003'], ['OCB0000003']],
    [['OCB0000009'], ['OCB0000009']],
  ])('contracts %j beyond user management: %j', (contracts, beyond) => {
    expect(contractsBeyondUserManagement(held, contracts)).toEqual(beyond);
  });

  it.each([
    [[{ contractId: 'OCB0000001' }], true],
    [[{ contractId: 'OCB0000001' }, { contractId: 'OCB0000002' }], false],
    [[], false],
  ])('may manage an account on %j: %s', (grants, expected) => {
    expect(mayManageServiceAccount(held, grants)).toBe(expected);
  });

  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    [null, 24, '2026-12-02T10:00:00.000Z'],
    ['2026-12-01T12:00:00Z', 24, '2026-12-01T12:00:00.000Z'],
    ['2026-12-10T00:00:00Z', 0, '2026-12-01T10:00:00.000Z'],
  ])('a token expiring %s rotated with %i h of overlap stops at %s', (expiry, hours, end) => {
    expect(
      rotatedTokenExpiry(now, expiry === null ? null : new Date(expiry), hours).toISOString(),
    ).toBe(end);
  });

  it.each([
    ['0b0c@service-accounts.invalid', true],
    ['camille@acme.example', false],
    ['x@service-accounts.invalid.example', false],
  ])('%s is a service account address: %s', (address, expected) => {
    expect(isServiceAccountAddress(address)).toBe(expected);
  });
});
