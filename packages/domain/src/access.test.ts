import { describe, expect, it } from 'vitest';
import { contractsWith, denialReason, hasProfile, profileOn } from './access.ts';
import type { DenialReason, Grant, Profile, Section } from './access.ts';

const grants: Grant[] = [
  { contractId: 'OCB0000001', section: 'requests', profile: 'manager' },
  { contractId: 'OCB0000001', section: 'inventory', profile: 'viewer' },
  { contractId: 'OCB0000002', section: 'requests', profile: 'viewer' },
  { contractId: 'OCB0000003', section: 'users', profile: 'manager' },
];

describe('profileOn', () => {
  it.each<[string, Section, Profile | null]>([
    ['OCB0000001', 'requests', 'manager'],
    ['OCB0000001', 'inventory', 'viewer'],
    ['OCB0000001', 'users', null],
    ['OCB0000002', 'requests', 'viewer'],
    ['OCB0000003', 'requests', null],
    ['OCB0000003', 'users', 'manager'],
    ['OCB9999999', 'requests', null],
  ])('%s / %s → %s', (contractId, section, expected) => {
    expect(profileOn(grants, contractId, section)).toBe(expected);
  });

  it('is null without any grant', () => {
    expect(profileOn([], 'OCB0000001', 'requests')).toBeNull();
  });
});

describe('hasProfile', () => {
  it.each<[string, Section, Profile, boolean]>([
    ['OCB0000001', 'requests', 'viewer', true],
    ['OCB0000001', 'requests', 'manager', true],
    ['OCB0000001', 'inventory', 'viewer', true],
    ['OCB0000001', 'inventory', 'manager', false],
    ['OCB0000002', 'requests', 'viewer', true],
    ['OCB0000002', 'requests', 'manager', false],
    ['OCB0000003', 'requests', 'viewer', false],
    ['OCB0000003', 'users', 'manager', true],
    ['OCB0000001', 'contracts', 'viewer', false],
    ['OCB9999999', 'requests', 'viewer', false],
  ])('%s / %s at least %s → %s', (contractId, section, atLeast, expected) => {
    expect(hasProfile(grants, contractId, section, atLeast)).toBe(expected);
  });
});

describe('denialReason', () => {
  it.each<[string, Section, Profile, DenialReason | null]>([
    ['OCB0000001', 'requests', 'manager', null],
    ['OCB0000001', 'requests', 'viewer', null],
    ['OCB0000002', 'requests', 'viewer', null],
    ['OCB0000002', 'requests', 'manager', 'viewer_read_only'],
    ['OCB0000001', 'inventory', 'manager', 'viewer_read_only'],
    ['OCB0000003', 'requests', 'viewer', 'no_access'],
    ['OCB0000003', 'requests', 'manager', 'no_access'],
    ['OCB9999999', 'requests', 'viewer', 'no_access'],
    ['OCB0000001', 'users', 'manager', 'no_access'],
  ])('%s / %s needing %s → %s', (contractId, section, needed, expected) => {
    expect(denialReason(grants, contractId, section, needed)).toBe(expected);
  });
});

describe('contractsWith', () => {
  const several: Grant[] = [
    ...grants,
    // Grants of several users may be merged (e.g. an integrator's team): still one entry each.
    { contractId: 'OCB0000001', section: 'requests', profile: 'viewer' },
    { contractId: 'OCB0000004', section: 'requests', profile: 'manager' },
    { contractId: 'OCB0000004', section: 'requests', profile: 'manager' },
  ];

  it.each<[Grant[], Section, Profile, string[]]>([
    [grants, 'requests', 'viewer', ['OCB0000001', 'OCB0000002']],
    [grants, 'requests', 'manager', ['OCB0000001']],
    [grants, 'inventory', 'viewer', ['OCB0000001']],
    [grants, 'inventory', 'manager', []],
    [grants, 'users', 'viewer', ['OCB0000003']],
    [grants, 'contracts', 'viewer', []],
    [[], 'requests', 'viewer', []],
    [several, 'requests', 'viewer', ['OCB0000001', 'OCB0000002', 'OCB0000004']],
    [several, 'requests', 'manager', ['OCB0000001', 'OCB0000004']],
  ])('#%# on %s at least %s', (list, section, atLeast, expected) => {
    expect(contractsWith(list, section, atLeast)).toEqual(expected);
  });
});
