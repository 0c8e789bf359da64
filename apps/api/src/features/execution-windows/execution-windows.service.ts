import { randomUUID } from 'node:crypto';
import {
  DomainError,
  freezesHit,
  isOpen,
  localOfInstant,
  maxWindowHours,
  overlappingChanges,
  proposedWindow,
  regionOfItem,
  requestStatuses,
  rolesWith,
  ruleDetail,
  windowHorizonDays,
  windowOfLocal,
  windowRules,
} from '@guichet/domain';
import type {
  ChangePeriod,
  ErrorDetail,
  Interval,
  ItemScope,
  Locale,
  WindowRule,
} from '@guichet/domain';
import type {
  ChangePeriodInput,
  ChangePeriodList,
  ChangePeriodQuery,
  ChangePeriodUpdate,
  ChangePeriodView,
  ProposedWindow,
  WindowInput,
  WindowView,
  WindowWarnings,
} from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireOperator } from '../../http/access.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as repository from './execution-windows.repository.ts';
import type { ChangePeriodRow } from './execution-windows.repository.ts';

const openStatuses = requestStatuses.filter(isOpen);

function paramsOf(rule: WindowRule): Record<string, number> {
  if (rule === 'window_too_long') return { max: maxWindowHours };
  if (rule === 'window_too_far') return { max: windowHorizonDays };
  return {};
}

/**
 * A window typed in the contract's time zone, read and judged: its instants, and the
 * details of what refuses it (at `path`'s `startsAt` or `endsAt`). Without `now` (a draft),
 * only its shape is judged.
 */
export function judgeWindow(
  input: WindowInput,
  timeZone: string,
  locale: Locale,
  options: { path: string; now?: Date },
): { window: Interval; errors: ErrorDetail[] } {
  const window = windowOfLocal(input, timeZone);
  const errors = windowRules(window, options.now).map((rule) =>
    ruleDetail(
      `${options.path}.${rule === 'window_empty' || rule === 'window_too_long' ? 'endsAt' : 'startsAt'}`,
      rule,
      paramsOf(rule),
      locale,
    ),
  );
  return { window, errors };
}

export function invalidWindow(errors: ErrorDetail[]): DomainError {
  return new DomainError('validation_failed', 'The execution window is not valid', errors);
}

/** A window judged, or refused with `validation_failed`. */
export function requireWindow(
  input: WindowInput,
  timeZone: string,
  locale: Locale,
  options: { path: string; now?: Date },
): Interval {
  const { window, errors } = judgeWindow(input, timeZone, locale, options);
  if (errors.length > 0) throw invalidWindow(errors);
  return window;
}

/**
 * Keeps the window asked with the request (draft or confirmed), in the caller's transaction:
 * judged in the contract's time zone (its shape only for a draft, also its time with `now`).
 */
export async function keepAskedWindow(
  db: Db,
  request: { id: string; timeZone: string; locale: Locale },
  input: WindowInput | null,
  now?: Date,
): Promise<void> {
  const window =
    input &&
    requireWindow(input, request.timeZone, request.locale, {
      path: 'executionWindow',
      ...(now ? { now } : {}),
    });
  await repository.saveAskedWindow(db, request.id, window);
}

/** Keeps a window already judged (a confirmation's), in the caller's transaction. */
export async function saveAskedWindow(db: Db, requestId: string, window: Interval | null) {
  await repository.saveAskedWindow(db, requestId, window);
}

/** A draft's window, judged by its shape only (its time is judged when it is confirmed). */
export async function keepDraftWindow(
  deps: Deps,
  auth: AuthContext,
  request: { id: string; contractId: string },
  input: WindowInput | null,
): Promise<void> {
  const timeZone = input
    ? (await contracts.getContract(deps, request.contractId)).time_zone
    : 'UTC';
  await keepAskedWindow(deps.db, { id: request.id, timeZone, locale: auth.user.locale }, input);
}

export function windowView(window: Interval, timeZone: string): WindowView {
  return {
    startsAt: window.startsAt.toISOString(),
    endsAt: window.endsAt.toISOString(),
    timeZone,
    local: {
      startsAt: localOfInstant(window.startsAt, timeZone),
      endsAt: localOfInstant(window.endsAt, timeZone),
    },
  };
}

function intervalOf(startsAt: Date | null, endsAt: Date | null): Interval | null {
  return startsAt && endsAt ? { startsAt, endsAt } : null;
}

function periodOf(row: ChangePeriodRow): ChangePeriod & { label: string } {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    offer: row.offer,
    region: row.region,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

/** The request's asked and planned windows, as its detail shows them to both sides. */
export async function requestWindows(
  deps: Deps,
  requestId: string,
): Promise<{ executionWindow: WindowView | null; plannedWindow: WindowView | null }> {
  const row = await repository.findRequestWindows(deps.db, requestId);
  const asked = row && intervalOf(row.asked_starts_at, row.asked_ends_at);
  const planned = row && intervalOf(row.planned_starts_at, row.planned_ends_at);
  return {
    executionWindow: row && asked ? windowView(asked, row.time_zone) : null,
    plannedWindow: row && planned ? windowView(planned, row.time_zone) : null,
  };
}

function scopeOf(row: {
  offer: string;
  site: string | null;
  attributes: Record<string, unknown> | null;
}): ItemScope {
  return {
    offer: row.offer,
    region: regionOfItem({ site: row.site, attributes: row.attributes ?? {} }),
  };
}

/** The back-office's proposal for « Planifier »: the customer's window, else the next maintenance. */
export async function proposalFor(deps: Deps, requestId: string): Promise<ProposedWindow | null> {
  const row = await repository.findRequestWindows(deps.db, requestId);
  if (!row) return null;
  const now = deps.clock();
  const periods = (await repository.listPeriods(deps.db, { endingAfter: now })).map(periodOf);
  const proposal = proposedWindow(
    intervalOf(row.asked_starts_at, row.asked_ends_at),
    periods,
    scopeOf(row),
    now,
  );
  return proposal && { ...windowView(proposal, row.time_zone), source: proposal.source };
}

const noWarnings: WindowWarnings = { freezes: [], overlaps: [] };

/**
 * The confirmation's warnings on a window (never a refusal): the freeze periods of the item's
 * offer or region it falls in, and the other open changes on the item whose window overlaps.
 */
export async function windowWarnings(
  deps: Deps,
  input: { window: Interval | null; assetId: string | null; requestId?: string | undefined },
): Promise<WindowWarnings> {
  const { window, assetId } = input;
  if (!window || !assetId) return noWarnings;
  const item = await repository.findItemScope(deps.db, assetId);
  if (!item) return noWarnings;
  const [periods, others] = await Promise.all([
    repository.listPeriods(deps.db, {
      kind: 'freeze',
      endingAfter: window.startsAt,
      startingBefore: window.endsAt,
    }),
    repository.windowedRequestsOnAsset(deps.db, {
      assetId,
      statuses: openStatuses,
      after: window.startsAt,
      ...(input.requestId ? { exceptId: input.requestId } : {}),
    }),
  ]);
  const freezes = freezesHit(window, periods.map(periodOf), scopeOf(item));
  const overlaps = overlappingChanges(
    window,
    others.flatMap((other) => {
      const span = intervalOf(other.starts_at, other.ends_at);
      return span ? [{ ...other, window: span }] : [];
    }),
  );
  return {
    freezes: freezes.map((p) => ({
      id: p.id,
      label: p.label,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    })),
    overlaps: overlaps.map((other) => ({
      id: other.id,
      number: other.number ?? '',
      status: other.status,
      window: windowView(other.window, other.time_zone),
    })),
  };
}

/**
 * « Planifier » with a window (in the scheduling's transaction): judged in the contract's
 * time zone, refused with `in_freeze_period` inside a freeze of the item's offer or region,
 * then kept with the request. Returns the window, for the move's event.
 */
export async function planWindow(
  deps: Deps,
  requestId: string,
  input: WindowInput,
  locale: Locale,
): Promise<WindowView> {
  const row = await repository.findRequestWindows(deps.db, requestId);
  if (!row) throw new DomainError('not_found', 'Request not found');
  const window = requireWindow(input, row.time_zone, locale, {
    path: 'plannedWindow',
    now: deps.clock(),
  });
  const periods = await repository.listPeriods(deps.db, {
    kind: 'freeze',
    endingAfter: window.startsAt,
    startingBefore: window.endsAt,
  });
  const frozen = freezesHit(window, periods.map(periodOf), scopeOf(row));
  if (frozen.length > 0) {
    throw new DomainError(
      'in_freeze_period',
      'The planned window falls in a freeze period',
      frozen.map((period) =>
        ruleDetail('plannedWindow', 'in_freeze_period', { label: period.label }, locale),
      ),
    );
  }
  await repository.savePlannedWindow(deps.db, requestId, window);
  return windowView(window, row.time_zone);
}

// The back-office's page of periods (`manage_change_periods`: admins).

const periodManagers = rolesWith('manage_change_periods');

function requirePeriodManager(auth: AuthContext): void {
  requireOperator(auth, periodManagers);
}

function toPeriodView(row: ChangePeriodRow): ChangePeriodView {
  const { startsAt, endsAt, ...period } = periodOf(row);
  return {
    ...period,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

function periodWrite(auth: AuthContext, body: ChangePeriodInput): repository.PeriodWrite {
  const startsAt = new Date(body.startsAt);
  const endsAt = new Date(body.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw invalidWindow([ruleDetail('endsAt', 'window_empty', {}, auth.user.locale)]);
  }
  return {
    kind: body.kind,
    label: body.label,
    offer: body.offer,
    region: body.region,
    startsAt,
    endsAt,
  };
}

export async function listPeriods(
  deps: Deps,
  auth: AuthContext,
  query: ChangePeriodQuery,
): Promise<ChangePeriodList> {
  requirePeriodManager(auth);
  const rows = await repository.listPeriods(deps.db, {
    ...(query.kind ? { kind: query.kind } : {}),
    endingAfter: query.includePast ? null : deps.clock(),
  });
  return { items: rows.map(toPeriodView) };
}

async function periodOrNotFound(db: Db, id: string): Promise<ChangePeriodRow> {
  const row = await repository.findPeriod(db, id);
  if (!row) throw new DomainError('not_found', 'Period not found');
  return row;
}

export async function getPeriod(deps: Deps, auth: AuthContext, id: string) {
  requirePeriodManager(auth);
  return toPeriodView(await periodOrNotFound(deps.db, id));
}

export async function createPeriod(
  deps: Deps,
  auth: AuthContext,
  body: ChangePeriodInput,
): Promise<ChangePeriodView> {
  requirePeriodManager(auth);
  const id = randomUUID();
  await repository.insertPeriod(deps.db, {
    ...periodWrite(auth, body),
    id,
    createdBy: auth.user.id,
    at: deps.clock(),
  });
  return toPeriodView(await periodOrNotFound(deps.db, id));
}

export async function updatePeriod(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ChangePeriodUpdate,
): Promise<ChangePeriodView> {
  requirePeriodManager(auth);
  const write = periodWrite(auth, body);
  return deps.db.transaction().execute(async (trx) => {
    const current = await periodOrNotFound(trx, id);
    const updated = await repository.updatePeriod(trx, id, {
      ...write,
      expectedVersion: body.version,
      at: deps.clock(),
    });
    if (!updated) {
      throw new DomainError(
        'conflict',
        `The period was changed meanwhile (now version ${current.version})`,
      );
    }
    return toPeriodView(await periodOrNotFound(trx, id));
  });
}

export async function deletePeriod(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  requirePeriodManager(auth);
  if (!(await repository.deletePeriod(deps.db, id))) {
    throw new DomainError('not_found', 'Period not found');
  }
}
