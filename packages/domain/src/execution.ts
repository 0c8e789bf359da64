import { DomainError } from './errors.ts';
import type { RequestAction } from './lifecycle.ts';

/**
 * Standard changes executed automatically, "apply, then prove" (issue 17, decision 0032). An
 * article version marked automatic names an executor (a webhook subscription of kind
 * `executor`) and a time limit; its requests, once confirmed without a quote, are sent to
 * the executor, which answers `started`, then `succeeded` with the values before and after,
 * or `failed` with a reason. No final answer within the time limit is a timeout.
 */
export const executionStates = [
  'requested',
  'started',
  'succeeded',
  'failed',
  'timed_out',
] as const;
export type ExecutionState = (typeof executionStates)[number];

export const executionAnswers = ['started', 'succeeded', 'failed'] as const;
export type ExecutionAnswer = (typeof executionAnswers)[number];

/** What the time limit's job, or an executor's answer, does to an execution. */
export type ExecutionEvent = ExecutionAnswer | 'timeout';

/** The shortest and longest time limits a catalog manager may set (minutes: one week at most). */
export const executionTimeLimitMinutes = { min: 1, max: 10_080, default: 30 } as const;

/**
 * A step: the execution's next state and the lifecycle move it makes (through the one state
 * machine, `nextStatus`), or `repeat` when the same answer comes again (idempotent: nothing
 * is written, the caller gets the execution as it is).
 */
export type ExecutionStep =
  { kind: 'move'; to: ExecutionState; action: RequestAction } | { kind: 'repeat' };

const moves: Record<
  ExecutionEvent,
  { from: readonly ExecutionState[]; to: ExecutionState; action: RequestAction }
> = {
  started: { from: ['requested'], to: 'started', action: 'start_execution' },
  succeeded: { from: ['requested', 'started'], to: 'succeeded', action: 'complete_execution' },
  failed: { from: ['requested', 'started'], to: 'failed', action: 'fail_execution' },
  timeout: { from: ['requested', 'started'], to: 'timed_out', action: 'time_out_execution' },
};

/** The answers that repeat what is already recorded: `started` again, the same end again. */
const repeats: Record<ExecutionEvent, readonly ExecutionState[]> = {
  started: ['started'],
  succeeded: ['succeeded'],
  failed: ['failed'],
  timeout: [],
};

const closedBecause: Record<ExecutionState, string> = {
  requested: '',
  started: '',
  succeeded: 'the execution already succeeded',
  failed: 'the execution already failed: the request is in the agents’ queue',
  timed_out: 'the time limit passed: the request is in the agents’ queue',
};

/**
 * The execution's state machine: the step `event` makes from `state`, or `invalid_transition`
 * (an answer after the timeout, a different end after an end, `started` after an end).
 * `isSameEnd` tells whether a repeated end carries what was recorded (else it is a conflict).
 */
export function executionStep(
  state: ExecutionState,
  event: ExecutionEvent,
  isSameEnd = true,
): ExecutionStep {
  if (repeats[event].includes(state)) {
    if (event !== 'started' && !isSameEnd) {
      throw new DomainError(
        'conflict',
        `The execution already ${state === 'succeeded' ? 'succeeded' : 'failed'} with other values`,
      );
    }
    return { kind: 'repeat' };
  }
  const move = moves[event];
  if (!move.from.includes(state)) {
    throw new DomainError(
      'invalid_transition',
      `Cannot record ${event === 'timeout' ? 'a timeout' : `“${event}”`}: ${closedBecause[state]}`,
      [{ path: 'state', rule: `execution_${state}`, message: closedBecause[state] }],
    );
  }
  return { kind: 'move', to: move.to, action: move.action };
}

/** Whether the execution still waits for its executor (the time limit's job looks at these). */
export function isExecutionOpen(state: ExecutionState): boolean {
  return state === 'requested' || state === 'started';
}

/** The deadline of an execution requested at `at` with a time limit in minutes. */
export function executionDeadline(at: Date, timeLimitMinutes: number): Date {
  return new Date(at.getTime() + timeLimitMinutes * 60_000);
}

/**
 * Why an article version may not be marked automatic (null: it may): an executor must be
 * configured (an enabled subscription of kind `executor`), and its requests must reach
 * `submitted` on confirmation (an article on quote waits for a person's study).
 */
export function automaticExecutionProblem(setting: {
  billingMode: 'included' | 'counted' | 'quote';
  executor: { kind: string; isEnabled: boolean } | null;
  timeLimitMinutes: number;
}): { path: string; rule: string; message: string } | null {
  if (setting.executor === null || setting.executor.kind !== 'executor') {
    return {
      path: 'executorId',
      rule: 'executor_missing',
      message: 'No executor: create a webhook subscription of kind executor first',
    };
  }
  if (!setting.executor.isEnabled) {
    return { path: 'executorId', rule: 'executor_disabled', message: 'This executor is disabled' };
  }
  if (setting.billingMode === 'quote') {
    return {
      path: 'executorId',
      rule: 'quote_article',
      message: 'An article on quote is studied by a person: it cannot be executed automatically',
    };
  }
  const { min, max } = executionTimeLimitMinutes;
  if (
    !Number.isInteger(setting.timeLimitMinutes) ||
    setting.timeLimitMinutes < min ||
    setting.timeLimitMinutes > max
  ) {
    return {
      path: 'timeLimitMinutes',
      rule: 'time_limit',
      message: `From ${min} to ${max} minutes`,
    };
  }
  return null;
}

/** One value the executor changed, as it reports it: what it was and what it is now. */
export interface ExecutionChange {
  /** What changed, e.g. `quotas.vcpus` (the item's attribute) or a field's key. */
  key: string;
  label?: { fr: string; en: string } | undefined;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

/** Whether two reported ends are the same (a repeated `succeeded` or `failed`). */
export function isSameExecutionEnd(
  recorded: { changes: readonly ExecutionChange[] | null; reason: string | null },
  answer: { changes?: readonly ExecutionChange[] | undefined; reason?: string | undefined },
): boolean {
  const normalise = (changes: readonly ExecutionChange[] | null | undefined) =>
    JSON.stringify(
      (changes ?? []).map((change) => [
        change.key,
        change.label ?? null,
        change.before,
        change.after,
      ]),
    );
  return (
    normalise(recorded.changes) === normalise(answer.changes) &&
    (recorded.reason ?? null) === (answer.reason ?? null)
  );
}
