import { describe, expect, it } from 'vitest';
import {
  freezesHit,
  instantOfLocal,
  localOfInstant,
  overlappingChanges,
  overlaps,
  periodApplies,
  proposedWindow,
  regionOfItem,
  windowOfLocal,
  windowRules,
} from './execution-windows.ts';
import type { ChangePeriod, Interval } from './execution-windows.ts';

const at = (iso: string) => new Date(iso);
const span = (from: string, to: string): Interval => ({ startsAt: at(from), endsAt: at(to) });

describe('instantOfLocal and localOfInstant (the contract time zone, DST included)', () => {
  it.each([
    ['winter, Paris is UTC+1', '2026-12-20T22:00', 'Europe/Paris', '2026-12-20T21:00:00.000Z'],
    ['summer, Paris is UTC+2', '2026-07-01T08:30', 'Europe/Paris', '2026-07-01T06:30:00.000Z'],
    [
      'skipped at spring forward: after the jump',
      '2027-03-28T02:30',
      'Europe/Paris',
      '2027-03-28T01:30:00.000Z',
    ],
    [
      'lived twice at fall back: first passage',
      '2026-10-25T02:30',
      'Europe/Paris',
      '2026-10-25T00:30:00.000Z',
    ],
    ['another zone', '2026-12-20T22:00', 'America/New_York', '2026-12-21T03:00:00.000Z'],
    ['midnight', '2026-12-31T00:00', 'Europe/Paris', '2026-12-30T23:00:00.000Z'],
  ])('%s: %s in %s', (_case, local, zone, instant) => {
    expect(instantOfLocal(local, zone).toISOString()).toBe(instant);
  });

  it.each([
    ['2026-12-20T21:00:00.000Z', 'Europe/Paris', '2026-12-20T22:00'],
    ['2026-10-25T00:30:00.000Z', 'Europe/Paris', '2026-10-25T02:30'],
    ['2026-10-25T01:30:00.000Z', 'Europe/Paris', '2026-10-25T02:30'],
    ['2026-12-31T23:30:00.000Z', 'Europe/Paris', '2027-01-01T00:30'],
  ])('%s shows as %s %s', (instant, zone, local) => {
    expect(localOfInstant(at(instant), zone)).toBe(local);
  });

  it.each(['2026-12-20 22:00', '2026-12-20T24:00', '2026-12-20T22:00:00', '', '2026-12-20'])(
    'refuses %j',
    (local) => {
      expect(() => instantOfLocal(local, 'Europe/Paris')).toThrow(RangeError);
    },
  );

  it('a window across the fall-back night lasts one hour more than its wall clock says', () => {
    const window = windowOfLocal(
      { startsAt: '2026-10-25T01:00', endsAt: '2026-10-25T04:00' },
      'Europe/Paris',
    );
    expect(window.endsAt.getTime() - window.startsAt.getTime()).toBe(4 * 3_600_000);
  });
});

describe('windowRules', () => {
  const now = at('2026-11-20T10:00:00Z');
  it.each([
    ['two hours ahead', span('2026-12-01T20:00Z', '2026-12-01T22:00Z'), now, []],
    ['zero length', span('2026-12-01T20:00Z', '2026-12-01T20:00Z'), now, ['window_empty']],
    ['reversed', span('2026-12-01T22:00Z', '2026-12-01T20:00Z'), now, ['window_empty']],
    ['exactly 72 h', span('2026-12-01T00:00Z', '2026-12-04T00:00Z'), now, []],
    ['72 h and a minute', span('2026-12-01T00:00Z', '2026-12-04T00:01Z'), now, ['window_too_long']],
    ['starting now', span('2026-11-20T10:00Z', '2026-11-20T11:00Z'), now, []],
    [
      'started a minute ago',
      span('2026-11-20T09:59Z', '2026-11-20T11:00Z'),
      now,
      ['window_in_the_past'],
    ],
    [
      'past and empty',
      span('2026-11-01T09:00Z', '2026-11-01T09:00Z'),
      now,
      ['window_empty', 'window_in_the_past'],
    ],
    ['366 days ahead', span('2027-11-21T10:00Z', '2027-11-21T11:00Z'), now, []],
    [
      'a year and a day and a minute ahead',
      span('2027-11-21T10:01Z', '2027-11-21T11:00Z'),
      now,
      ['window_too_far'],
    ],
    [
      'a draft is not judged on time',
      span('2020-01-01T00:00Z', '2020-01-01T01:00Z'),
      undefined,
      [],
    ],
  ])('%s', (_case, window, when, rules) => {
    expect(windowRules(window, when)).toEqual(rules);
  });
});

describe('overlaps (half-open spans)', () => {
  it.each([
    [
      'inside',
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      span('2026-12-01T09:00Z', '2026-12-01T12:00Z'),
      true,
    ],
    [
      'partly',
      span('2026-12-01T10:00Z', '2026-12-01T12:00Z'),
      span('2026-12-01T11:00Z', '2026-12-01T13:00Z'),
      true,
    ],
    [
      'touching after',
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      span('2026-12-01T11:00Z', '2026-12-01T12:00Z'),
      false,
    ],
    [
      'touching before',
      span('2026-12-01T11:00Z', '2026-12-01T12:00Z'),
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      false,
    ],
    [
      'apart',
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      span('2026-12-02T10:00Z', '2026-12-02T11:00Z'),
      false,
    ],
    [
      'same',
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      true,
    ],
    [
      'zero length inside',
      span('2026-12-01T10:30Z', '2026-12-01T10:30Z'),
      span('2026-12-01T10:00Z', '2026-12-01T11:00Z'),
      false,
    ],
    [
      'a minute shared',
      span('2026-12-01T10:00Z', '2026-12-01T11:01Z'),
      span('2026-12-01T11:00Z', '2026-12-01T12:00Z'),
      true,
    ],
  ])('%s', (_case, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

const period = (
  id: string,
  kind: ChangePeriod['kind'],
  from: string,
  to: string,
  scope: Partial<Pick<ChangePeriod, 'offer' | 'region'>> = {},
): ChangePeriod => ({
  id,
  kind,
  offer: scope.offer ?? null,
  region: scope.region ?? null,
  ...span(from, to),
});

describe('scopes: offer and region', () => {
  it.each([
    [{ site: 'Paris', attributes: { region: 'eu-west-0' } }, 'eu-west-0'],
    [{ site: 'Paris', attributes: { region: '' } }, 'Paris'],
    [{ site: 'Amsterdam', attributes: { region: 3 } }, 'Amsterdam'],
    [{ site: null, attributes: {} }, null],
  ])('the region of %j is %j', (item, region) => {
    expect(regionOfItem(item)).toBe(region);
  });

  const scope = { offer: 'Flexible Engine', region: 'eu-west-0' };
  it.each([
    [{ offer: null, region: null }, true],
    [{ offer: 'Flexible Engine', region: null }, true],
    [{ offer: 'Cloud Avenue', region: null }, false],
    [{ offer: null, region: 'eu-west-0' }, true],
    [{ offer: null, region: 'eu-west-1' }, false],
    [{ offer: 'Flexible Engine', region: 'eu-west-1' }, false],
    [{ offer: 'Flexible Engine', region: 'eu-west-0' }, true],
  ])('a period scoped %j applies: %s', (periodScope, expected) => {
    expect(periodApplies(periodScope, scope)).toBe(expected);
  });
});

describe('freezesHit', () => {
  const scope = { offer: 'Flexible Engine', region: 'eu-west-0' };
  const periods = [
    period('christmas', 'freeze', '2026-12-19T23:00Z', '2027-01-03T23:00Z'),
    period('other-offer', 'freeze', '2026-12-01T00:00Z', '2026-12-31T00:00Z', {
      offer: 'Cloud Avenue',
    }),
    period('region', 'freeze', '2026-12-15T00:00Z', '2026-12-21T00:00Z', { region: 'eu-west-0' }),
    period('maintenance', 'maintenance', '2026-12-20T20:00Z', '2026-12-21T02:00Z'),
  ];
  it.each([
    [
      'in two freezes, by start',
      span('2026-12-20T21:00Z', '2026-12-20T23:00Z'),
      ['region', 'christmas'],
    ],
    ['ends when the freeze starts', span('2026-12-19T21:00Z', '2026-12-19T23:00Z'), ['region']],
    ['before any', span('2026-12-10T21:00Z', '2026-12-10T23:00Z'), []],
    ['starts when the freeze ends', span('2027-01-03T23:00Z', '2027-01-04T01:00Z'), []],
  ])('%s', (_case, window, ids) => {
    expect(freezesHit(window, periods, scope).map((p) => p.id)).toEqual(ids);
  });
});

describe('overlappingChanges', () => {
  it('keeps the other changes whose window overlaps, not those touching', () => {
    const others = [
      { id: 'a', window: span('2026-12-01T20:00Z', '2026-12-01T22:00Z') },
      { id: 'b', window: span('2026-12-01T22:00Z', '2026-12-01T23:00Z') },
      { id: 'c', window: span('2026-12-01T18:00Z', '2026-12-01T20:30Z') },
    ];
    expect(
      overlappingChanges(span('2026-12-01T20:00Z', '2026-12-01T22:00Z'), others).map((o) => o.id),
    ).toEqual(['a', 'c']);
  });
});

describe('proposedWindow', () => {
  const now = at('2026-11-20T10:00:00Z');
  const scope = { offer: 'Flexible Engine', region: 'eu-west-0' };
  const periods = [
    period('freeze', 'freeze', '2026-12-19T23:00Z', '2027-01-03T23:00Z'),
    period('past-maintenance', 'maintenance', '2026-11-19T20:00Z', '2026-11-19T23:00Z'),
    period('frozen-maintenance', 'maintenance', '2026-12-26T20:00Z', '2026-12-26T23:00Z'),
    period('other-region', 'maintenance', '2026-11-24T20:00Z', '2026-11-24T23:00Z', {
      region: 'x',
    }),
    period('next-maintenance', 'maintenance', '2026-11-26T20:00Z', '2026-11-26T23:00Z'),
    period('later-maintenance', 'maintenance', '2026-11-27T20:00Z', '2026-11-27T23:00Z'),
  ];
  it.each([
    [
      'the customer’s window',
      span('2026-12-01T20:00Z', '2026-12-01T22:00Z'),
      'customer',
      '2026-12-01T20:00:00.000Z',
    ],
    [
      'no window asked: the next maintenance of the scope',
      null,
      'maintenance',
      '2026-11-26T20:00:00.000Z',
    ],
    [
      'the asked window is frozen',
      span('2026-12-20T20:00Z', '2026-12-20T22:00Z'),
      'maintenance',
      '2026-11-26T20:00:00.000Z',
    ],
    [
      'the asked window is past',
      span('2026-11-19T20:00Z', '2026-11-19T22:00Z'),
      'maintenance',
      '2026-11-26T20:00:00.000Z',
    ],
  ])('%s', (_case, asked, source, startsAt) => {
    const proposal = proposedWindow(asked, periods, scope, now);
    expect(proposal?.source).toBe(source);
    expect(proposal?.startsAt.toISOString()).toBe(startsAt);
  });

  it('proposes nothing without a usable window or maintenance period', () => {
    expect(proposedWindow(null, periods.slice(0, 3), scope, now)).toBeNull();
  });
});
