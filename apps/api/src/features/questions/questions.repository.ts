import type { Db } from '@guichet/db';
import type { FormDefinition, FormValues } from '@guichet/domain';

/** Questions back to the customer and the revisions of values their answers sent (decision 0035). */

export { insertRequestEvent as insertEvent } from '@guichet/db';

export type QuestionOutcome = 'answered' | 'cancelled' | 'expired';

export async function insertQuestion(
  db: Db,
  question: {
    id: string;
    requestId: string;
    askedBy: string;
    askedAt: Date;
    askedFrom: 'in_review' | 'quote_pending';
    question: string;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('request_questions')
    .values({
      id: question.id,
      request_id: question.requestId,
      asked_by: question.askedBy,
      asked_at: question.askedAt,
      asked_from: question.askedFrom,
      question: question.question,
      expires_at: question.expiresAt,
    })
    .execute();
}

/** The request's open question, locked with it (the caller holds the request's lock). */
export async function lockOpenQuestion(db: Db, requestId: string) {
  return db
    .selectFrom('request_questions')
    .select(['id', 'asked_at', 'asked_from', 'expires_at', 'reminders_sent', 'question'])
    .where('request_id', '=', requestId)
    .where('closed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}
export type OpenQuestion = NonNullable<Awaited<ReturnType<typeof lockOpenQuestion>>>;

export async function findQuestion(db: Db, requestId: string, questionId: string) {
  return db
    .selectFrom('request_questions')
    .select(['id', 'closed_at', 'outcome'])
    .where('request_id', '=', requestId)
    .where('id', '=', questionId)
    .executeTakeFirst();
}

export async function closeQuestion(
  db: Db,
  close: {
    id: string;
    outcome: QuestionOutcome;
    at: Date;
    answeredBy?: string;
    answer?: string;
  },
): Promise<void> {
  await db
    .updateTable('request_questions')
    .set({
      closed_at: close.at,
      outcome: close.outcome,
      answered_by: close.answeredBy ?? null,
      answer: close.answer ?? null,
    })
    .where('id', '=', close.id)
    .where('closed_at', 'is', null)
    .execute();
}

export async function recordReminder(
  db: Db,
  reminder: { id: string; remindersSent: number; at: Date },
): Promise<void> {
  await db
    .updateTable('request_questions')
    .set({ reminders_sent: reminder.remindersSent, last_reminded_at: reminder.at })
    .where('id', '=', reminder.id)
    .execute();
}

/**
 * Requests whose open question is due at `now`: past its delay, or asked before
 * `reminderDueBefore[n]` with fewer than n + 1 reminders sent (the domain's schedule, passed
 * in); the job decides each again under its lock.
 */
export async function listDueQuestionRequests(
  db: Db,
  filter: { now: Date; reminderDueBefore: readonly Date[]; limit: number },
) {
  return db
    .selectFrom('request_questions')
    .select('request_id')
    .where('closed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', filter.now),
        ...filter.reminderDueBefore.map((before, index) =>
          eb.and([eb('reminders_sent', '<=', index), eb('asked_at', '<=', before)]),
        ),
      ]),
    )
    .orderBy('asked_at')
    .limit(filter.limit)
    .execute();
}

export async function listQuestions(db: Db, requestId: string) {
  return db
    .selectFrom('request_questions')
    .innerJoin('users as asker', 'asker.id', 'request_questions.asked_by')
    .leftJoin('users as answerer', 'answerer.id', 'request_questions.answered_by')
    .leftJoin('request_revisions', 'request_revisions.question_id', 'request_questions.id')
    .select([
      'request_questions.id',
      'request_questions.question',
      'request_questions.asked_at',
      'request_questions.expires_at',
      'request_questions.reminders_sent',
      'request_questions.closed_at',
      'request_questions.outcome',
      'request_questions.answer',
      'asker.display_name as asked_by_name',
      'answerer.display_name as answered_by_name',
      'request_revisions.previous_values',
      'request_revisions.values',
    ])
    .where('request_questions.request_id', '=', requestId)
    .orderBy('request_questions.asked_at', 'desc')
    .orderBy('request_questions.id', 'desc')
    .execute();
}

/** What an answer's new values are checked against: the request's own article version. */
export async function findRevisionContext(db: Db, requestId: string) {
  return db
    .selectFrom('requests')
    .innerJoin('article_versions', 'article_versions.id', 'requests.article_version_id')
    .innerJoin('assets', 'assets.id', 'requests.asset_id')
    .select([
      'requests.values',
      'requests.catalog_id',
      'requests.customer_reference',
      'requests.comment',
      'requests.outside_business_hours',
      'article_versions.id as version_id',
      'article_versions.article_id',
      'article_versions.form',
      'article_versions.json_schema',
      'article_versions.billing_mode',
      'article_versions.price_tokens',
      'assets.id as asset_id',
      'assets.type as asset_type',
      'assets.attributes as asset_attributes',
    ])
    .$narrowType<{ form: FormDefinition }>()
    .where('requests.id', '=', requestId)
    .executeTakeFirst();
}

export async function lastRevisionNumber(db: Db, requestId: string): Promise<number> {
  const row = await db
    .selectFrom('request_revisions')
    .select((eb) => eb.fn.max('number').as('last'))
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return Number(row?.last ?? 1);
}

/** Keeps the values being replaced in a revision, and stores the new ones on the request. */
export async function insertRevision(
  db: Db,
  revision: {
    id: string;
    requestId: string;
    questionId: string;
    number: number;
    previousValues: FormValues;
    values: FormValues;
    createdBy: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('request_revisions')
    .values({
      id: revision.id,
      request_id: revision.requestId,
      question_id: revision.questionId,
      number: revision.number,
      previous_values: JSON.stringify(revision.previousValues),
      values: JSON.stringify(revision.values),
      created_by: revision.createdBy,
      created_at: revision.at,
    })
    .execute();
  await db
    .updateTable('requests')
    .set({ values: JSON.stringify(revision.values), updated_at: revision.at })
    .where('id', '=', revision.requestId)
    .execute();
}
