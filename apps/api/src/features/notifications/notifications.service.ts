import { randomUUID } from 'node:crypto';
import { requestStatuses } from '@guichet/domain';
import type { RequestAction, RequestStatus } from '@guichet/domain';
import type { NotificationList } from '@guichet/contracts';
import type { AuthContext, AuthUser, Deps } from '../../http/context.ts';
import { queueMail } from '../mail/mail.service.ts';
import { renderRequestMail } from './mail-templates.ts';
import type { RenderedMail, RequestMail } from './mail-templates.ts';
import * as repository from './notifications.repository.ts';
import { requireInteractiveSession } from '../../http/access.ts';

/** The request a notice is about: who wrote it, who handles it. */
export interface NoticeRequest {
  id: string;
  number: string | null;
  authorId: string;
  assigneeId: string | null;
}

function linkTo(
  deps: Pick<Deps, 'publicUrl'>,
  requestId: string,
  audience: 'customer' | 'operator',
): string {
  const base = (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  return audience === 'customer'
    ? `${base}/demandes/${requestId}`
    : `${base}/back-office/demandes/${requestId}`;
}

async function mailCustomer(
  deps: Deps,
  request: NoticeRequest,
  userId: string,
  mail: RequestMail,
): Promise<void> {
  const [user] = await repository.findUsers(deps.db, [userId]);
  if (!user || user.kind !== 'customer') return;
  const rendered = renderRequestMail(mail, {
    locale: user.locale,
    recipientName: user.display_name,
    number: request.number ?? '',
    link: linkTo(deps, request.id, 'customer'),
  });
  await queueMail(deps, {
    to: user.email,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    kind: mail.kind,
    requestId: request.id,
  });
}

async function ring(
  deps: Deps,
  userIds: readonly (string | null)[],
  request: NoticeRequest,
  kind: string,
  data: Record<string, unknown>,
): Promise<void> {
  const at = deps.clock();
  const unique = [...new Set(userIds.filter((id): id is string => id !== null))];
  await repository.insertNotifications(
    deps.db,
    unique.map((userId) => ({ id: randomUUID(), userId, requestId: request.id, kind, data, at })),
  );
}

/** The receipt of a confirmation, mailed to its author (inside the confirming transaction). */
export async function notifyRequestConfirmed(
  deps: Deps,
  request: NoticeRequest,
  toStatus: RequestStatus,
): Promise<void> {
  await mailCustomer(deps, request, request.authorId, { kind: 'request_confirmed', toStatus });
}

/**
 * The receipts a confirmation may send its author, one per status it may end in, written
 * by the statement that numbers the request: `placeholder` stands for the number until
 * then. Null when the author is not a customer (no mail, as for every other notice).
 */
export function confirmationReceipts(
  deps: Pick<Deps, 'publicUrl'>,
  request: { id: string; author: AuthUser },
  statuses: readonly RequestStatus[],
  placeholder: string,
): { to: string; mails: RenderedMail[] } | null {
  const { author } = request;
  if (author.kind !== 'customer') return null;
  const context = {
    locale: author.locale,
    recipientName: author.displayName,
    number: placeholder,
    link: linkTo(deps, request.id, 'customer'),
  };
  return {
    to: author.email,
    mails: statuses.map((toStatus) =>
      renderRequestMail({ kind: 'request_confirmed', toStatus }, context),
    ),
  };
}

/**
 * A lifecycle move: the author hears of it (bell and mail) unless they made it; the assignee
 * (bell) unless they made it. Runs in the move's transaction: no move, no notice.
 */
export async function notifyMove(
  deps: Deps,
  move: {
    request: NoticeRequest;
    action: RequestAction;
    toStatus: RequestStatus;
    actorId: string | null;
    actorName: string | null;
    note: string | null;
    quote?: { version: number; amountTokens: number; amountEur: number; validUntil: string };
  },
): Promise<void> {
  const { request, actorId } = move;
  const kind = move.quote ? 'quote_sent' : 'status_changed';
  const data = { toStatus: move.toStatus, action: move.action, actorName: move.actorName };
  if (request.authorId !== actorId) {
    await ring(deps, [request.authorId], request, kind, data);
    const mail: RequestMail = move.quote
      ? { kind: 'quote_sent', quote: move.quote }
      : move.action === 'complete'
        ? { kind: 'request_done', note: move.note }
        : {
            kind: 'status_changed',
            action: move.action,
            toStatus: move.toStatus,
            note: move.note,
          };
    await mailCustomer(deps, request, request.authorId, mail);
  }
  if (request.assigneeId !== null && request.assigneeId !== actorId) {
    await ring(deps, [request.assigneeId], request, kind, data);
  }
}

/**
 * A reminder that a question waits for its answer (decision 0035): the request's author hears
 * of it by the bell and a mail saying when the request will be cancelled without an answer.
 */
export async function notifyQuestionReminder(
  deps: Deps,
  reminder: {
    request: NoticeRequest;
    question: string;
    askedAt: Date;
    expiresAt: Date;
    timeZone: string;
  },
): Promise<void> {
  const { request } = reminder;
  await ring(deps, [request.authorId], request, 'question_reminder', {
    toStatus: 'awaiting_customer',
    actorName: null,
  });
  await mailCustomer(deps, request, request.authorId, {
    kind: 'question_reminder',
    question: reminder.question,
    askedAt: reminder.askedAt,
    expiresAt: reminder.expiresAt,
    timeZone: reminder.timeZone,
  });
}

/**
 * A new comment. Customers hear of operators' public comments only; the assignee hears of
 * the others' comments. No mail: the bell says there is something to read.
 */
export async function notifyComment(
  deps: Deps,
  comment: {
    request: NoticeRequest;
    actorId: string;
    actorName: string;
    actorKind: 'customer' | 'operator';
    isInternal: boolean;
  },
): Promise<void> {
  const { request } = comment;
  const data = { actorName: comment.actorName };
  if (comment.actorKind === 'operator' && !comment.isInternal) {
    if (request.authorId !== comment.actorId)
      await ring(deps, [request.authorId], request, 'comment_added', data);
  }
  if (request.assigneeId !== null && request.assigneeId !== comment.actorId) {
    await ring(deps, [request.assigneeId], request, 'comment_added', data);
  }
}

/** An operator was given a request by someone else. */
export async function notifyAssigned(
  deps: Deps,
  assignment: { request: NoticeRequest; assigneeId: string; actorId: string; actorName: string },
): Promise<void> {
  if (assignment.assigneeId === assignment.actorId) return;
  await ring(deps, [assignment.assigneeId], assignment.request, 'assigned', {
    actorName: assignment.actorName,
  });
}

function statusOf(value: unknown): RequestStatus | null {
  return requestStatuses.find((status) => status === value) ?? null;
}

export async function listNotifications(
  deps: Deps,
  auth: AuthContext,
  limit: number,
): Promise<NotificationList> {
  // The bell is the person's, across every contract and perimeter: beyond any token's grants.
  requireInteractiveSession(auth);
  const [rows, unread] = await Promise.all([
    repository.listNotifications(deps.db, auth.user.id, limit),
    repository.countUnread(deps.db, auth.user.id),
  ]);
  return {
    unread,
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      requestId: row.request_id,
      requestNumber: row.request_number,
      toStatus: statusOf(row.data['toStatus']),
      actorName: typeof row.data['actorName'] === 'string' ? row.data['actorName'] : null,
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
    })),
  };
}

export async function markNotificationsRead(
  deps: Deps,
  auth: AuthContext,
  ids: readonly string[] | undefined,
): Promise<void> {
  requireInteractiveSession(auth);
  await repository.markRead(deps.db, auth.user.id, ids, deps.clock());
}

/** The bell of the approvers a request waits for (decision 0034; their mail is the approvals'). */
export async function notifyApprovalRequested(
  deps: Deps,
  request: NoticeRequest,
  approverIds: readonly string[],
  actorName: string,
): Promise<void> {
  await ring(deps, approverIds, request, 'approval_requested', {
    toStatus: 'awaiting_approval',
    actorName,
  });
}
