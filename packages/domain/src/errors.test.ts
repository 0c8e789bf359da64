import { describe, expect, it } from 'vitest';
import { DomainError, conflictOn } from './errors.ts';

describe('conflictOn', () => {
  it.each([
    [
      'name',
      'name_taken',
      'A customer already has this name',
      undefined,
      'A customer already has this name',
    ],
    [
      '',
      'two_factor_no_setup',
      'No two-factor setup under way',
      'Start the setup first',
      'Start the setup first',
    ],
  ])('a 409 on %j (%s)', (path, rule, message, fieldMessage, detailMessage) => {
    const error = conflictOn(path, rule, message, fieldMessage);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(message);
    expect(error.details).toEqual([{ path, rule, message: detailMessage }]);
  });
});
