import {
  BackOfficeRequestDetail,
  NotificationList,
  RequestDetail,
  RequestFollowUp,
  RequestQuestions,
} from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, errorOf, testNow, bodyOf } from '../../test/harness.ts';
import type { Harness } from '../../test/harness.ts';
import { createLifecycle } from '../../test/request-lifecycle.ts';
import type { Lifecycle } from '../../test/request-lifecycle.ts';
import { followUpQuestions } from './questions.service.ts';

let h: Harness;
let life: Lifecycle;
let viewer: string;
let globex: string;
let catalogManager: string;

beforeAll(async () => {
  h = await createHarness();
  life = await createLifecycle(h);
  [viewer, globex, catalogManager] = await Promise.all([
    h.login('visiteur@acme.example'),
    h.login('gestionnaire@globex.example'),
    h.login('catalogue@guichet.example'),
  ]);
});
afterAll(() => h.close());

const question = 'Sur quel projet faut-il activer les journaux d’audit ?';
const day = 86_400_000;

async function customerQuestions(cookie: string, id: string) {
  const response = await life.get(cookie, `/api/requests/${id}/questions`);
  expect(response.statusCode, response.body).toBe(200);
  return bodyOf(response, RequestQuestions);
}

async function openQuestionId(id: string): Promise<string> {
  return (await customerQuestions(life.manager, id)).items[0]!.id;
}

function answer(cookie: string, id: string, questionId: string, body: Record<string, unknown>) {
  return life.post(cookie, `/api/requests/${id}/questions/${questionId}/answer`, body);
}

async function requestValues(id: string) {
  const row = await h.database.db
    .selectFrom('requests')
    .select(['values', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

async function mails(id: string, kind: string) {
  return h.database.db
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body'])
    .where('request_id', '=', id)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
}

describe('asking (« Demander des précisions »)', () => {
  it.each(['in_review', 'quote_pending'] as const)(
    'moves a request %s to awaiting_customer, recorded, told by mail and bell',
    async (status) => {
      const id = await life.requestIn(status);
      const response = await life.post(life.agent, `/api/back-office/requests/${id}/questions`, {
        question,
      });
      expect(response.statusCode, response.body).toBe(201);
      const detail = bodyOf(response, BackOfficeRequestDetail);
      expect(detail.status).toBe('awaiting_customer');
      expect(detail.allowedActions).toEqual([]);
      expect(detail.events.at(-1)).toMatchObject({
        action: 'ask_customer',
        fromStatus: status,
        toStatus: 'awaiting_customer',
        note: question,
        at: testNow.toISOString(),
      });
      const customer = bodyOf(await life.get(life.manager, `/api/requests/${id}`), RequestDetail);
      expect(customer).toMatchObject({ status: 'awaiting_customer', group: 'en_cours' });
      const questions = await customerQuestions(life.manager, id);
      expect(questions).toMatchObject({ canAsk: false, canAnswer: true });
      expect(questions.items[0]).toMatchObject({
        question,
        askedByName: 'Agent Guichet',
        askedAt: testNow.toISOString(),
        expiresAt: new Date(testNow.getTime() + 14 * day).toISOString(),
        remindersSent: 0,
        closedAt: null,
        outcome: null,
      });
      const mail = (await mails(id, 'status_changed')).at(-1);
      expect(mail?.subject).toContain('En attente de votre réponse');
      expect(mail?.text_body).toContain(`Question : ${question}`);
      const bell = bodyOf(await life.get(life.manager, '/api/notifications'), NotificationList);
      expect(bell.items.filter((item) => item.requestId === id)).toContainEqual(
        expect.objectContaining({ kind: 'status_changed', toStatus: 'awaiting_customer' }),
      );
    },
  );

  it.each(['submitted', 'quote_sent', 'in_progress', 'awaiting_customer', 'done'] as const)(
    'is refused while %s, and writes nothing',
    async (status) => {
      const id = await life.requestIn(status);
      const events = await life.eventCount(id);
      const response = await life.post(life.agent, `/api/back-office/requests/${id}/questions`, {
        question,
      });
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('invalid_transition');
      expect(await life.eventCount(id)).toBe(events);
      expect(await life.statusOf(id)).toBe(status);
    },
  );

  it.each([
    ['empty', ''],
    ['only spaces', '   \n '],
    ['too long', 'x'.repeat(4001)],
  ])('refuses a question %s with its path', async (_case, text) => {
    const id = await life.requestIn('in_review');
    const response = await life.post(life.agent, `/api/back-office/requests/${id}/questions`, {
      question: text,
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details?.[0]?.path).toBe('question');
    expect(await life.statusOf(id)).toBe('in_review');
  });

  it('is refused to an operator without the processing capability, and to customers', async () => {
    const id = await life.requestIn('in_review');
    const url = `/api/back-office/requests/${id}/questions`;
    expect((await life.post(catalogManager, url, { question })).statusCode).toBe(403);
    expect((await life.get(catalogManager, url)).statusCode).toBe(403);
    expect((await life.post(life.manager, url, { question })).statusCode).toBe(403);
    expect(await life.statusOf(id)).toBe('in_review');
  });
});

describe('answering', () => {
  it('sends the request back to the queue with the answer, and new values as a revision', async () => {
    const id = await life.requestIn('awaiting_customer');
    const questionId = await openQuestionId(id);
    const before = await requestValues(id);
    const details = 'Sur le projet acme-prod, journaux CTS conservés 90 jours.';
    const response = await answer(life.manager, id, questionId, {
      answer: 'Voici le projet concerné.',
      values: { details },
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = bodyOf(response, RequestDetail);
    expect(detail.status).toBe('in_review');
    expect(detail.values).toEqual({ details });
    const change = {
      path: 'values.details',
      label: { fr: 'Détail de la demande', en: 'Request details' },
      before: { fr: before.values['details'], en: before.values['details'] },
      after: { fr: details, en: details },
    };
    expect(detail.events.at(-1)).toMatchObject({
      action: 'answer_question',
      fromStatus: 'awaiting_customer',
      toStatus: 'in_review',
      note: 'Voici le projet concerné.',
      changes: [{ path: 'values.details' }],
    });
    // the agent reads the same difference, with the form's labels
    const operator = bodyOf(
      await life.get(life.agent, `/api/back-office/requests/${id}`),
      BackOfficeRequestDetail,
    );
    expect(operator.events.at(-1)?.changes?.[0]?.path).toBe(change.path);
    expect(operator.events.at(-1)?.changes?.[0]?.before).toEqual(change.before);
    expect(operator.allowedActions).toContain('ask_customer');
    const questions = bodyOf(
      await life.get(life.agent, `/api/back-office/requests/${id}/questions`),
      RequestQuestions,
    );
    expect(questions.canAsk).toBe(true);
    expect(questions.items[0]).toMatchObject({
      outcome: 'answered',
      answer: 'Voici le projet concerné.',
      answeredByName: 'Camille Martin',
    });
    expect(questions.items[0]?.changes.map((c) => c.path)).toEqual(['values.details']);
    // the previous values are kept
    const revision = await h.database.db
      .selectFrom('request_revisions')
      .select(['number', 'previous_values', 'values'])
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(revision).toEqual({ number: 2, previous_values: before.values, values: { details } });
  });

  it('sends a request asked while its quote was prepared back to its quote', async () => {
    const id = await life.onQuote();
    await life.post(life.agent, `/api/back-office/requests/${id}/questions`, { question });
    const response = await answer(life.manager, id, await openQuestionId(id), {
      answer: 'Le site de Lyon.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, RequestDetail).status).toBe('quote_pending');
    expect(bodyOf(response, RequestDetail).events.at(-1)).toMatchObject({
      action: 'answer_question_on_quote',
    });
  });

  it.each([
    ['a required answer emptied', { details: '' }, 'values.details'],
    ['an answer the form does not know', { details: 'Ok', colour: 'bleu' }, 'values.colour'],
    ['an answer of the wrong type', { details: 42 }, 'values.details'],
  ])('refuses %s with its field path, and writes nothing', async (_case, values, path) => {
    const id = await life.requestIn('awaiting_customer');
    const questionId = await openQuestionId(id);
    const before = await requestValues(id);
    const events = await life.eventCount(id);
    const response = await answer(life.manager, id, questionId, { answer: 'Voici.', values });
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).code).toBe('form_values_invalid');
    expect(errorOf(response).details?.map((detail) => detail.path)).toContain(path);
    expect(await requestValues(id)).toEqual(before);
    expect(await life.eventCount(id)).toBe(events);
    expect(await life.statusOf(id)).toBe('awaiting_customer');
    expect((await customerQuestions(life.manager, id)).items[0]?.outcome).toBeNull();
  });

  it('keeps the values when they did not change (no revision)', async () => {
    const id = await life.requestIn('awaiting_customer');
    const before = await requestValues(id);
    const response = await answer(life.manager, id, await openQuestionId(id), {
      answer: 'Rien à changer.',
      values: before.values,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, RequestDetail).events.at(-1)?.changes).toBeUndefined();
    const revisions = await h.database.db
      .selectFrom('request_revisions')
      .select('id')
      .where('request_id', '=', id)
      .execute();
    expect(revisions).toEqual([]);
  });

  it('refuses an answer to a question already answered', async () => {
    const id = await life.requestIn('awaiting_customer');
    const questionId = await openQuestionId(id);
    expect((await answer(life.manager, id, questionId, { answer: 'Un.' })).statusCode).toBe(200);
    const again = await answer(life.manager, id, questionId, { answer: 'Deux.' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');
  });

  it('is refused to a Visiteur (403), another customer (404) and an operator (403)', async () => {
    const id = await life.requestIn('awaiting_customer');
    const questionId = await openQuestionId(id);
    const body = { answer: 'Voici.' };
    expect((await answer(viewer, id, questionId, body)).statusCode).toBe(403);
    expect((await answer(globex, id, questionId, body)).statusCode).toBe(404);
    expect((await life.get(globex, `/api/requests/${id}/questions`)).statusCode).toBe(404);
    expect((await answer(life.agent, id, questionId, body)).statusCode).toBe(403);
    const visitor = await customerQuestions(viewer, id);
    expect(visitor.canAnswer).toBe(false);
    expect(await life.statusOf(id)).toBe('awaiting_customer');
  });
});

describe('cancelling while the question waits', () => {
  it('is allowed to the customer, and closes the question', async () => {
    const id = await life.requestIn('awaiting_customer');
    const followUp = bodyOf(
      await life.get(life.manager, `/api/requests/${id}/follow-up`),
      RequestFollowUp,
    );
    expect(followUp.allowedActions).toEqual(['cancel']);
    const response = await life.post(life.manager, `/api/requests/${id}/cancel`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(bodyOf(response, RequestDetail).status).toBe('cancelled');
    expect((await customerQuestions(life.manager, id)).items[0]).toMatchObject({
      outcome: 'cancelled',
      closedAt: testNow.toISOString(),
    });
  });

  it('and answering at the same instant: one after the other, never half-written', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await life.requestIn('awaiting_customer');
      const questionId = await openQuestionId(id);
      const before = await requestValues(id);
      const [answered, cancelled] = await Promise.all([
        answer(life.manager, id, questionId, {
          answer: 'Voici.',
          values: { details: `Nouvelle valeur, tour ${round} : projet acme-prod` },
        }),
        life.post(life.manager, `/api/requests/${id}/cancel`, {}),
      ]);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(await life.statusOf(id)).toBe('cancelled');
      const revisions = await h.database.db
        .selectFrom('request_revisions')
        .select('id')
        .where('request_id', '=', id)
        .execute();
      if (answered.statusCode === 200) {
        // the answer came first: in review, then cancelled (allowed from in review)
        expect(revisions).toHaveLength(1);
        expect((await requestValues(id)).values).toEqual({
          details: `Nouvelle valeur, tour ${round} : projet acme-prod`,
        });
      } else {
        expect(answered.statusCode, answered.body).toBe(409);
        expect(revisions).toEqual([]);
        expect((await requestValues(id)).values).toEqual(before.values);
        expect((await customerQuestions(life.manager, id)).items[0]?.outcome).toBe('cancelled');
      }
    }
  });
});

describe('reminders and the automatic cancellation (the job’s work, clock injected)', () => {
  const deps = (at: number) => ({
    db: h.database.db,
    clock: () => new Date(testNow.getTime() + at),
  });

  it('reminds after 3 and 7 days, once each even with two workers, then cancels once', async () => {
    const id = await life.requestIn('awaiting_customer');
    const run = async (at: number) => {
      const [a, b] = await Promise.all([followUpQuestions(deps(at)), followUpQuestions(deps(at))]);
      return a + b;
    };
    expect(await run(3 * day - 60_000)).toBe(0);
    expect(await run(3 * day)).toBeGreaterThanOrEqual(1);
    expect(await mails(id, 'question_reminder')).toHaveLength(1);
    expect(await run(5 * day)).toBe(0);
    expect(await run(7 * day)).toBeGreaterThanOrEqual(1);
    const reminders = await mails(id, 'question_reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders[0]?.subject).toContain('attend votre réponse');
    expect(reminders[0]?.text_body).toContain(question);
    // announced: the day the request will be cancelled, in the contract's time zone (Paris)
    expect(reminders[0]?.text_body).toContain('la demande sera annulée le 4 décembre 2026 à 11:00');
    expect(await run(14 * day - 60_000)).toBe(0);
    expect(await life.statusOf(id)).toBe('awaiting_customer');
    await run(14 * day);
    expect(await life.statusOf(id)).toBe('cancelled');
    const events = bodyOf(
      await life.get(life.manager, `/api/requests/${id}`),
      RequestDetail,
    ).events;
    expect(events.filter((event) => event.kind === 'question_reminded')).toHaveLength(2);
    expect(events.filter((event) => event.action === 'expire_question')).toEqual([
      expect.objectContaining({ fromStatus: 'awaiting_customer', toStatus: 'cancelled' }),
    ]);
    const cancelMails = (await mails(id, 'status_changed')).filter((mail) =>
      mail.subject.includes('Annulée'),
    );
    expect(cancelMails).toHaveLength(1);
    expect(cancelMails[0]?.text_body).toContain("La question de l'agent est restée sans réponse");
    expect((await customerQuestions(life.manager, id)).items[0]?.outcome).toBe('expired');
    expect(await run(20 * day)).toBe(0);
  });

  it('and an answer at the same instant as the cancellation: one wins', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await life.requestIn('awaiting_customer');
      const questionId = await openQuestionId(id);
      h.setNow(new Date(testNow.getTime() + 14 * day));
      try {
        const late = await h.login('gestionnaire@acme.example');
        const [answered] = await Promise.all([
          answer(late, id, questionId, {
            answer: 'Voici.',
            values: { details: 'Trop tard ? Le projet acme-prod.' },
          }),
          followUpQuestions(deps(14 * day)),
        ]);
        const status = await life.statusOf(id);
        if (answered.statusCode === 200) {
          expect(status).toBe('in_review');
          expect((await requestValues(id)).values['details']).toBe(
            'Trop tard ? Le projet acme-prod.',
          );
        } else {
          expect(answered.statusCode, answered.body).toBe(409);
          expect(status).toBe('cancelled');
          expect((await requestValues(id)).values['details']).not.toBe(
            'Trop tard ? Le projet acme-prod.',
          );
        }
        const outcome = (await customerQuestions(late, id)).items[0]?.outcome;
        expect(outcome).toBe(answered.statusCode === 200 ? 'answered' : 'expired');
      } finally {
        h.setNow(testNow);
      }
    }
  });

  it('takes the delay from the configuration when the question is asked', async () => {
    const other = await h.createApp({ questionsCancelAfterDays: 30 });
    const id = await life.requestIn('in_review');
    const response = await other.inject({
      method: 'POST',
      url: `/api/back-office/requests/${id}/questions`,
      payload: { question },
      headers: { cookie: life.agent },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((await customerQuestions(life.manager, id)).items[0]?.expiresAt).toBe(
      new Date(testNow.getTime() + 30 * day).toISOString(),
    );
  });
});
