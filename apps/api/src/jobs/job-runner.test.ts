import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../../test/test-database.ts';
import type { TestDatabase } from '../../../../test/test-database.ts';
import { queueMail } from '../features/mail/mail.service.ts';
import type { MailTransport } from '../features/mail/outbox.service.ts';
import { startJobRunner } from './job-runner.ts';
import type { JobRunner, JobRunnerOptions } from './job-runner.ts';

const silent = { info: () => undefined, error: () => undefined };

function recorder(options: { fail?: boolean } = {}) {
  const sent: string[] = [];
  let calls = 0;
  const transport: MailTransport = {
    async send(message) {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      if (options.fail) throw new Error('421 mail server unavailable');
      sent.push(message.messageId);
    },
    close: () => undefined,
  };
  return { transport, sent, calls: () => calls };
}

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function statusCounts(database: TestDatabase): Promise<Record<string, number>> {
  const rows = await database.db
    .selectFrom('mail_outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

async function queueMany(database: TestDatabase, count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await queueMail(
      { db: database.db, clock: () => new Date() },
      {
        to: `client-${i}@example.com`,
        subject: `${prefix} ${i}`,
        text: `Message ${i}`,
        kind: 'test',
      },
    );
  }
}

function runnerOptions(database: TestDatabase, transport: MailTransport | null): JobRunnerOptions {
  return {
    databaseUrl: database.url,
    clock: () => new Date(),
    publicUrl: 'http://localhost:3000',
    transport,
    mailFrom: 'Guichet <no-reply@guichet.example>',
    log: silent,
    dispatchIntervalMs: 100,
    pollingIntervalSeconds: 0.5,
    concurrency: 10,
    scheduleExpiry: false,
  };
}

describe('two job processes on one database', () => {
  let database: TestDatabase;
  let runners: JobRunner[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await database.drop();
  });

  it('send each of 200 mails exactly once', async () => {
    const recorders = [recorder(), recorder()];
    runners = await Promise.all(
      recorders.map((r) => startJobRunner(runnerOptions(database, r.transport))),
    );
    const before = (await statusCounts(database))['pending'] ?? 0;
    await queueMany(database, 200, 'Exactly once');
    const total = before + 200;
    await until(async () => (await statusCounts(database))['sent'] === total);
    await new Promise((resolve) => setTimeout(resolve, 500)); // any late duplicate would land
    const sent = recorders.flatMap((r) => r.sent);
    expect(sent).toHaveLength(total);
    expect(new Set(sent).size).toBe(total);
    expect(await statusCounts(database)).toEqual({ sent: total });
    const counts = runners.map((runner) => runner.counts());
    expect(counts.reduce((sum, c) => sum + c.delivered, 0)).toBe(total);
    expect(counts.reduce((sum, c) => sum + c.dispatched, 0)).toBe(total);
    const jobs = await sql<{ state: string; n: string }>`
      SELECT state, count(*) AS n FROM (
        SELECT state FROM pgboss.job WHERE name = 'mail.deliver'
        UNION ALL SELECT state FROM pgboss.archive WHERE name = 'mail.deliver'
      ) all_jobs GROUP BY state`.execute(database.db);
    expect(jobs.rows).toEqual([{ state: 'completed', n: String(total) }]);
  });
});

describe('a failing mail server', () => {
  it('never loses the mail: retried, then marked failed with the error', async () => {
    const database = await createTestDatabase();
    const failing = recorder({ fail: true });
    const runner = await startJobRunner({
      ...runnerOptions(database, failing.transport),
      retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false },
    });
    try {
      await database.db.updateTable('mail_outbox').set({ status: 'kept' }).execute();
      await queueMany(database, 1, 'Refused');
      await until(async () => (await statusCounts(database))['failed'] === 1, 30_000);
      const mail = await database.db
        .selectFrom('mail_outbox')
        .select(['attempts', 'last_error', 'sent_at'])
        .where('status', '=', 'failed')
        .executeTakeFirstOrThrow();
      expect(mail).toEqual({
        attempts: 3,
        last_error: '421 mail server unavailable',
        sent_at: null,
      });
      expect(failing.calls()).toBe(3);
    } finally {
      await runner.stop();
      await database.drop();
    }
  });
});

describe('without an SMTP server', () => {
  it('keeps the mails in the outbox', async () => {
    const database = await createTestDatabase();
    const runner = await startJobRunner(runnerOptions(database, null));
    try {
      await queueMany(database, 3, 'Kept');
      await until(async () => (await statusCounts(database))['pending'] === undefined, 10_000);
      const counts = await statusCounts(database);
      expect(counts['kept']).toBeGreaterThanOrEqual(3);
      expect(counts['sent']).toBeUndefined();
    } finally {
      await runner.stop();
      await database.drop();
    }
  });
});

describe('the quote expiry job', () => {
  it('runs its work through the queue with the runner’s clock', async () => {
    const database = await createTestDatabase();
    const requestId = await database.db
      .selectFrom('requests')
      .select(['id', 'author_id'])
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    await database.db
      .updateTable('requests')
      .set({ status: 'quote_sent' })
      .where('id', '=', requestId.id)
      .execute();
    await database.db
      .insertInto('quotes')
      .values({
        id: crypto.randomUUID(),
        request_id: requestId.id,
        version: 1,
        amount_tokens: 3,
        amount_eur: 150,
        valid_until: '2026-11-30',
        text: 'Devis',
        attachment_id: null,
        status: 'sent',
        created_by: requestId.author_id,
      })
      .execute();
    const runner = await startJobRunner({
      ...runnerOptions(database, null),
      clock: () => new Date('2026-12-01T12:00:00Z'),
    });
    try {
      await runner.boss.send('quotes.expire', {});
      await until(async () => {
        const row = await database.db
          .selectFrom('requests')
          .select('status')
          .where('id', '=', requestId.id)
          .executeTakeFirstOrThrow();
        return row.status === 'cancelled';
      }, 20_000);
      const quote = await database.db
        .selectFrom('quotes')
        .select('status')
        .where('request_id', '=', requestId.id)
        .executeTakeFirstOrThrow();
      expect(quote.status).toBe('expired');
    } finally {
      await runner.stop();
      await database.drop();
    }
  });
});

describe('the statement closing job', () => {
  it('closes the months that are over, through the queue, with the runner’s clock', async () => {
    const database = await createTestDatabase();
    // the seed's requests used free changes of November 2026
    const used = await database.db
      .selectFrom('free_change_usage')
      .select(['contract_id', 'used'])
      .where('month', '=', '2026-11-01')
      .where('used', '>', 0)
      .orderBy('contract_id')
      .execute();
    expect(used.length).toBeGreaterThan(0);
    const runner = await startJobRunner({
      ...runnerOptions(database, null),
      clock: () => new Date('2026-12-04T12:00:00Z'),
    });
    const closed = () =>
      database.db
        .selectFrom('statements')
        .select(['contract_id', 'free_changes_used as used'])
        .where('month', '=', '2026-11-01')
        .orderBy('contract_id')
        .execute();
    try {
      await runner.boss.send('statements.close', {});
      await until(async () => (await closed()).length === used.length, 20_000);
      expect(await closed()).toEqual(used);
    } finally {
      await runner.stop();
      await database.drop();
    }
  });
});
