import { prepared } from '@guichet/db';
import type { Db } from '@guichet/db';
import { sql } from 'kysely';

// The clock's statements run at every confirmation and every move (decision 0036): each is
// prepared once per connection (decision 0010), not parsed and planned at every call.

/** The request's steps that move its clock: status moves and assignments, oldest first. */
export async function listClockSteps(db: Db, requestId: string) {
  return db
    .selectFrom('request_events')
    .modifyFront(sql.raw(prepared('due-clock-steps')))
    .select([
      'at',
      'kind',
      'to_status',
      sql<string | null>`request_events.data->>'assigneeId'`.as('assignee_id'),
    ])
    .where('request_id', '=', requestId)
    .where((eb) => eb.or([eb('to_status', 'is not', null), eb('kind', '=', 'assigned')]))
    .orderBy('id')
    .execute();
}

/** What the clock of a request needs: its contract's zone and level, its article's override. */
export async function findClockContext(db: Db, requestId: string) {
  return db
    .selectFrom('requests')
    .modifyFront(sql.raw(prepared('due-clock-context')))
    .innerJoin('contracts', 'contracts.id', 'requests.contract_id')
    .leftJoin('support_level_targets as level', 'level.support_level', 'contracts.support_level')
    .leftJoin('article_due_targets as article', 'article.article_id', 'requests.article_id')
    .leftJoin('request_due_dates as clock', 'clock.request_id', 'requests.id')
    .select([
      'requests.status',
      'contracts.time_zone',
      'level.take_charge_minutes as level_take_charge',
      'level.carry_out_minutes as level_carry_out',
      'article.take_charge_minutes as article_take_charge',
      'article.carry_out_minutes as article_carry_out',
      'clock.take_charge_minutes',
      'clock.carry_out_minutes',
      'clock.take_charge_breached_at',
      'clock.carry_out_breached_at',
    ])
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
}

/**
 * The request's clock row, locked until the transaction ends (created if missing). The
 * trigger on its events has made it already on every path but the oldest requests': one
 * statement then, the insert only when there is none.
 */
export async function lockClock(db: Db, requestId: string) {
  const locked = () =>
    db
      .selectFrom('request_due_dates')
      .modifyFront(sql.raw(prepared('due-clock-lock')))
      .selectAll()
      .where('request_id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
  const found = await locked();
  if (found) return found;
  await sql`${sql.raw(prepared('due-clock-create'))}
    INSERT INTO request_due_dates (request_id) VALUES (${requestId}::uuid)
    ON CONFLICT (request_id) DO NOTHING`.execute(db);
  const made = await locked();
  if (!made) throw new Error(`no clock row for ${requestId}`);
  return made;
}

export interface ClockWrite {
  requestId: string;
  takeChargeMinutes: number | null;
  carryOutMinutes: number | null;
  startedAt: Date | null;
  paused: boolean;
  takeChargeDueAt: Date | null;
  takeChargeMetAt: Date | null;
  carryOutDueAt: Date | null;
  carryOutMetAt: Date | null;
  nextDueAt: Date | null;
  nextRiskAt: Date | null;
  at: Date;
}

export async function writeClock(db: Db, clock: ClockWrite): Promise<void> {
  await sql`${sql.raw(prepared('due-clock-write'))}
    UPDATE request_due_dates SET
      take_charge_minutes = ${clock.takeChargeMinutes}::int,
      carry_out_minutes = ${clock.carryOutMinutes}::int,
      started_at = ${clock.startedAt}::timestamptz,
      paused = ${clock.paused}::boolean,
      take_charge_due_at = ${clock.takeChargeDueAt}::timestamptz,
      take_charge_met_at = ${clock.takeChargeMetAt}::timestamptz,
      carry_out_due_at = ${clock.carryOutDueAt}::timestamptz,
      carry_out_met_at = ${clock.carryOutMetAt}::timestamptz,
      next_due_at = ${clock.nextDueAt}::timestamptz,
      next_risk_at = ${clock.nextRiskAt}::timestamptz,
      stale = false,
      updated_at = ${clock.at}::timestamptz
    WHERE request_id = ${clock.requestId}::uuid`.execute(db);
}

/** Records a breach once: true only for the call that set it. */
export async function markBreach(
  db: Db,
  requestId: string,
  target: 'take_charge' | 'carry_out',
  at: Date,
): Promise<boolean> {
  const column = target === 'take_charge' ? 'take_charge_breached_at' : 'carry_out_breached_at';
  const result = await db
    .updateTable('request_due_dates')
    .set({ [column]: at })
    .where('request_id', '=', requestId)
    .where(column, 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The clocks to compute now: marked stale by a move, or with a due date past and no breach
 * recorded for it. Taken with `SKIP LOCKED` by the caller's own transaction per row.
 */
export async function listClocksToWatch(db: Db, now: Date, limit: number) {
  const rows = await db
    .selectFrom('request_due_dates')
    .select('request_id')
    .where((eb) =>
      eb.or([
        eb('stale', '=', true),
        eb.and([
          eb('take_charge_due_at', '<', now),
          eb('take_charge_met_at', 'is', null),
          eb('take_charge_breached_at', 'is', null),
        ]),
        eb.and([
          eb('carry_out_due_at', '<', now),
          eb('carry_out_met_at', 'is', null),
          eb('carry_out_breached_at', 'is', null),
        ]),
      ]),
    )
    .orderBy('request_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.request_id);
}

/** The clock's row without waiting: undefined when another worker holds it. */
export async function tryLockClock(db: Db, requestId: string) {
  return db
    .selectFrom('request_due_dates')
    .select('request_id')
    .where('request_id', '=', requestId)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

// ---- targets ----------------------------------------------------------------------------

export async function listLevelTargets(db: Db) {
  return db
    .selectFrom('support_level_targets')
    .select(['support_level', 'take_charge_minutes', 'carry_out_minutes'])
    .execute();
}

export async function listArticleTargets(db: Db) {
  return db
    .selectFrom('articles')
    .innerJoin('article_versions', 'article_versions.id', 'articles.current_version_id')
    .innerJoin('catalogs', 'catalogs.id', 'articles.catalog_id')
    .leftJoin('article_due_targets as due', 'due.article_id', 'articles.id')
    .select([
      'articles.id',
      'catalogs.name_fr as catalog_name_fr',
      'catalogs.name_en as catalog_name_en',
      'article_versions.name_fr',
      'article_versions.name_en',
      'due.take_charge_minutes',
      'due.carry_out_minutes',
    ])
    .orderBy('catalogs.position')
    .orderBy('catalogs.name_fr')
    .orderBy('articles.position')
    .execute();
}

export async function saveLevelTargets(
  db: Db,
  level: string,
  targets: { takeChargeMinutes: number; carryOutMinutes: number },
  by: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('support_level_targets')
    .values({
      support_level: level,
      take_charge_minutes: targets.takeChargeMinutes,
      carry_out_minutes: targets.carryOutMinutes,
      updated_by: by,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('support_level').doUpdateSet({
        take_charge_minutes: targets.takeChargeMinutes,
        carry_out_minutes: targets.carryOutMinutes,
        updated_by: by,
        updated_at: at,
      }),
    )
    .execute();
}

export async function articleExists(db: Db, articleId: string): Promise<boolean> {
  const row = await db
    .selectFrom('articles')
    .select('id')
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function saveArticleTargets(
  db: Db,
  articleId: string,
  targets: { takeChargeMinutes: number | null; carryOutMinutes: number | null },
  by: string,
  at: Date,
): Promise<void> {
  if (targets.takeChargeMinutes === null && targets.carryOutMinutes === null) {
    await db.deleteFrom('article_due_targets').where('article_id', '=', articleId).execute();
    return;
  }
  const values = {
    take_charge_minutes: targets.takeChargeMinutes,
    carry_out_minutes: targets.carryOutMinutes,
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('article_due_targets')
    .values({ article_id: articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}
