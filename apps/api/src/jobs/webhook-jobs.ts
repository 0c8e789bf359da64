import type PgBoss from 'pg-boss';
import type { Db } from '@guichet/db';
import type { Deps } from '../http/context.ts';
import {
  deliverWebhook,
  dispatchBatch,
  dispatchWebhooks,
  sweepWebhooks,
} from '../features/webhooks/webhook-delivery.service.ts';
import type {
  DeliveryJob,
  WebhookSettings,
} from '../features/webhooks/webhook-delivery.service.ts';
import { inTransaction } from './jobs.repository.ts';

/**
 * The webhooks on the job queue (decision 0028): `webhook.deliver`, one job per attempt of a
 * delivery (its retries are new jobs at the delays of the domain's schedule, its stream's
 * next delivery a new job when it ends); `webhooks.sweep` every minute (cron, once across
 * processes) gives a job to any overdue delivery that lost its own; a timer in each process
 * dispatches what the triggers recorded (one process at a time does it).
 */
export const webhookQueues = {
  deliver: 'webhook.deliver',
  sweep: 'webhooks.sweep',
} as const;

/** Webhook attempts a process makes at the same time. */
export const webhookConcurrency = 16;

export function webhookQueueOptions(): PgBoss.Queue[] {
  return [
    // pg-boss's own retries only stand for a process that died during an attempt.
    { name: webhookQueues.deliver, retryLimit: 3, retryDelay: 10, expireInSeconds: 120 },
    { name: webhookQueues.sweep, retryLimit: 0, expireInSeconds: 300 },
  ];
}

export interface WebhookJobsOptions extends WebhookSettings {
  dispatchIntervalMs?: number;
  pollingIntervalSeconds?: number;
  concurrency?: number;
  log: { error(error: unknown, message: string): void };
}

export interface WebhookJobs {
  /** Dispatches one batch now (the timer does it on its own). */
  dispatchNow(): Promise<{ facts: number; deliveries: number }>;
  counts(): { delivered: number; attempts: number };
  stop(): Promise<void>;
}

export async function startWebhookJobs(
  boss: PgBoss,
  deps: Deps,
  options: WebhookJobsOptions,
  schedule: boolean,
): Promise<WebhookJobs> {
  const enqueue = async (transaction: Db, jobs: readonly DeliveryJob[]) => {
    await boss.insert(
      jobs.map((job) => ({
        name: webhookQueues.deliver,
        data: { deliveryId: job.deliveryId },
        ...(job.delayMs > 0 ? { startAfter: new Date(Date.now() + job.delayMs) } : {}),
      })),
      { db: inTransaction(transaction) },
    );
  };
  let delivered = 0;
  let attempts = 0;
  const concurrency = options.concurrency ?? webhookConcurrency;
  await boss.work<{ deliveryId: string }>(
    webhookQueues.deliver,
    { batchSize: concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            const outcome = await deliverWebhook(deps, job.data.deliveryId, options, enqueue);
            if (outcome === 'delivered') delivered += 1;
            if (outcome === 'delivered' || outcome === 'retry' || outcome === 'failed') {
              attempts += 1;
            }
          } catch (error) {
            options.log.error(error, `webhook delivery ${job.data.deliveryId} not attempted`);
            // This job only: pg-boss tries it again; the others of the batch complete.
            await boss.fail(webhookQueues.deliver, job.id, {
              message: error instanceof Error ? error.message : String(error),
            });
          }
        }),
      );
    },
  );
  await boss.work(webhookQueues.sweep, async () => {
    await sweepWebhooks(deps, enqueue);
  });
  if (schedule) await boss.schedule(webhookQueues.sweep, '* * * * *');

  const dispatchNow = () => dispatchWebhooks(deps, enqueue);
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = (async () => {
      // A full batch: there is more waiting.
      while ((await dispatchNow()).facts >= dispatchBatch) {
        /* the next batch at once */
      }
    })()
      .catch((error: unknown) => options.log.error(error, 'webhook dispatch failed'))
      .finally(() => {
        running = null;
      });
  }, options.dispatchIntervalMs ?? 250);
  timer.unref();
  return {
    dispatchNow,
    counts: () => ({ delivered, attempts }),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
