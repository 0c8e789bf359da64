import {
  DomainError,
  automaticExecutionProblem,
  executionStep,
  isExecutionOpen,
  isSameExecutionEnd,
  rolesWith,
} from '@guichet/domain';
import type { ExecutionChange, ExecutionEvent } from '@guichet/domain';
import { ExecutionChangeView } from '@guichet/contracts';
import type {
  ArticleExecutionBody,
  ArticleExecutionView,
  BackOfficeExecutionView,
  ExecutionAnswerBody,
  ExecutionRequested,
  ExecutionView,
  ExecutorList,
  RequestExecutionView,
} from '@guichet/contracts';
import { inTransaction, type Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import { sweep } from '../../lib/sweep.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import {
  applyMove,
  lockRequest,
  requireLockedRequest,
  systemActor,
} from '../processing/processing.service.ts';
import type { Acting, LockedRequest } from '../processing/processing.service.ts';
import * as repository from './executions.repository.ts';
import type { ExecutionRow } from './executions.repository.ts';

/**
 * Standard changes executed automatically, "apply, then prove" (decision 0032). A catalog
 * manager marks an article version automatic; its requests confirmed to `submitted` get an
 * execution (a trigger, in the confirmation's statement) which the webhook dispatcher sends
 * to the executor; the executor's answers and the time limit's job move the request through
 * the one state machine, each move an event.
 */

const StoredChanges = ExecutionChangeView.array();

function changesOf(value: unknown): ExecutionChange[] | null {
  const parsed = StoredChanges.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function toView(row: ExecutionRow): ExecutionView {
  return {
    id: row.id,
    requestId: row.request_id,
    state: row.state,
    requestedAt: row.requested_at.toISOString(),
    deadlineAt: row.deadline_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    changes: changesOf(row.changes),
    reason: row.reason,
  };
}

// ——— the article's setting (catalog managers) ———

async function versionOf(deps: Deps, auth: AuthContext, articleId: string, version: number) {
  requireOperator(auth, rolesWith('manage_catalogs'));
  const found = await repository.findArticleVersion(deps.db, articleId, version);
  if (!found) throw new DomainError('not_found', 'Article version not found');
  return found;
}

async function settingView(db: Db, articleVersionId: string): Promise<ArticleExecutionView> {
  const row = await repository.findArticleExecution(db, articleVersionId);
  return row
    ? {
        articleVersionId,
        mode: 'automatic',
        executorId: row.executor_id,
        executorUrl: row.executor_url,
        timeLimitMinutes: row.time_limit_minutes,
        updatedAt: row.updated_at.toISOString(),
      }
    : {
        articleVersionId,
        mode: 'manual',
        executorId: null,
        executorUrl: null,
        timeLimitMinutes: null,
        updatedAt: null,
      };
}

/** The executors a catalog manager may name (their URLs, not their secrets). */
export async function listExecutors(deps: Deps, auth: AuthContext): Promise<ExecutorList> {
  requireOperator(auth, rolesWith('manage_catalogs'));
  const rows = await repository.listExecutors(deps.db);
  return {
    items: rows.map((row) => ({
      id: row.id,
      description: row.description,
      url: row.url,
      isEnabled: row.is_enabled,
    })),
  };
}

export async function getArticleExecution(
  deps: Deps,
  auth: AuthContext,
  articleId: string,
  version: number,
): Promise<ArticleExecutionView> {
  const found = await versionOf(deps, auth, articleId, version);
  return settingView(deps.db, found.id);
}

/**
 * Marks an article version automatic (an executor must be configured: an enabled
 * subscription of kind `executor`; not an article on quote) or manual again. Requests
 * confirmed from then on follow it; those already confirmed keep what they were given.
 */
export async function setArticleExecution(
  deps: Deps,
  auth: AuthContext,
  articleId: string,
  version: number,
  body: ArticleExecutionBody,
): Promise<ArticleExecutionView> {
  const found = await versionOf(deps, auth, articleId, version);
  return inTransaction(deps.db, async (trx) => {
    if (body.mode === 'manual') {
      await repository.deleteArticleExecution(trx, found.id);
      return settingView(trx, found.id);
    }
    const executor = await repository.findProviderSubscription(trx, body.executorId);
    const problem = automaticExecutionProblem({
      billingMode: found.billing_mode,
      executor: executor ? { kind: executor.kind, isEnabled: executor.is_enabled } : null,
      timeLimitMinutes: body.timeLimitMinutes,
    });
    if (problem !== null) throw new DomainError('validation_failed', problem.message, [problem]);
    await repository.upsertArticleExecution(trx, {
      articleVersionId: found.id,
      executorId: body.executorId,
      timeLimitMinutes: body.timeLimitMinutes,
      updatedBy: auth.user.id,
      at: deps.clock(),
    });
    return settingView(trx, found.id);
  });
}

// ——— the executor's answers ———

/**
 * Who may answer: an operator-side token whose role may `execute_requests` (a service
 * account's token once they exist). A person's browser session may not: an execution's
 * answers are the automation's, never typed by hand.
 */
function requireExecutor(auth: AuthContext): Acting {
  requireOperator(auth, rolesWith('execute_requests'));
  if (auth.apiTokenId === undefined) {
    throw new DomainError('forbidden', 'Executions are answered with an API token');
  }
  return { kind: 'executor', id: auth.user.id, name: auth.user.displayName };
}

function summaryOf(changes: readonly ExecutionChange[]): string {
  return changes
    .map((change) => `${change.key}: ${String(change.before)} → ${String(change.after)}`)
    .join('; ');
}

/** One step of the execution and its move, under the request's then the execution's lock. */
async function step(
  deps: Deps,
  locked: LockedRequest,
  execution: ExecutionRow,
  event: ExecutionEvent,
  actor: Acting,
  answer: { changes?: ExecutionChange[]; reason?: string },
): Promise<ExecutionView> {
  const isSameEnd = isSameExecutionEnd(
    { changes: changesOf(execution.changes), reason: execution.reason },
    answer,
  );
  const next = executionStep(execution.state, event, isSameEnd);
  if (next.kind === 'repeat') return toView(execution);
  const at = deps.clock();
  const note = answer.changes !== undefined ? summaryOf(answer.changes) : (answer.reason ?? null);
  await applyMove(deps, locked, {
    action: next.action,
    actor,
    note,
    data: { executionId: execution.id },
  });
  await repository.updateExecution(deps.db, execution.id, {
    state: next.to,
    at,
    answeredBy: actor.id,
    ...(answer.changes !== undefined ? { changes: answer.changes } : {}),
    ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
  });
  const updated = await repository.findExecution(deps.db, locked.id);
  if (!updated) throw new Error('execution vanished under its lock');
  return toView(updated);
}

const notAutomatic = () =>
  new DomainError(
    'invalid_transition',
    'This request is not executed automatically: its article version was not automatic when it was confirmed',
    [{ path: 'id', rule: 'not_automatic', message: 'Not an automatic execution' }],
  );

/**
 * The executor's answer. Two answers at once take the request's lock one after the other:
 * the second sees the first's state (the same answer again is answered as it is, another
 * end is refused). An answer after the timeout, or for a request that is not executed
 * automatically, is refused with a clear error and writes nothing.
 */
export async function answerExecution(
  deps: Deps,
  auth: AuthContext,
  requestId: string,
  body: ExecutionAnswerBody,
): Promise<ExecutionView> {
  const actor = requireExecutor(auth);
  return inTransaction(deps.db, async (trx) => {
    const scoped = { ...deps, db: trx };
    const locked = await requireLockedRequest(scoped, requestId);
    const execution = await repository.lockExecution(trx, requestId);
    if (!execution) throw notAutomatic();
    const answer =
      body.state === 'succeeded'
        ? { changes: body.changes }
        : body.state === 'failed'
          ? { reason: body.reason }
          : {};
    return step(scoped, locked, execution, body.state, actor, answer);
  });
}

/** The execution of a request, for the executor or an agent (404 when there is none). */
export async function getExecution(
  deps: Deps,
  auth: AuthContext,
  requestId: string,
): Promise<ExecutionView> {
  requireOperator(auth, [
    ...new Set([...rolesWith('execute_requests'), ...rolesWith('process_requests')]),
  ]);
  const row = await repository.findExecution(deps.db, requestId);
  if (!row) throw new DomainError('not_found', 'No execution for this request');
  return toView(row);
}

// ——— the time limit (a job) ———

/**
 * The scheduled job's work: every execution still open past its deadline at `deps.clock()`
 * times out, and its request goes back to the agents' queue with the reason, each in its own
 * transaction under the request's lock (an answer arriving at the same moment is either
 * before — then there is nothing to time out — or after, and refused). Returns how many.
 */
export async function expireExecutions(deps: Deps, batchSize = 100): Promise<number> {
  return sweep(
    deps,
    batchSize,
    () => repository.listOverdue(deps.db, deps.clock(), batchSize),
    async (scoped, id) => {
      const locked = await lockRequest(scoped, id);
      const execution = locked ? await repository.lockExecution(scoped.db, id) : undefined;
      if (!locked || !execution || !isExecutionOpen(execution.state)) return false;
      if (execution.deadline_at.getTime() > deps.clock().getTime()) return false;
      const minutes = Math.round(
        (execution.deadline_at.getTime() - execution.requested_at.getTime()) / 60_000,
      );
      await step(scoped, locked, execution, 'timeout', systemActor, {
        reason: `No answer from the executor within ${minutes} min`,
      });
      return true;
    },
  );
}

// ——— what others show ———

/** What the executor is sent with `execution.requested` (null when the execution is gone). */
export async function executionRequestedOf(
  deps: Deps,
  executionId: string,
): Promise<ExecutionRequested | null> {
  const row = await repository.findExecutionToSend(deps.db, executionId);
  if (!row) return null;
  return {
    id: row.id,
    deadlineAt: row.deadline_at.toISOString(),
    answerPath: `/api/back-office/requests/${row.request_id}/execution`,
    asset:
      row.asset_contract_id !== null &&
      row.asset_reference !== null &&
      row.asset_type !== null &&
      row.asset_label !== null
        ? {
            contract: row.asset_contract_id,
            reference: row.asset_reference,
            type: row.asset_type,
            label: row.asset_label,
            site: row.asset_site,
            solution: row.asset_solution,
            attributes: row.asset_attributes ?? {},
          }
        : null,
  };
}

/** What the customer sees on the request page: the state and the values before and after. */
export async function requestExecutionOf(
  deps: Deps,
  requestId: string,
): Promise<RequestExecutionView | null> {
  const row = await repository.findExecution(deps.db, requestId);
  if (!row) return null;
  return {
    state: row.state,
    finishedAt: row.finished_at?.toISOString() ?? null,
    changes: changesOf(row.changes),
  };
}

/**
 * What the agents see on the back-office request page: the customer's view, the times, the
 * reason of a failure or of the timeout, the executor and its deliveries (with their last
 * attempt), null when the request is not executed automatically.
 */
export async function backOfficeExecutionOf(
  deps: Deps,
  requestId: string,
): Promise<BackOfficeExecutionView | null> {
  const row = await repository.findExecution(deps.db, requestId);
  if (!row) return null;
  // The executor's subscription deleted since: the execution stays, without them.
  const executorId = row.executor_id;
  const [executor, deliveries] = await Promise.all([
    executorId === null ? undefined : repository.findExecutor(deps.db, executorId),
    executorId === null ? [] : repository.listExecutionDeliveries(deps.db, requestId, executorId),
  ]);
  const attempts = new Map(
    (
      await repository.listLastAttempts(
        deps.db,
        deliveries.map((delivery) => delivery.id),
      )
    ).map((attempt) => [attempt.delivery_id, attempt]),
  );
  const view = toView(row);
  return {
    state: view.state,
    finishedAt: view.finishedAt,
    changes: view.changes,
    requestedAt: view.requestedAt,
    deadlineAt: view.deadlineAt,
    startedAt: view.startedAt,
    reason: view.reason,
    executor: executor
      ? {
          id: executor.id,
          description: executor.description,
          url: executor.url,
          isEnabled: executor.is_enabled,
        }
      : null,
    deliveries: deliveries.map((delivery) => {
      const last = attempts.get(delivery.id);
      return {
        id: delivery.id,
        state: delivery.state,
        attempts: delivery.attempts,
        isReplay: delivery.is_replay,
        createdAt: delivery.created_at.toISOString(),
        nextAttemptAt: delivery.state === 'pending' ? delivery.next_attempt_at.toISOString() : null,
        finishedAt: delivery.finished_at?.toISOString() ?? null,
        lastAttempt: last
          ? { at: last.at.toISOString(), statusCode: last.status_code, error: last.error }
          : null,
      };
    }),
  };
}

// ---- for catalogs as code (the catalog file's `execution` key) ------------------------------

/** The execution settings of these article versions (automatic ones only). */
export function articleExecutionsOf(db: Db, articleVersionIds: readonly string[]) {
  return repository.listArticleExecutions(db, articleVersionIds);
}

/** Marks a version automatic with its executor, or manual again (`null`), as the file says. */
export async function keepArticleExecution(
  db: Db,
  articleVersionId: string,
  execution: { executorId: string; timeLimitMinutes: number } | null,
  actor: { userId: string | null; at: Date },
): Promise<void> {
  if (execution === null) {
    await repository.deleteArticleExecution(db, articleVersionId);
    return;
  }
  await repository.upsertArticleExecution(db, {
    articleVersionId,
    executorId: execution.executorId,
    timeLimitMinutes: execution.timeLimitMinutes,
    updatedBy: actor.userId,
    at: actor.at,
  });
}

/** The provider's subscriptions of these ids, to check the executors a file names. */
export function providerSubscriptionsOf(db: Db, ids: readonly string[]) {
  return repository.findProviderSubscriptions(db, ids);
}
