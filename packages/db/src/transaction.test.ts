import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './transaction.ts';

describe('isUniqueViolation', () => {
  it.each([
    [{ code: '23505', constraint: 'users_email_key' }, undefined, true],
    [{ code: '23505', constraint: 'users_email_key' }, 'users_email_key', true],
    [{ code: '23505', constraint: 'users_email_key' }, 'customers_pkey', false],
    [{ code: '23503' }, undefined, false],
    [new Error('boom'), undefined, false],
    [null, undefined, false],
    [undefined, undefined, false],
  ])('%j on %s: %s', (error, constraint, expected) => {
    expect(isUniqueViolation(error, constraint)).toBe(expected);
  });
});
