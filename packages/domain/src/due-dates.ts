import { addBusinessMinutes } from './business-hours.ts';
import type { BusinessCalendar, Pause } from './business-hours.ts';
import { DomainError } from './errors.ts';
import type { ErrorDetail } from './errors.ts';
import { isDueClockPaused, portalGroup } from './lifecycle.ts';
import type { RequestStatus } from './lifecycle.ts';

/**
 * Due dates (issue 20, decision 0036): a support level — or an article, overriding it —
 * promises a time to take charge and a time to carry out, in business minutes of the
 * contract's calendar. The clock starts when the request reaches the provider, stops while
 * `isDueClockPaused(status)`, and each target is met by the first event that answers it.
 */

export interface DueTargets {
  takeChargeMinutes: number;
  carryOutMinutes: number;
}

/** An article's override: either target may be left to its support level (null). */
export interface DueTargetsOverride {
  takeChargeMinutes: number | null;
  carryOutMinutes: number | null;
}

/** Ninety days of round-the-clock time: longer is a typing mistake, not a promise. */
export const maxTargetMinutes = 90 * 24 * 60;

/** At risk: less than this share of the target's business time is left (decision 0036). */
export const atRiskShare = 0.2;

export function resolveTargets(
  level: DueTargets,
  override: DueTargetsOverride | null | undefined,
): DueTargets {
  return {
    takeChargeMinutes: override?.takeChargeMinutes ?? level.takeChargeMinutes,
    carryOutMinutes: override?.carryOutMinutes ?? level.carryOutMinutes,
  };
}

/** Refuses targets that are not whole minutes in range, or a take-charge after the carry-out. */
export function checkTargets(targets: DueTargetsOverride, path = ''): void {
  const details: ErrorDetail[] = [];
  for (const key of ['takeChargeMinutes', 'carryOutMinutes'] as const) {
    const value = targets[key];
    if (value === null) continue;
    if (!Number.isInteger(value) || value < 1 || value > maxTargetMinutes) {
      details.push({
        path: `${path}${key}`,
        message: `A whole number of minutes, from 1 to ${maxTargetMinutes}`,
        rule: 'due_target_minutes',
        params: { max: maxTargetMinutes },
      });
    }
  }
  const { takeChargeMinutes, carryOutMinutes } = targets;
  if (
    details.length === 0 &&
    takeChargeMinutes !== null &&
    carryOutMinutes !== null &&
    takeChargeMinutes > carryOutMinutes
  ) {
    details.push({
      path: `${path}takeChargeMinutes`,
      message: 'The time to take charge is at most the time to carry out',
      rule: 'take_charge_after_carry_out',
    });
  }
  if (details.length > 0) {
    throw new DomainError('validation_failed', 'Invalid due-date targets', details);
  }
}

/** One step of a request's history, oldest first: a status move, or an assignment. */
export interface DueStep {
  at: Date;
  /** The status the step leads to (null: no status move, such as an assignment). */
  toStatus: RequestStatus | null;
  /** An operator was given the request (a non-null assignee). */
  assigned?: boolean;
}

export interface DueTarget {
  minutes: number;
  /** null: not started, or a pause is running (no due date until it ends). */
  dueAt: Date | null;
  /** When less than `atRiskShare` of the target is left (null as `dueAt`). */
  riskAt: Date | null;
  /** When the target was answered (taken charge; carried out or closed); null while open. */
  metAt: Date | null;
}

export interface DueClock {
  /** When the request reached the provider; null while it has not. */
  startedAt: Date | null;
  /** A pause runs now (waiting for the customer or for an approval). */
  paused: boolean;
  pauses: Pause[];
  takeCharge: DueTarget;
  carryOut: DueTarget;
}

/** The provider sees a request once confirmed and, when it needs one, approved. */
export function isProviderVisible(status: RequestStatus): boolean {
  return status !== 'draft' && status !== 'awaiting_approval';
}

/** Statuses the provider has not answered yet: leaving them takes the request in charge. */
const untaken: readonly RequestStatus[] = ['submitted', 'quote_pending'];

/** Where the clock stands after this history (pure: the calendar brings zone and holidays). */
export function dueClockOf(
  history: readonly DueStep[],
  targets: DueTargets,
  calendar: BusinessCalendar,
): DueClock {
  let startedAt: Date | null = null;
  let status: RequestStatus | null = null;
  let takenAt: Date | null = null;
  let closedAt: Date | null = null;
  const pauses: Pause[] = [];
  for (const step of history) {
    const to = step.toStatus;
    if (startedAt === null) {
      if (to === null || !isProviderVisible(to)) {
        status = to ?? status;
        continue;
      }
      startedAt = step.at;
    } else if (closedAt === null) {
      if (
        takenAt === null &&
        (step.assigned ||
          (to !== null && to !== status && untaken.includes(status as RequestStatus)))
      ) {
        takenAt = step.at;
      }
    }
    if (to === null || closedAt !== null) continue;
    const running = pauses.at(-1);
    if (running && running.to === null && !isDueClockPaused(to)) running.to = step.at;
    if (isDueClockPaused(to) && !(running && running.to === null)) {
      pauses.push({ from: step.at, to: null });
    }
    if (portalGroup(to) === 'terminee') closedAt = step.at;
    status = to;
  }
  const paused = pauses.at(-1)?.to === null;
  const target = (minutes: number, metAt: Date | null): DueTarget => {
    if (startedAt === null) return { minutes, dueAt: null, riskAt: null, metAt: null };
    return {
      minutes,
      dueAt: addBusinessMinutes(startedAt, minutes, calendar, pauses),
      riskAt: addBusinessMinutes(
        startedAt,
        Math.ceil(minutes * (1 - atRiskShare)),
        calendar,
        pauses,
      ),
      metAt,
    };
  };
  return {
    startedAt,
    paused,
    pauses,
    takeCharge: target(targets.takeChargeMinutes, takenAt ?? closedAt),
    carryOut: target(targets.carryOutMinutes, closedAt),
  };
}

export type DueState = 'not_started' | 'paused' | 'on_time' | 'at_risk' | 'late' | 'met' | 'missed';

/** A target's state at `now`: met (in time) or missed once answered; else on time, at risk, late. */
export function dueStateAt(target: DueTarget, now: Date, paused: boolean): DueState {
  if (target.metAt !== null) {
    return target.dueAt !== null && target.metAt.getTime() > target.dueAt.getTime()
      ? 'missed'
      : 'met';
  }
  if (target.dueAt === null) return paused ? 'paused' : 'not_started';
  if (now.getTime() >= target.dueAt.getTime()) return 'late';
  if (target.riskAt !== null && now.getTime() >= target.riskAt.getTime()) return 'at_risk';
  return 'on_time';
}

/** Whether the target is breached at `now`: answered after its due date, or still open past it. */
export function isBreached(target: DueTarget, now: Date): boolean {
  if (target.dueAt === null) return false;
  const answered = target.metAt ?? now;
  return answered.getTime() > target.dueAt.getTime();
}

/**
 * The next due date still to be answered (take charge first, then carry out) and its risk
 * threshold: what the queue sorts and filters by. Nulls when none runs.
 */
export function nextDue(clock: DueClock): { dueAt: Date | null; riskAt: Date | null } {
  for (const target of [clock.takeCharge, clock.carryOut]) {
    if (target.metAt === null && target.dueAt !== null) {
      return { dueAt: target.dueAt, riskAt: target.riskAt };
    }
  }
  return { dueAt: null, riskAt: null };
}
