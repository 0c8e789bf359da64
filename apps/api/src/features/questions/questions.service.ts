import { randomUUID } from 'node:crypto';
import {
  DomainError,
  allowedActions,
  answerActionFor,
  hasProfile,
  questionExpiresAt,
  questionFollowUp,
  questionReminderDays,
  revisionChanges,
} from '@guichet/domain';
import type { FormDefinition, FormValues, RequestStatus, ValueChange } from '@guichet/domain';
import type {
  AnswerQuestionBody,
  AskQuestionBody,
  BackOfficeRequestDetail,
  QuestionView,
  RequestDetail,
  RequestQuestions,
} from '@guichet/contracts';
import { sweep } from '../../lib/sweep.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as backOffice from '../back-office/back-office.service.ts';
import * as followUp from '../follow-up/follow-up.service.ts';
import * as notifications from '../notifications/notifications.service.ts';
import * as processing from '../processing/processing.service.ts';
import type { Acting, LockedRequest } from '../processing/processing.service.ts';
import { invalidForm, judgeConfirmation } from '../requests/request-fields.ts';
import * as requests from '../requests/requests.service.ts';
import * as repository from './questions.repository.ts';

/**
 * Questions back to the customer (issue 20 part 2, decision 0035): the agent asks
 * (→ `awaiting_customer`), the customer answers with new values or not (→ back to where the
 * question was asked from) or cancels; a job reminds after 3 and 7 days and cancels the
 * request when the question's delay is over. Every move is one transaction under the
 * request's row lock, recorded as a history event, announced by the bell and a mail.
 */

/** The agent asks; the request waits for its customer until `cancelAfterDays` have passed. */
export async function ask(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: AskQuestionBody,
  cancelAfterDays: number,
): Promise<BackOfficeRequestDetail> {
  const actor = backOffice.operatorOf(auth);
  return backOffice.withLockedRequest(deps, auth, id, async (scoped, locked) => {
    const askedFrom = locked.status;
    const askedAt = scoped.clock();
    const questionId = randomUUID();
    // The state machine refuses any other status before anything is written.
    await processing.applyMove(scoped, locked, {
      action: 'ask_customer',
      actor,
      note: body.question,
      data: { questionId },
      takeIfUnassigned: true,
    });
    await repository.insertQuestion(scoped.db, {
      id: questionId,
      requestId: locked.id,
      askedBy: actor.id,
      askedAt,
      askedFrom: askedFrom === 'quote_pending' ? 'quote_pending' : 'in_review',
      question: body.question,
      expiresAt: questionExpiresAt(askedAt, cancelAfterDays),
    });
  });
}

/** New values for the request, checked as a confirmation checks them, on the same version. */
async function reviseValues(
  deps: Deps,
  auth: AuthContext,
  locked: LockedRequest,
  sent: FormValues,
): Promise<{ form: FormDefinition; previous: FormValues; values: FormValues }> {
  const context = await repository.findRevisionContext(deps.db, locked.id);
  if (!context || context.catalog_id === null) {
    throw new DomainError('validation_failed', 'This request has no values to change', [
      { path: 'values', message: 'This request has no article form', rule: 'unknown' },
    ]);
  }
  const checked = judgeConfirmation(
    auth,
    { time_zone: locked.time_zone },
    {
      row: {
        id: locked.id,
        contractId: locked.contract_id,
        assetId: context.asset_id,
        catalogId: context.catalog_id,
        articleId: context.article_id,
        articleVersionId: context.version_id,
        values: sent,
        customerReference: context.customer_reference,
        comment: context.comment,
        outsideBusinessHours: context.outside_business_hours,
      },
      // A revision changes the values only: the window asked stays as it was (decision 0037).
      window: null,
      asset: {
        id: context.asset_id,
        type: context.asset_type,
        attributes: context.asset_attributes,
      },
      article: {
        version_id: context.version_id,
        catalog_id: context.catalog_id,
        article_id: context.article_id,
        form: context.form,
        json_schema: context.json_schema,
        billing_mode: context.billing_mode,
        price_tokens: context.price_tokens,
      },
    },
    deps.clock(),
  );
  if (checked.errors.length > 0) throw invalidForm(checked);
  return { form: context.form, previous: context.values, values: checked.values };
}

/**
 * The customer answers the question they read (`questionId`), with new values or not. An
 * answered or closed question is an invalid transition; invalid values a 400 naming each
 * field, and nothing is written.
 */
export async function answer(
  deps: Deps,
  auth: AuthContext,
  id: string,
  questionId: string,
  body: AnswerQuestionBody,
): Promise<RequestDetail> {
  await followUp.actOn(deps, auth, id, async (scoped, locked, actor) => {
    const question = await repository.findQuestion(scoped.db, locked.id, questionId);
    if (!question) throw new DomainError('not_found', 'Question not found');
    const open = await repository.lockOpenQuestion(scoped.db, locked.id);
    if (!open || open.id !== questionId) {
      throw new DomainError(
        'invalid_transition',
        `This question is ${question.outcome ?? 'closed'}`,
      );
    }
    const action = answerActionFor(open.asked_from);
    const at = scoped.clock();
    let changes: ValueChange[] = [];
    let revision: number | null = null;
    if (body.values !== undefined) {
      const revised = await reviseValues(scoped, auth, locked, body.values);
      changes = revisionChanges(revised.form, revised.previous, revised.values);
      if (changes.length > 0) {
        revision = (await repository.lastRevisionNumber(scoped.db, locked.id)) + 1;
        await repository.insertRevision(scoped.db, {
          id: randomUUID(),
          requestId: locked.id,
          questionId,
          number: revision,
          previousValues: revised.previous,
          values: revised.values,
          createdBy: actor.id,
          at,
        });
      }
    }
    await repository.closeQuestion(scoped.db, {
      id: questionId,
      outcome: 'answered',
      at,
      answeredBy: actor.id,
      answer: body.answer,
    });
    await processing.applyMove(scoped, locked, {
      action,
      actor,
      note: body.answer,
      data: { questionId, revision, changes },
    });
  });
  return requests.getRequest(deps, auth, id);
}

function toQuestionView(
  row: Awaited<ReturnType<typeof repository.listQuestions>>[number],
  form: FormDefinition | null,
): QuestionView {
  return {
    id: row.id,
    question: row.question,
    askedAt: row.asked_at.toISOString(),
    askedByName: row.asked_by_name,
    expiresAt: row.expires_at.toISOString(),
    remindersSent: row.reminders_sent,
    closedAt: row.closed_at?.toISOString() ?? null,
    outcome: row.outcome,
    answer: row.answer,
    answeredByName: row.answered_by_name,
    changes:
      form && row.previous_values && row.values
        ? revisionChanges(form, row.previous_values, row.values)
        : [],
  };
}

async function loadQuestions(deps: Deps, id: string) {
  const [rows, context] = await Promise.all([
    repository.listQuestions(deps.db, id),
    repository.findRevisionContext(deps.db, id),
  ]);
  return rows.map((row) => toQuestionView(row, context?.form ?? null));
}

/** The request's questions for the operator, and whether one may be asked now. */
export async function operatorQuestions(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<RequestQuestions> {
  backOffice.operatorOf(auth);
  const header = await processing.confirmedRequest(deps, id);
  return {
    items: await loadQuestions(deps, id),
    canAsk: allowedActions(header.status as RequestStatus, 'operator').includes('ask_customer'),
    canAnswer: false,
  };
}

/** The request's questions for its customer, and whether the caller may answer now. */
export async function customerQuestions(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<RequestQuestions> {
  const header = await processing.visibleRequest(deps, auth, id);
  const isManager =
    auth.user.kind === 'customer' &&
    hasProfile(auth.grants, header.contract_id, 'requests', 'manager');
  return {
    items: await loadQuestions(deps, id),
    canAsk: false,
    canAnswer: isManager && header.status === 'awaiting_customer',
  };
}

const systemActor: Acting = processing.systemActor;

/** One request's open question at `deps.clock()`: remind, cancel, or nothing. */
async function followUpQuestion(deps: Deps, locked: LockedRequest): Promise<boolean> {
  const open = await repository.lockOpenQuestion(deps.db, locked.id);
  if (!open || locked.status !== 'awaiting_customer') return false;
  const now = deps.clock();
  const next = questionFollowUp(
    { askedAt: open.asked_at, expiresAt: open.expires_at, remindersSent: open.reminders_sent },
    now,
  );
  if (next.kind === 'wait') return false;
  if (next.kind === 'remind') {
    await repository.recordReminder(deps.db, {
      id: open.id,
      remindersSent: next.reminder,
      at: now,
    });
    await repository.insertEvent(deps.db, {
      requestId: locked.id,
      actorId: null,
      kind: 'question_reminded',
      fromStatus: null,
      toStatus: null,
      at: now,
      data: { questionId: open.id, reminder: next.reminder },
    });
    await notifications.notifyQuestionReminder(deps, {
      request: {
        id: locked.id,
        number: locked.number,
        authorId: locked.author_id,
        assigneeId: locked.assignee_id,
      },
      question: open.question,
      askedAt: open.asked_at,
      expiresAt: open.expires_at,
      timeZone: locked.time_zone,
    });
    return true;
  }
  await repository.closeQuestion(deps.db, { id: open.id, outcome: 'expired', at: now });
  await processing.applyMove(deps, locked, {
    action: 'expire_question',
    actor: systemActor,
    data: { questionId: open.id, expiresAt: open.expires_at.toISOString() },
  });
  return true;
}

/**
 * The scheduled job's work: every open question due for a reminder or past its delay at
 * `deps.clock()`, each in its own transaction under its request's row lock and decided again
 * there (a second job process or the customer's answer at the same moment find it done).
 * Returns how many reminders and cancellations it made.
 */
export async function followUpQuestions(deps: Deps, batchSize = 100): Promise<number> {
  return sweep(
    deps,
    batchSize,
    () => {
      const now = deps.clock();
      return repository.listDueQuestionRequests(deps.db, {
        now,
        reminderDueBefore: questionReminderDays.map(
          (days) => new Date(now.getTime() - days * 86_400_000),
        ),
        limit: batchSize,
      });
    },
    async (scoped, { request_id: requestId }) => {
      const locked = await processing.lockRequest(scoped, requestId);
      return locked ? followUpQuestion(scoped, locked) : false;
    },
  );
}
