import { describe, expect, it } from 'vitest';
import { emailDomainOf, isAllowedEmail, requiresSecondFactor, safeReturnPath } from './sso.ts';

describe('single sign-on rules', () => {
  it.each([
    ['camille@acme.example', 'acme.example'],
    ['Camille@ACME.Example', 'acme.example'],
    ['no-at-sign', null],
    ['@acme.example', null],
    ['camille@', null],
  ])('the domain of %s is %s', (email, domain) => {
    expect(emailDomainOf(email)).toBe(domain);
  });

  it.each([
    ['camille@acme.example', ['acme.example'], true],
    ['camille@ACME.example', ['acme.example'], true],
    ['camille@sub.acme.example', ['acme.example'], false],
    ['camille@acme.example.evil', ['acme.example'], false],
    ['camille@globex.example', ['acme.example', 'acme.fr'], false],
    ['camille', ['acme.example'], false],
  ])('%s allowed by %j: %s', (email, domains, allowed) => {
    expect(isAllowedEmail(email, domains)).toBe(allowed);
  });

  it.each([
    ['customer', null, false, true, false],
    ['customer', null, true, true, true],
    ['operator', 'admin', false, true, true],
    ['operator', 'admin', false, false, false],
    ['operator', 'agent', true, true, false],
    ['operator', 'catalog_manager', false, true, false],
  ] as const)(
    '%s %s (customer requires: %s, admins always: %s) → %s',
    (kind, role, byCustomer, always, expected) => {
      expect(
        requiresSecondFactor({
          kind,
          operatorRole: role,
          isRequiredByCustomer: byCustomer,
          adminsAlways: always,
        }),
      ).toBe(expected);
    },
  );

  it.each([
    [undefined, '/'],
    ['/demandes/12', '/demandes/12'],
    ['//evil.example/x', '/'],
    ['https://evil.example', '/'],
    ['/api/session', '/'],
    ['/a\\b', '/'],
    ['/a b', '/'],
  ])('return path %s → %s', (path, expected) => {
    expect(safeReturnPath(path)).toBe(expected);
  });
});
