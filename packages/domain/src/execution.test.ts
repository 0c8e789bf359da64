import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  automaticExecutionProblem,
  executionDeadline,
  executionStates,
  executionStep,
  isExecutionOpen,
  isSameExecutionEnd,
} from './execution.ts';
import type { ExecutionEvent, ExecutionState, ExecutionStep } from './execution.ts';
import { nextStatus } from './lifecycle.ts';

const events: ExecutionEvent[] = ['started', 'succeeded', 'failed', 'timeout'];

type Row = [state: ExecutionState, event: ExecutionEvent, expected: ExecutionStep | string];

/** Every state × every event: the step, or the error code. */
const table: Row[] = [
  ['requested', 'started', { kind: 'move', to: 'started', action: 'start_execution' }],
  ['requested', 'succeeded', { kind: 'move', to: 'succeeded', action: 'complete_execution' }],
  ['requested', 'failed', { kind: 'move', to: 'failed', action: 'fail_execution' }],
  ['requested', 'timeout', { kind: 'move', to: 'timed_out', action: 'time_out_execution' }],
  ['started', 'started', { kind: 'repeat' }],
  ['started', 'succeeded', { kind: 'move', to: 'succeeded', action: 'complete_execution' }],
  ['started', 'failed', { kind: 'move', to: 'failed', action: 'fail_execution' }],
  ['started', 'timeout', { kind: 'move', to: 'timed_out', action: 'time_out_execution' }],
  ['succeeded', 'started', 'invalid_transition'],
  ['succeeded', 'succeeded', { kind: 'repeat' }],
  ['succeeded', 'failed', 'invalid_transition'],
  ['succeeded', 'timeout', 'invalid_transition'],
  ['failed', 'started', 'invalid_transition'],
  ['failed', 'succeeded', 'invalid_transition'],
  ['failed', 'failed', { kind: 'repeat' }],
  ['failed', 'timeout', 'invalid_transition'],
  ['timed_out', 'started', 'invalid_transition'],
  ['timed_out', 'succeeded', 'invalid_transition'],
  ['timed_out', 'failed', 'invalid_transition'],
  ['timed_out', 'timeout', 'invalid_transition'],
];

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'none';
}

describe('executionStep', () => {
  it('covers every state and event once', () => {
    const keys = new Set(table.map(([state, event]) => `${state}|${event}`));
    expect(keys.size).toBe(table.length);
    expect(table).toHaveLength(executionStates.length * events.length);
  });

  it.each(table)('%s + %s → %j', (state, event, expected) => {
    if (typeof expected === 'string') {
      expect(codeOf(() => executionStep(state, event))).toBe(expected);
    } else {
      expect(executionStep(state, event)).toEqual(expected);
    }
  });

  it('names the timeout in the error of an answer after it', () => {
    expect(() => executionStep('timed_out', 'succeeded')).toThrow(/time limit passed/);
  });

  it.each([
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
  ] as const)('a repeated %s with other values is a conflict', (state, event) => {
    expect(codeOf(() => executionStep(state, event, false))).toBe('conflict');
  });

  it('a repeated started never conflicts (it carries nothing)', () => {
    expect(executionStep('started', 'started', false)).toEqual({ kind: 'repeat' });
  });

  // Each move of an execution is a move of the request's one state machine.
  it.each([
    ['requested', 'started', 'submitted', 'in_progress', 'executor'],
    ['requested', 'succeeded', 'submitted', 'done', 'executor'],
    ['started', 'succeeded', 'in_progress', 'done', 'executor'],
    ['requested', 'failed', 'submitted', 'submitted', 'executor'],
    ['started', 'failed', 'in_progress', 'submitted', 'executor'],
    ['requested', 'timeout', 'submitted', 'submitted', 'system'],
    ['started', 'timeout', 'in_progress', 'submitted', 'system'],
  ] as const)(
    '%s + %s moves the request from %s to %s (as %s)',
    (state, event, from, to, actor) => {
      const step = executionStep(state, event);
      if (step.kind !== 'move') throw new Error('a move was expected');
      expect(nextStatus(from, step.action, actor)).toBe(to);
    },
  );
});

describe('isExecutionOpen', () => {
  it.each([
    ['requested', true],
    ['started', true],
    ['succeeded', false],
    ['failed', false],
    ['timed_out', false],
  ] as const)('%s: %s', (state, expected) => {
    expect(isExecutionOpen(state)).toBe(expected);
  });
});

describe('executionDeadline', () => {
  it('adds the time limit in minutes', () => {
    expect(executionDeadline(new Date('2026-12-07T10:00:00Z'), 90).toISOString()).toBe(
      '2026-12-07T11:30:00.000Z',
    );
  });
});

describe('automaticExecutionProblem', () => {
  const executor = { kind: 'executor', isEnabled: true };
  it.each([
    [{ billingMode: 'counted', executor, timeLimitMinutes: 30 }, null],
    [{ billingMode: 'included', executor, timeLimitMinutes: 1 }, null],
    [{ billingMode: 'counted', executor, timeLimitMinutes: 10_080 }, null],
    [{ billingMode: 'counted', executor: null, timeLimitMinutes: 30 }, 'executor_missing'],
    [
      {
        billingMode: 'counted',
        executor: { kind: 'events', isEnabled: true },
        timeLimitMinutes: 30,
      },
      'executor_missing',
    ],
    [
      { billingMode: 'counted', executor: { ...executor, isEnabled: false }, timeLimitMinutes: 30 },
      'executor_disabled',
    ],
    [{ billingMode: 'quote', executor, timeLimitMinutes: 30 }, 'quote_article'],
    [{ billingMode: 'counted', executor, timeLimitMinutes: 0 }, 'time_limit'],
    [{ billingMode: 'counted', executor, timeLimitMinutes: 10_081 }, 'time_limit'],
    [{ billingMode: 'counted', executor, timeLimitMinutes: 1.5 }, 'time_limit'],
  ] as const)('%j → %s', (setting, rule) => {
    expect(automaticExecutionProblem(setting)?.rule ?? null).toBe(rule);
  });
});

describe('isSameExecutionEnd', () => {
  const changes = [{ key: 'quotas.vcpus', before: 20, after: 40 }];
  it.each([
    [{ changes, reason: null }, { changes }, true],
    [
      { changes, reason: null },
      { changes: [{ key: 'quotas.vcpus', before: 20, after: 41 }] },
      false,
    ],
    [{ changes: null, reason: 'API down' }, { reason: 'API down' }, true],
    [{ changes: null, reason: 'API down' }, { reason: 'quota refused' }, false],
    [{ changes: null, reason: null }, { changes: [] }, true],
  ] as const)('%j and %j: %s', (recorded, answer, expected) => {
    expect(isSameExecutionEnd(recorded, answer)).toBe(expected);
  });
});
