import { instantOfWallTime } from './business-hours.ts';
import { formatterFor } from './calendar.ts';

/**
 * Execution windows (issue 20, part 4, decision 0037): the span the customer asks a change to
 * be carried out in, the span the agent plans it in, and the provider's freeze and
 * maintenance periods. Every span is half-open, `[startsAt, endsAt)`: a window ending at
 * 06:00 and one starting at 06:00 touch, they do not overlap.
 */
export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** A window at most three days long: a change longer than that is a project, not a window. */
export const maxWindowHours = 72;
/** And asked at most a year ahead. */
export const windowHorizonDays = 366;

/** What a window's checks refuse, as the message catalog words it. */
export type WindowRule =
  'window_empty' | 'window_in_the_past' | 'window_too_long' | 'window_too_far';

const hour = 3_600_000;
const day = 24 * hour;

/** A local date and time to the minute, `YYYY-MM-DDTHH:mm`, as a `datetime-local` input gives it. */
export const localDateTimePattern = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant a local date and time names in a time zone (the contract's). A time skipped by
 * a daylight-saving change is taken after the jump (02:30 → 03:30 on the spring-forward
 * night); a time lived twice, at its first passage (see `instantOfWallTime`).
 */
export function instantOfLocal(local: string, timeZone: string): Date {
  const match = localDateTimePattern.exec(local);
  if (!match) throw new RangeError(`Not a local date and time: ${local}`);
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  return instantOfWallTime(date, Number(hours) * 60 + Number(minutes), timeZone);
}

/** An instant as the local `YYYY-MM-DDTHH:mm` of a time zone (what the form shows back). */
export function localOfInstant(at: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

/** A local window read in a time zone. */
export function windowOfLocal(
  local: { startsAt: string; endsAt: string },
  timeZone: string,
): Interval {
  return {
    startsAt: instantOfLocal(local.startsAt, timeZone),
    endsAt: instantOfLocal(local.endsAt, timeZone),
  };
}

/**
 * What refuses a window: empty or reversed (end at or before start), longer than
 * `maxWindowHours`, and — when `now` is given, at confirmation and planning — started
 * already or more than `windowHorizonDays` ahead. A draft is checked without `now`: it may
 * wait, its window is judged again when confirmed.
 */
export function windowRules(window: Interval, now?: Date): WindowRule[] {
  const rules: WindowRule[] = [];
  const length = window.endsAt.getTime() - window.startsAt.getTime();
  if (length <= 0) rules.push('window_empty');
  else if (length > maxWindowHours * hour) rules.push('window_too_long');
  if (now !== undefined) {
    if (window.startsAt.getTime() < now.getTime()) rules.push('window_in_the_past');
    else if (window.startsAt.getTime() > now.getTime() + windowHorizonDays * day)
      rules.push('window_too_far');
  }
  return rules;
}

/** Whether two half-open spans share an instant; touching ends do not, empty spans never do. */
export function overlaps(a: Interval, b: Interval): boolean {
  return (
    a.startsAt.getTime() < b.endsAt.getTime() &&
    b.startsAt.getTime() < a.endsAt.getTime() &&
    a.startsAt.getTime() < a.endsAt.getTime() &&
    b.startsAt.getTime() < b.endsAt.getTime()
  );
}

export const changePeriodKinds = ['freeze', 'maintenance'] as const;
export type ChangePeriodKind = (typeof changePeriodKinds)[number];

/**
 * A period the provider declares: a freeze (no change carried out) or a maintenance period
 * (changes preferably carried out then). Its scope: an offer (the contract's, e.g.
 * « Flexible Engine »), a region (the item's, see `regionOfItem`), both, or neither (all).
 */
export interface ChangePeriod extends Interval {
  id: string;
  kind: ChangePeriodKind;
  offer: string | null;
  region: string | null;
}

/** What a period's scope is matched against: the request's contract offer and item region. */
export interface ItemScope {
  offer: string;
  region: string | null;
}

/**
 * The region of an inventory item: the `region` attribute the inventory sync carries for
 * tenants (`eu-west-0`), else its site (« Paris - Val de Reuil »): Guichet has no region of
 * its own (decision 0037).
 */
export function regionOfItem(item: {
  site: string | null;
  attributes: Record<string, unknown>;
}): string | null {
  const region = item.attributes['region'];
  return typeof region === 'string' && region !== '' ? region : item.site;
}

export function periodApplies(period: Pick<ChangePeriod, 'offer' | 'region'>, scope: ItemScope) {
  return (
    (period.offer === null || period.offer === scope.offer) &&
    (period.region === null || period.region === scope.region)
  );
}

/** The freeze periods of the item's scope that a window falls in (even partly), by start. */
export function freezesHit<P extends ChangePeriod>(
  window: Interval,
  periods: readonly P[],
  scope: ItemScope,
): P[] {
  return periods
    .filter((p) => p.kind === 'freeze' && periodApplies(p, scope) && overlaps(window, p))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The other changes on the same item whose window (planned, else asked) overlaps this one. */
export function overlappingChanges<C extends { window: Interval }>(
  window: Interval,
  others: readonly C[],
): C[] {
  return others.filter((other) => overlaps(window, other.window));
}

/**
 * The window the agent's « Planifier » proposes: the customer's, if still ahead and outside
 * any freeze; otherwise the next maintenance period of the item's scope that is still ahead
 * and outside any freeze; otherwise none (the agent chooses).
 */
export function proposedWindow(
  asked: Interval | null,
  periods: readonly ChangePeriod[],
  scope: ItemScope,
  now: Date,
): (Interval & { source: 'customer' | 'maintenance' }) | null {
  const usable = (window: Interval) =>
    window.startsAt.getTime() >= now.getTime() &&
    windowRules(window).length === 0 &&
    freezesHit(window, periods, scope).length === 0;
  if (asked && usable(asked)) return { ...asked, source: 'customer' };
  const next = periods
    .filter((p) => p.kind === 'maintenance' && periodApplies(p, scope) && usable(p))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  return next ? { startsAt: next.startsAt, endsAt: next.endsAt, source: 'maintenance' } : null;
}
