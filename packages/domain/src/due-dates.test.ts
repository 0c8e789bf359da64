import { describe, expect, it } from 'vitest';
import { officeHours } from './business-hours.ts';
import type { BusinessCalendar } from './business-hours.ts';
import {
  checkTargets,
  dueClockOf,
  dueStateAt,
  isBreached,
  nextDue,
  resolveTargets,
} from './due-dates.ts';
import type { DueStep, DueTarget } from './due-dates.ts';
import type { RequestStatus } from './lifecycle.ts';

const paris: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  hours: officeHours,
  isHoliday: (day) => day === '2026-12-25',
};
const hour = 60;
const targets = { takeChargeMinutes: 2 * hour, carryOutMinutes: 9 * hour };
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
const step = (at: string, toStatus: RequestStatus | null, assigned = false): DueStep => ({
  at: new Date(at),
  toStatus,
  assigned,
});

describe('dueClockOf', () => {
  it.each<[string, DueStep[], Record<string, string | null | boolean>]>([
    [
      'a draft: no clock',
      [step('2026-12-01T08:00:00Z', 'draft')],
      {
        startedAt: null,
        takeDue: null,
        carryDue: null,
        paused: false,
      },
    ],
    [
      'confirmed Tuesday 10:00 Paris: take charge by 12:00, carry out by Wednesday 10:00',
      [step('2026-12-01T08:00:00Z', 'draft'), step('2026-12-01T09:00:00Z', 'submitted')],
      {
        startedAt: '2026-12-01T09:00:00.000Z',
        takeDue: '2026-12-01T11:00:00.000Z',
        carryDue: '2026-12-02T09:00:00.000Z',
        takenAt: null,
        paused: false,
      },
    ],
    [
      'waiting for approval first: the clock starts when it reaches the provider',
      [
        step('2026-12-01T08:00:00Z', 'draft'),
        step('2026-12-01T08:10:00Z', 'awaiting_approval'),
        step('2026-12-01T13:00:00Z', 'submitted'),
      ],
      { startedAt: '2026-12-01T13:00:00.000Z', takeDue: '2026-12-01T15:00:00.000Z', paused: false },
    ],
    [
      'taken in charge by the review',
      [step('2026-12-01T09:00:00Z', 'submitted'), step('2026-12-01T09:30:00Z', 'in_review')],
      { takenAt: '2026-12-01T09:30:00.000Z', carryMet: null },
    ],
    [
      'taken in charge by an assignment, before any move',
      [step('2026-12-01T09:00:00Z', 'submitted'), step('2026-12-01T09:20:00Z', null, true)],
      { takenAt: '2026-12-01T09:20:00.000Z' },
    ],
    [
      'on quote: taken in charge when the quote is sent',
      [step('2026-12-01T09:00:00Z', 'quote_pending'), step('2026-12-01T10:00:00Z', 'quote_sent')],
      { takenAt: '2026-12-01T10:00:00.000Z' },
    ],
    [
      'a question back pauses the clock: no due date while it runs',
      [
        step('2026-12-01T09:00:00Z', 'submitted'),
        step('2026-12-01T09:30:00Z', 'in_review'),
        step('2026-12-01T10:00:00Z', 'awaiting_customer'),
      ],
      { carryDue: null, paused: true, takenAt: '2026-12-01T09:30:00.000Z' },
    ],
    [
      'the answer resumes it: the carry-out moves by the paused business time',
      [
        step('2026-12-01T09:00:00Z', 'submitted'),
        step('2026-12-01T09:30:00Z', 'in_review'),
        step('2026-12-01T10:00:00Z', 'awaiting_customer'),
        step('2026-12-02T10:00:00Z', 'in_review'),
      ],
      // 1 h before the pause, 8 h left from Wed 11:00 Paris → Thu 10:00 Paris
      { carryDue: '2026-12-03T09:00:00.000Z', paused: false },
    ],
    [
      'a pause over a weekend and Christmas counts nothing',
      [
        step('2026-12-24T15:00:00Z', 'submitted'),
        step('2026-12-24T15:30:00Z', 'awaiting_customer'),
        step('2026-12-28T08:00:00Z', 'in_review'),
      ],
      // 30 min on Thursday, then 8 h 30 from Monday 09:00 Paris
      { carryDue: '2026-12-28T16:30:00.000Z', takenAt: '2026-12-24T15:30:00.000Z' },
    ],
    [
      'done: both targets met, the clock stops',
      [
        step('2026-12-01T09:00:00Z', 'submitted'),
        step('2026-12-01T09:30:00Z', 'in_review'),
        step('2026-12-01T10:00:00Z', 'in_progress'),
        step('2026-12-01T15:00:00Z', 'done'),
      ],
      { carryMet: '2026-12-01T15:00:00.000Z', takenAt: '2026-12-01T09:30:00.000Z' },
    ],
    [
      'cancelled by the customer before anyone took it: both closed',
      [step('2026-12-01T09:00:00Z', 'submitted'), step('2026-12-01T09:05:00Z', 'cancelled')],
      { takenAt: '2026-12-01T09:05:00.000Z', carryMet: '2026-12-01T09:05:00.000Z' },
    ],
    [
      'confirmed at 17:59 on the eve of a bank holiday (Thu 24 December)',
      [step('2026-12-24T16:59:00Z', 'submitted')],
      // 1 min Thursday, Friday 25 a holiday, weekend, 1 h 59 on Monday from 09:00
      { takeDue: '2026-12-28T09:59:00.000Z' },
    ],
  ])('%s', (_what, history, expected) => {
    const clock = dueClockOf(history, targets, paris);
    const seen: Record<string, string | null | boolean> = {
      startedAt: iso(clock.startedAt),
      takeDue: iso(clock.takeCharge.dueAt),
      carryDue: iso(clock.carryOut.dueAt),
      takenAt: iso(clock.takeCharge.metAt),
      carryMet: iso(clock.carryOut.metAt),
      paused: clock.paused,
    };
    for (const [key, value] of Object.entries(expected))
      expect([key, seen[key]]).toEqual([key, value]);
  });

  it('puts the risk threshold where 20 % of the target is left', () => {
    const clock = dueClockOf([step('2026-12-01T09:00:00Z', 'submitted')], targets, paris);
    // 80 % of 9 h = 7 h 12 min after Tue 10:00 Paris → 17:12 Paris
    expect(iso(clock.carryOut.riskAt)).toBe('2026-12-01T16:12:00.000Z');
    expect(nextDue(clock)).toEqual({
      dueAt: clock.takeCharge.dueAt,
      riskAt: clock.takeCharge.riskAt,
    });
  });

  it('gives the carry-out as next due once taken in charge, nothing once closed', () => {
    const taken = dueClockOf(
      [step('2026-12-01T09:00:00Z', 'submitted'), step('2026-12-01T09:10:00Z', 'in_review')],
      targets,
      paris,
    );
    expect(iso(nextDue(taken).dueAt)).toBe('2026-12-02T09:00:00.000Z');
    const closed = dueClockOf(
      [step('2026-12-01T09:00:00Z', 'submitted'), step('2026-12-01T09:10:00Z', 'rejected')],
      targets,
      paris,
    );
    expect(nextDue(closed)).toEqual({ dueAt: null, riskAt: null });
  });
});

describe('dueStateAt and isBreached', () => {
  const target: DueTarget = {
    minutes: 60,
    dueAt: new Date('2026-12-01T10:00:00Z'),
    riskAt: new Date('2026-12-01T09:48:00Z'),
    metAt: null,
  };
  it.each<[string, DueTarget, string, boolean, string, boolean]>([
    ['on time', target, '2026-12-01T09:00:00Z', false, 'on_time', false],
    ['at risk from the threshold', target, '2026-12-01T09:48:00Z', false, 'at_risk', false],
    ['late at the due instant', target, '2026-12-01T10:00:00Z', false, 'late', false],
    ['late after it: breached', target, '2026-12-01T10:00:01Z', false, 'late', true],
    [
      'met in time',
      { ...target, metAt: new Date('2026-12-01T09:59:00Z') },
      '2026-12-02T00:00:00Z',
      false,
      'met',
      false,
    ],
    [
      'met late: missed',
      { ...target, metAt: new Date('2026-12-01T10:30:00Z') },
      '2026-12-02T00:00:00Z',
      false,
      'missed',
      true,
    ],
    [
      'paused',
      { ...target, dueAt: null, riskAt: null },
      '2026-12-01T12:00:00Z',
      true,
      'paused',
      false,
    ],
    [
      'not started',
      { ...target, dueAt: null, riskAt: null },
      '2026-12-01T12:00:00Z',
      false,
      'not_started',
      false,
    ],
  ])('%s', (_what, value, now, paused, state, breached) => {
    expect(dueStateAt(value, new Date(now), paused)).toBe(state);
    expect(isBreached(value, new Date(now))).toBe(breached);
  });
});

describe('targets', () => {
  it('takes the article override target by target', () => {
    expect(
      resolveTargets(targets, { takeChargeMinutes: null, carryOutMinutes: 30 * hour }),
    ).toEqual({
      takeChargeMinutes: 2 * hour,
      carryOutMinutes: 30 * hour,
    });
    expect(resolveTargets(targets, null)).toEqual(targets);
  });

  it.each([
    ['zero', { takeChargeMinutes: 0, carryOutMinutes: 60 }, /Invalid due-date targets/],
    ['a fraction', { takeChargeMinutes: 1.5, carryOutMinutes: 60 }, /Invalid/],
    ['too long', { takeChargeMinutes: 60, carryOutMinutes: 200_000 }, /Invalid/],
    ['take charge after carry out', { takeChargeMinutes: 120, carryOutMinutes: 60 }, /Invalid/],
  ])('refuses %s', (_what, value, error) => {
    expect(() => checkTargets(value)).toThrow(error);
  });

  it('accepts sound targets and a partial override', () => {
    expect(() => checkTargets({ takeChargeMinutes: 60, carryOutMinutes: 60 })).not.toThrow();
    expect(() => checkTargets({ takeChargeMinutes: null, carryOutMinutes: 60 })).not.toThrow();
  });
});
