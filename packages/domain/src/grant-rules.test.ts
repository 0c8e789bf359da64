import { describe, expect, it } from 'vitest';
import type { Grant } from './access.ts';
import {
  duplicateGrants,
  effectiveTokenGrants,
  grantsBeyond,
  grantsChange,
  mayConfirmRequests,
  requireDistinctGrants,
} from './grant-rules.ts';
import { DomainError } from './errors.ts';
import type { GrantBeyond, GrantsChange } from './grant-rules.ts';

const g = (contractId: string, section: Grant['section'], profile: Grant['profile']): Grant => ({
  contractId,
  section,
  profile,
});

const owner: Grant[] = [
  g('OCB0000001', 'requests', 'manager'),
  g('OCB0000001', 'inventory', 'viewer'),
  g('OCB0000002', 'requests', 'viewer'),
];

describe('grantsBeyond', () => {
  it.each<[string, Grant[], GrantBeyond[]]>([
    ['nothing asked', [], []],
    ['the same profile', [g('OCB0000001', 'requests', 'manager')], []],
    ['a lower profile', [g('OCB0000001', 'requests', 'viewer')], []],
    [
      'a higher profile',
      [g('OCB0000001', 'inventory', 'manager')],
      [{ grant: g('OCB0000001', 'inventory', 'manager'), held: 'viewer' }],
    ],
    [
      'a section the giver lacks',
      [g('OCB0000001', 'users', 'viewer')],
      [{ grant: g('OCB0000001', 'users', 'viewer'), held: null }],
    ],
    [
      'a contract the giver lacks',
      [g('OCB0000003', 'requests', 'viewer')],
      [{ grant: g('OCB0000003', 'requests', 'viewer'), held: null }],
    ],
    [
      'only the excess of a mixed list',
      [
        g('OCB0000001', 'requests', 'manager'),
        g('OCB0000002', 'requests', 'manager'),
        g('OCB0000002', 'requests', 'viewer'),
      ],
      [{ grant: g('OCB0000002', 'requests', 'manager'), held: 'viewer' }],
    ],
  ])('%s', (_label, requested, expected) => {
    expect(grantsBeyond(requested, owner)).toEqual(expected);
  });
});

describe('grantsChange', () => {
  const before = [g('OCB0000001', 'requests', 'manager'), g('OCB0000001', 'inventory', 'viewer')];
  it.each<[string, Grant[], GrantsChange]>([
    ['the same list', [...before].reverse(), { given: [], taken: [] }],
    [
      'a grant added',
      [...before, g('OCB0000002', 'requests', 'viewer')],
      { given: [g('OCB0000002', 'requests', 'viewer')], taken: [] },
    ],
    [
      'a grant removed',
      [g('OCB0000001', 'requests', 'manager')],
      { given: [], taken: [g('OCB0000001', 'inventory', 'viewer')] },
    ],
    [
      'a profile lowered: given at the new one, taken at the old one',
      [g('OCB0000001', 'requests', 'viewer'), g('OCB0000001', 'inventory', 'viewer')],
      {
        given: [g('OCB0000001', 'requests', 'viewer')],
        taken: [g('OCB0000001', 'requests', 'manager')],
      },
    ],
    [
      'everything replaced',
      [g('OCB0000002', 'users', 'viewer')],
      { given: [g('OCB0000002', 'users', 'viewer')], taken: before },
    ],
  ])('%s', (_label, next, expected) => {
    expect(grantsChange(before, next)).toEqual(expected);
  });
});

describe('effectiveTokenGrants', () => {
  it.each<[string, Grant[], Grant[], Grant[]]>([
    [
      'a token within the owner’s rights keeps them',
      [g('OCB0000001', 'requests', 'manager')],
      owner,
      [g('OCB0000001', 'requests', 'manager')],
    ],
    [
      'a viewer token stays viewer',
      [g('OCB0000001', 'requests', 'viewer')],
      owner,
      [g('OCB0000001', 'requests', 'viewer')],
    ],
    [
      'an owner lowered to viewer lowers the token',
      [g('OCB0000001', 'requests', 'manager')],
      [g('OCB0000001', 'requests', 'viewer')],
      [g('OCB0000001', 'requests', 'viewer')],
    ],
    ['an owner without the right leaves nothing', [g('OCB0000001', 'requests', 'manager')], [], []],
    [
      'a grant on another section does not carry over',
      [g('OCB0000001', 'users', 'viewer')],
      owner,
      [],
    ],
    [
      'the owner’s other grants are not added',
      [g('OCB0000002', 'requests', 'viewer')],
      owner,
      [g('OCB0000002', 'requests', 'viewer')],
    ],
  ])('%s', (_label, token, ownerGrants, expected) => {
    expect(effectiveTokenGrants(token, ownerGrants)).toEqual(expected);
  });
});

describe('duplicateGrants', () => {
  it.each<[Grant[], Grant[]]>([
    [[], []],
    [owner, []],
    [
      [g('OCB0000001', 'requests', 'viewer'), g('OCB0000001', 'requests', 'manager')],
      [g('OCB0000001', 'requests', 'manager')],
    ],
    [[g('OCB0000001', 'requests', 'viewer'), g('OCB0000002', 'requests', 'viewer')], []],
  ])('#%#', (grants, expected) => {
    expect(duplicateGrants(grants)).toEqual(expected);
  });
});

describe('requireDistinctGrants', () => {
  it.each<[Grant[], string | undefined, string[]]>([
    [owner, undefined, []],
    [
      [g('OCB0000001', 'requests', 'viewer'), g('OCB0000001', 'requests', 'manager')],
      undefined,
      ['grants.1.section'],
    ],
    [
      [
        g('OCB0000001', 'users', 'viewer'),
        g('OCB0000002', 'users', 'viewer'),
        g('OCB0000001', 'users', 'viewer'),
      ],
      'body.grants',
      ['body.grants.2.section'],
    ],
  ])('#%#', (grants, path, paths) => {
    const attempt = () => requireDistinctGrants(grants, path);
    if (paths.length === 0) {
      expect(attempt).not.toThrow();
      return;
    }
    try {
      attempt();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details?.map((detail) => detail.path)).toEqual(paths);
    }
  });
});

describe('mayConfirmRequests', () => {
  it.each<[boolean, boolean, boolean]>([
    [false, false, true],
    [false, true, true],
    [true, true, true],
    [true, false, false],
  ])('restricted %s, on the list %s → %s', (restrictsRequesters, isRequester, expected) => {
    expect(mayConfirmRequests({ restrictsRequesters, isRequester })).toBe(expected);
  });
});
