import PgBoss from 'pg-boss';
import { createDb } from '@guichet/db';
import type { Db } from '@guichet/db';
import type { Clock, Deps } from '../http/context.ts';
import {
  deliverMail,
  dispatchPendingMails,
  keepPendingMails,
} from '../features/mail/outbox.service.ts';
import type { MailTransport } from '../features/mail/outbox.service.ts';
import { expireQuotes } from '../features/processing/quote-expiry.service.ts';
import { closeOverMonths } from '../features/statements/statements.service.ts';
import { pruneLiveEvents } from '../features/live/live.service.ts';
import { expireExecutions } from '../features/executions/executions.service.ts';
import { followUpQuestions } from '../features/questions/questions.service.ts';
import { watchDueDates } from '../features/due-dates/due-dates.service.ts';
import { inTransaction, withAdvisoryLock } from './jobs.repository.ts';
import { startWebhookJobs, webhookConcurrency, webhookQueueOptions } from './webhook-jobs.ts';
import type { WebhookJobs, WebhookJobsOptions } from './webhook-jobs.ts';

/**
 * Background jobs on PostgreSQL with pg-boss (decision 0005): they survive restarts, and each
 * runs once however many API processes share the database (`SELECT … FOR UPDATE SKIP
 * LOCKED` in pg-boss, and on the outbox rows).
 *
 * - `mail.deliver`: one job per outbox mail, retried with exponential backoff;
 * - `quotes.expire`: every minute (cron, once across processes), cancels requests whose
 *   quote expired;
 * - `statements.close`: daily (cron), closes the contract months that are over (decision
 *   0017); reads close what they need too, and both agree through `ON CONFLICT DO NOTHING`;
 * - `executions.expire`: every minute (cron, once across processes), hands the automatic
 *   executions past their time limit back to the agents' queue (decision 0032);
 * - `questions.follow-up`: every minute (cron, once across processes), reminds the customers
 *   of the questions waiting for their answer after 3 and 7 days, and cancels the requests whose
 *   question's delay is over (decision 0035);
 * - `due-dates.watch`: every minute (cron, once across processes), computes the clocks a move
 *   marked stale and records the breaches of due dates that passed (decision 0036);
 * - `live.prune`: every hour (cron, once across processes), deletes the live stream's events
 *   no reconnecting stream will be replayed any more (decision 0018);
 * - a light timer in each process hands the outbox's new mails to `mail.deliver` (each mail
 *   once, in the transaction that marks it), or keeps them when no SMTP server is set.
 */

const queueCreationLock = 72917302;

export const jobQueues = {
  deliverMail: 'mail.deliver',
  expireQuotes: 'quotes.expire',
  closeStatements: 'statements.close',
  pruneLiveEvents: 'live.prune',
  expireExecutions: 'executions.expire',
  followUpQuestions: 'questions.follow-up',
  watchDueDates: 'due-dates.watch',
} as const;

/** Mails a process sends at the same time (and its SMTP connections). */
export const mailConcurrency = 8;

/** Mail retries: 15 s, 30 s, 1 min … about 30 min apart at the end, over ~1 h. */
export const mailRetry = { retryLimit: 8, retryDelay: 15, retryBackoff: true } as const;

export interface JobLog {
  info(message: string): void;
  error(error: unknown, message: string): void;
}

export interface JobRunnerOptions {
  databaseUrl: string;
  clock: Clock;
  publicUrl: string;
  /** null: no SMTP server; mails stay in the outbox as `kept`. */
  transport: MailTransport | null;
  mailFrom: string;
  log: JobLog;
  /** How often each process looks for new mails to hand over (ms). */
  dispatchIntervalMs?: number;
  /** How often idle workers look for jobs (s, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** Mails sent at the same time by this process. */
  concurrency?: number;
  /** Schedule the cron jobs (quote expiry, live events pruning); tests run their work directly. */
  scheduleExpiry?: boolean;
  retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
  /** Outbound webhooks (decision 0028); left out: none are sent by this process. */
  webhooks?: Omit<WebhookJobsOptions, 'log'>;
}

export interface JobRunner {
  boss: PgBoss;
  /** Hands the pending mails over now (the timer does it on its own). */
  dispatchNow(): Promise<number>;
  /** Mails this process delivered, and mails it handed over, since it started. */
  counts(): { delivered: number; dispatched: number };
  /** The webhooks' work in this process (null when not started). */
  webhooks: WebhookJobs | null;
  stop(): Promise<void>;
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const concurrency = options.concurrency ?? mailConcurrency;
  // A pool of its own: slow SMTP servers hold these connections, never the API's.
  const webhookSlots = options.webhooks
    ? (options.webhooks.concurrency ?? webhookConcurrency) + 1
    : 0;
  const db = createDb(options.databaseUrl, { max: concurrency + 2 + webhookSlots });
  const deps: Deps = { db, clock: options.clock, publicUrl: options.publicUrl };
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    application_name: 'guichet-jobs',
    max: 4,
  });
  boss.on('error', (error) => options.log.error(error, 'job queue error'));
  await boss.start();
  const retry = options.retry ?? mailRetry;
  const queues: PgBoss.Queue[] = [
    { name: jobQueues.deliverMail, ...retry, expireInSeconds: 300 },
    { name: jobQueues.expireQuotes, retryLimit: 0, expireInSeconds: 600 },
    { name: jobQueues.closeStatements, retryLimit: 2, retryDelay: 300, expireInSeconds: 3600 },
    { name: jobQueues.pruneLiveEvents, retryLimit: 0, expireInSeconds: 600 },
    { name: jobQueues.expireExecutions, retryLimit: 0, expireInSeconds: 600 },
    { name: jobQueues.followUpQuestions, retryLimit: 0, expireInSeconds: 600 },
    { name: jobQueues.watchDueDates, retryLimit: 0, expireInSeconds: 600 },
    ...webhookQueueOptions(),
  ];
  // Creating a queue creates a table: processes starting together would deadlock on it.
  await withAdvisoryLock(db, queueCreationLock, async () => {
    for (const queue of queues) {
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, queue);
      else await boss.createQueue(queue.name, queue);
    }
  });

  let delivered = 0;
  let dispatched = 0;
  const { transport } = options;
  if (transport) {
    await boss.work<{ mailId: string }>(
      jobQueues.deliverMail,
      {
        batchSize: concurrency,
        includeMetadata: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            try {
              const outcome = await deliverMail(deps, transport, job.data.mailId, {
                from: options.mailFrom,
                isLastAttempt: job.retryCount >= job.retryLimit,
              });
              if (outcome === 'sent') delivered += 1;
            } catch (error) {
              options.log.error(
                error,
                `mail ${job.data.mailId} not sent (attempt ${job.retryCount + 1})`,
              );
              // This job only: pg-boss retries it later; the others of the batch complete.
              await boss.fail(jobQueues.deliverMail, job.id, {
                message: error instanceof Error ? error.message : String(error),
              });
            }
          }),
        );
      },
    );
  }
  await boss.work(jobQueues.expireQuotes, async () => {
    const cancelled = await expireQuotes(deps);
    if (cancelled > 0) options.log.info(`${cancelled} request(s) cancelled: quote expired`);
  });
  await boss.work(jobQueues.closeStatements, async () => {
    const closed = await closeOverMonths(deps);
    if (closed > 0) options.log.info(`${closed} monthly statement(s) closed`);
  });
  await boss.work(jobQueues.pruneLiveEvents, async () => {
    await pruneLiveEvents(deps);
  });
  await boss.work(jobQueues.expireExecutions, async () => {
    const expired = await expireExecutions(deps);
    if (expired > 0) options.log.info(`${expired} automatic execution(s) timed out`);
  });
  await boss.work(jobQueues.followUpQuestions, async () => {
    const done = await followUpQuestions(deps);
    if (done > 0) options.log.info(`${done} question(s) reminded or cancelled`);
  });
  await boss.work(jobQueues.watchDueDates, async () => {
    const computed = await watchDueDates(deps);
    if (computed > 0) options.log.info(`${computed} due-date clock(s) computed`);
  });
  if (options.scheduleExpiry ?? true) {
    await boss.schedule(jobQueues.expireQuotes, '* * * * *');
    // 13:00 UTC: by then the month is over (for its closing delay) in every time zone, from
    // UTC−12 to UTC+14; reads close lazily before that.
    await boss.schedule(jobQueues.closeStatements, '0 13 * * *');
    await boss.schedule(jobQueues.pruneLiveEvents, '17 * * * *');
    await boss.schedule(jobQueues.expireExecutions, '* * * * *');
    await boss.schedule(jobQueues.followUpQuestions, '* * * * *');
    await boss.schedule(jobQueues.watchDueDates, '* * * * *');
  }

  const webhooks = options.webhooks
    ? await startWebhookJobs(
        boss,
        deps,
        { ...options.webhooks, log: options.log },
        options.scheduleExpiry ?? true,
      )
    : null;

  const enqueue = async (transaction: Db, mailIds: readonly string[]) => {
    await boss.insert(
      mailIds.map((mailId) => ({ name: jobQueues.deliverMail, data: { mailId } })),
      { db: inTransaction(transaction) },
    );
  };
  const dispatchNow = async (): Promise<number> => {
    if (!transport) return keepPendingMails(deps);
    const count = await dispatchPendingMails(deps, enqueue);
    dispatched += count;
    return count;
  };
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = dispatchNow()
      .catch((error: unknown) => options.log.error(error, 'mail dispatch failed'))
      .finally(() => {
        running = null;
      });
  }, options.dispatchIntervalMs ?? 2000);
  timer.unref();

  return {
    boss,
    dispatchNow,
    counts: () => ({ delivered, dispatched }),
    webhooks,
    async stop() {
      clearInterval(timer);
      await running;
      await webhooks?.stop();
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      transport?.close();
      await db.destroy();
    },
  };
}
