import {
  DomainError,
  checkTargets,
  dueClockOf,
  dueStateAt,
  isBreached,
  nextDue,
  requestStatuses,
  resolveTargets,
  rolesWith,
  supportLevels,
} from '@guichet/domain';
import type { DueClock, DueStep, DueTarget, DueTargets, SupportLevel } from '@guichet/domain';
import type {
  ArticleDueTargetsBody,
  CustomerDueDateView,
  DueDatesView,
  DueTargetView,
  DueTargetsBody,
  DueTargetsSettings,
} from '@guichet/contracts';
import { insertRequestEvent } from '@guichet/db';
import { sweep } from '../../lib/sweep.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireOperator } from '../../http/access.ts';
import { contractCalendar } from './holidays.ts';
import * as repository from './due-dates.repository.ts';

/**
 * Due dates (issue 20, decision 0036). A request's clock is computed from its status history
 * by the domain (`dueClockOf`) in its contract's calendar, and kept in `request_due_dates` for
 * the queue's sort and filters: at every move (`refreshClock`, in the move's transaction) and
 * by the watch job for the paths that only write an event (the one-statement confirmation,
 * whose event marks the clock stale) and for the due dates that pass without any move.
 */

/** Used when a support level has no row (the migration seeds all four). */
const fallbackTargets: DueTargets = { takeChargeMinutes: 540, carryOutMinutes: 2700 };

type Context = NonNullable<Awaited<ReturnType<typeof repository.findClockContext>>>;

function isStatus(value: string | null): value is (typeof requestStatuses)[number] {
  return requestStatuses.some((status) => status === value);
}

async function computeClock(
  deps: Deps,
  requestId: string,
): Promise<{ clock: DueClock; context: Context; targets: DueTargets } | null> {
  const [context, steps] = await Promise.all([
    repository.findClockContext(deps.db, requestId),
    repository.listClockSteps(deps.db, requestId),
  ]);
  if (!context) return null;
  // the targets the clock started with, else today's
  const targets =
    context.take_charge_minutes !== null && context.carry_out_minutes !== null
      ? {
          takeChargeMinutes: context.take_charge_minutes,
          carryOutMinutes: context.carry_out_minutes,
        }
      : resolveTargets(
          context.level_take_charge !== null && context.level_carry_out !== null
            ? {
                takeChargeMinutes: context.level_take_charge,
                carryOutMinutes: context.level_carry_out,
              }
            : fallbackTargets,
          {
            takeChargeMinutes: context.article_take_charge,
            carryOutMinutes: context.article_carry_out,
          },
        );
  const history: DueStep[] = steps.map((step) => ({
    at: step.at,
    toStatus: isStatus(step.to_status) ? step.to_status : null,
    assigned: step.kind === 'assigned' && step.assignee_id !== null,
  }));
  const clock = dueClockOf(history, targets, contractCalendar(context.time_zone));
  return { clock, context, targets };
}

/**
 * Computes and stores the request's clock, and records each breach once (an internal event
 * of its history): inside the caller's transaction, under the clock row's lock.
 */
export async function refreshClock(
  deps: Deps,
  requestId: string,
): Promise<DueDatesView | undefined> {
  const now = deps.clock();
  const row = await repository.lockClock(deps.db, requestId);
  const computed = await computeClock(deps, requestId);
  if (!computed) return undefined;
  const { clock, targets } = computed;
  const started = clock.startedAt !== null;
  const next = nextDue(clock);
  await repository.writeClock(deps.db, {
    requestId,
    takeChargeMinutes: started ? targets.takeChargeMinutes : null,
    carryOutMinutes: started ? targets.carryOutMinutes : null,
    startedAt: clock.startedAt,
    paused: clock.paused,
    takeChargeDueAt: clock.takeCharge.dueAt,
    takeChargeMetAt: clock.takeCharge.metAt,
    carryOutDueAt: clock.carryOut.dueAt,
    carryOutMetAt: clock.carryOut.metAt,
    nextDueAt: next.dueAt,
    nextRiskAt: next.riskAt,
    at: now,
  });
  const breaches = [
    ['take_charge', clock.takeCharge, row.take_charge_breached_at],
    ['carry_out', clock.carryOut, row.carry_out_breached_at],
  ] as const;
  const breachedAt = {
    take_charge: row.take_charge_breached_at,
    carry_out: row.carry_out_breached_at,
  };
  for (const [target, value, recorded] of breaches) {
    if (recorded !== null || !isBreached(value, now)) continue;
    if (!(await repository.markBreach(deps.db, requestId, target, now))) continue;
    breachedAt[target] = now;
    await insertRequestEvent(deps.db, {
      requestId,
      actorId: null,
      kind: `due_${target}_breached`,
      fromStatus: null,
      toStatus: null,
      at: now,
      data: { internal: true, target, dueAt: value.dueAt?.toISOString() ?? null },
    });
  }
  // what was just written, as `dueDatesOf` would read it back (the confirmation answers it)
  return viewOf(computed, now, breachedAt.take_charge, breachedAt.carry_out);
}

/**
 * The watch job's work (every minute, `due-dates.watch`): the stale clocks and those whose
 * due date passed with no breach recorded, each in its own transaction; a clock another
 * worker holds is skipped (it records the breach). Returns how many clocks it computed.
 */
export async function watchDueDates(deps: Deps, batchSize = 200): Promise<number> {
  return sweep(
    deps,
    batchSize,
    () => repository.listClocksToWatch(deps.db, deps.clock(), batchSize),
    async (scoped, id) => {
      if (!(await repository.tryLockClock(scoped.db, id))) return false;
      await refreshClock(scoped, id);
      return true;
    },
  );
}

function targetView(target: DueTarget, now: Date, paused: boolean, breachedAt: Date | null) {
  return {
    minutes: target.minutes,
    dueAt: target.dueAt?.toISOString() ?? null,
    metAt: target.metAt?.toISOString() ?? null,
    breachedAt: breachedAt?.toISOString() ?? null,
    state: dueStateAt(target, now, paused),
  } satisfies DueTargetView;
}

/** The agent's view of the clock (computed now from the history); undefined before it starts. */
export async function dueDatesOf(deps: Deps, requestId: string): Promise<DueDatesView | undefined> {
  const computed = await computeClock(deps, requestId);
  if (!computed) return undefined;
  const { context } = computed;
  return viewOf(
    computed,
    deps.clock(),
    context.take_charge_breached_at,
    context.carry_out_breached_at,
  );
}

function viewOf(
  { clock, context }: { clock: DueClock; context: Context },
  now: Date,
  takeChargeBreachedAt: Date | null,
  carryOutBreachedAt: Date | null,
): DueDatesView | undefined {
  if (clock.startedAt === null) return undefined;
  return {
    startedAt: clock.startedAt.toISOString(),
    paused: clock.paused,
    timeZone: context.time_zone,
    takeCharge: targetView(clock.takeCharge, now, clock.paused, takeChargeBreachedAt),
    carryOut: targetView(clock.carryOut, now, clock.paused, carryOutBreachedAt),
  };
}

/** The customer's: « Réalisation prévue avant le … ». */
export async function customerDueDateOf(
  deps: Deps,
  requestId: string,
): Promise<CustomerDueDateView | undefined> {
  return customerDueDateFrom(await dueDatesOf(deps, requestId));
}

/** The customer's part of the agent's view. */
export function customerDueDateFrom(
  view: DueDatesView | undefined,
): CustomerDueDateView | undefined {
  if (!view) return undefined;
  return {
    carryOutDueAt: view.carryOut.dueAt,
    paused: view.paused,
    state: view.carryOut.state,
  };
}

// ---- targets (provider admins) -----------------------------------------------------------

const adminRoles = rolesWith('manage_customers');

function isLevel(value: string): value is SupportLevel {
  return supportLevels.some((level) => level === value);
}

export async function getSettings(deps: Deps, auth: AuthContext): Promise<DueTargetsSettings> {
  requireOperator(auth, adminRoles);
  const [levels, articles] = await Promise.all([
    repository.listLevelTargets(deps.db),
    repository.listArticleTargets(deps.db),
  ]);
  const byLevel = new Map(levels.map((row) => [row.support_level, row]));
  return {
    levels: supportLevels.map((level) => {
      const row = byLevel.get(level);
      return {
        supportLevel: level,
        takeChargeMinutes: row?.take_charge_minutes ?? fallbackTargets.takeChargeMinutes,
        carryOutMinutes: row?.carry_out_minutes ?? fallbackTargets.carryOutMinutes,
      };
    }),
    articles: articles.map((row) => ({
      articleId: row.id,
      catalogName: { fr: row.catalog_name_fr, en: row.catalog_name_en },
      articleName: { fr: row.name_fr, en: row.name_en },
      takeChargeMinutes: row.take_charge_minutes,
      carryOutMinutes: row.carry_out_minutes,
    })),
  };
}

export async function saveLevel(
  deps: Deps,
  auth: AuthContext,
  level: string,
  body: DueTargetsBody,
): Promise<DueTargetsSettings> {
  requireOperator(auth, adminRoles);
  if (!isLevel(level)) throw new DomainError('not_found', 'No such support level');
  checkTargets(body);
  await repository.saveLevelTargets(deps.db, level, body, auth.user.id, deps.clock());
  return getSettings(deps, auth);
}

export async function saveArticle(
  deps: Deps,
  auth: AuthContext,
  articleId: string,
  body: ArticleDueTargetsBody,
): Promise<DueTargetsSettings> {
  requireOperator(auth, adminRoles);
  checkTargets(body);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.articleExists(trx, articleId))) {
      throw new DomainError('not_found', 'Article not found');
    }
    await repository.saveArticleTargets(trx, articleId, body, auth.user.id, deps.clock());
  });
  return getSettings(deps, auth);
}
