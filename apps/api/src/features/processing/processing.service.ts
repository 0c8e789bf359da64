import { createHash, randomUUID } from 'node:crypto';
import {
  DomainError,
  cleanFileName,
  hasProfile,
  contentProblem,
  declaredTypeProblem,
  isQuoteExpired,
  nextStatus,
  quoteValidityProblem,
  tokensToEuros,
} from '@guichet/domain';
import type {
  Actor,
  AttachmentProblem,
  OperatorRole,
  RequestAction,
  RequestStatus,
} from '@guichet/domain';
import type { AttachmentView, CommentView, QuoteView, SendQuoteBody } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import * as dueDates from '../due-dates/due-dates.service.ts';
import * as notifications from '../notifications/notifications.service.ts';
import type { NoticeRequest } from '../notifications/notifications.service.ts';
import * as repository from './processing.repository.ts';
import type { AttachmentRow, LockedRequest, QuoteRow } from './processing.repository.ts';

/**
 * The request lifecycle's writes, shared by the back-office (operators), the customer's
 * follow-up and the background jobs. Every function here runs inside the caller's
 * transaction (`deps.db` is the transaction) on a request the caller locked and may act on.
 */

export interface Acting {
  kind: Actor;
  /** null for the system (background jobs). */
  id: string | null;
  name: string | null;
}

export const systemActor: Acting = { kind: 'system', id: null, name: null };

export type { LockedRequest } from './processing.repository.ts';

/** The request, locked until the caller's transaction ends; undefined when unknown. */
export function lockRequest(deps: Deps, id: string): Promise<LockedRequest | undefined> {
  return repository.lockRequest(deps.db, id);
}

/** The request, locked until the caller's transaction ends; 404 when unknown. */
export async function requireLockedRequest(deps: Deps, id: string): Promise<LockedRequest> {
  const locked = await repository.lockRequest(deps.db, id);
  if (!locked) throw new DomainError('not_found', 'Request not found');
  return locked;
}

/** The request's status and people, without a lock (to decide who may see it). */
export function findRequestHeader(deps: Deps, id: string) {
  return repository.findRequestHeader(deps.db, id);
}

/** A confirmed request's header, else 404 (a draft has no follow-up, no approval, no question). */
export async function confirmedRequest(deps: Deps, id: string) {
  const header = await repository.findRequestHeader(deps.db, id);
  if (!header || header.status === 'draft') throw new DomainError('not_found', 'Request not found');
  return header;
}

/** A confirmed request of the perimeter the caller may see, else 404 (drafts have no follow-up). */
export async function visibleRequest(deps: Deps, auth: AuthContext, id: string) {
  const header = await confirmedRequest(deps, id);
  if (!hasProfile(auth.grants, header.contract_id, 'requests', 'viewer')) {
    throw new DomainError('not_found', 'Request not found');
  }
  return header;
}

/** The whole history, internal events included (operators only). */
export function listEvents(deps: Deps, requestId: string) {
  return repository.listEvents(deps.db, requestId);
}

/** An operator holding one of `roles`, or undefined. */
export function findOperator(deps: Deps, id: string, roles: readonly OperatorRole[]) {
  return repository.findOperator(deps.db, id, roles);
}

function noticeOf(locked: LockedRequest, assigneeId?: string | null): NoticeRequest {
  return {
    id: locked.id,
    number: locked.number,
    authorId: locked.author_id,
    assigneeId: assigneeId === undefined ? locked.assignee_id : assigneeId,
  };
}

/**
 * One move of the lifecycle (DESIGN §4): checked by the state machine (else
 * `invalid_transition`, nothing written), recorded as an event with who and when, notified.
 */
export async function applyMove(
  deps: Deps,
  locked: LockedRequest,
  move: {
    action: RequestAction;
    actor: Acting;
    note?: string | null;
    data?: Record<string, unknown>;
    /** Take the request when nobody holds it yet (an operator starting the review). */
    takeIfUnassigned?: boolean;
  },
): Promise<RequestStatus> {
  const from = locked.status as RequestStatus;
  const to = nextStatus(from, move.action, move.actor.kind);
  const at = deps.clock();
  const assigneeId =
    move.takeIfUnassigned && locked.assignee_id === null && move.actor.id !== null
      ? move.actor.id
      : undefined;
  await repository.setStatus(deps.db, {
    id: locked.id,
    status: to,
    at,
    ...(assigneeId ? { assigneeId } : {}),
  });
  await repository.insertEvent(deps.db, {
    requestId: locked.id,
    actorId: move.actor.id,
    kind: 'status_changed',
    fromStatus: from,
    toStatus: to,
    at,
    data: { action: move.action, note: move.note ?? null, ...move.data },
  });
  await dueDates.refreshClock(deps, locked.id);
  await notifications.notifyMove(deps, {
    request: noticeOf(locked, assigneeId ?? locked.assignee_id),
    action: move.action,
    toStatus: to,
    actorId: move.actor.id,
    actorName: move.actor.name,
    note: move.note ?? null,
  });
  return to;
}

/** Gives the request to an operator (or to nobody); recorded as an internal event. */
export async function assign(
  deps: Deps,
  locked: LockedRequest,
  actor: Acting & { id: string },
  assignee: { id: string; name: string } | null,
): Promise<void> {
  const assigneeId = assignee?.id ?? null;
  if (locked.assignee_id === assigneeId) return;
  const at = deps.clock();
  await repository.setAssignee(deps.db, { id: locked.id, assigneeId, at });
  await repository.insertEvent(deps.db, {
    requestId: locked.id,
    actorId: actor.id,
    kind: 'assigned',
    fromStatus: null,
    toStatus: null,
    at,
    data: {
      internal: true,
      assigneeId,
      previousAssigneeId: locked.assignee_id,
      note: assignee?.name ?? null,
    },
  });
  await dueDates.refreshClock(deps, locked.id);
  if (assigneeId !== null) {
    await notifications.notifyAssigned(deps, {
      request: noticeOf(locked, assigneeId),
      assigneeId,
      actorId: actor.id,
      actorName: actor.name ?? '',
    });
  }
}

/**
 * Sends a quote (DESIGN §5): from `quote_pending`, or from `quote_sent` where it supersedes
 * the quote awaiting an answer. Amount in tokens, priced in euros at the contract's rate.
 */
export async function sendQuote(
  deps: Deps,
  locked: LockedRequest,
  actor: Acting & { id: string },
  body: SendQuoteBody,
): Promise<void> {
  const from = locked.status as RequestStatus;
  const to = nextStatus(from, 'send_quote', actor.kind);
  const at = deps.clock();
  const problem = quoteValidityProblem(body.validUntil, at, locked.time_zone);
  if (problem) {
    const messages = {
      invalid_date: 'Not a calendar date',
      in_the_past: 'The validity date is already past',
      too_far: 'A quote is valid for a year at most',
    } as const;
    throw new DomainError('validation_failed', messages[problem], [
      { path: 'validUntil', message: messages[problem], rule: problem },
    ]);
  }
  if (body.attachmentId) {
    const attachment = await repository.findAttachment(deps.db, locked.id, body.attachmentId);
    if (!attachment) {
      throw new DomainError('not_found', 'Attachment not found', [
        { path: 'attachmentId', message: 'No such attachment on this request' },
      ]);
    }
    if (attachment.media_type !== 'application/pdf' || attachment.is_internal) {
      throw new DomainError('validation_failed', 'A quote attaches a PDF the customer may see', [
        {
          path: 'attachmentId',
          message: 'Attach a PDF visible to the customer',
          rule: 'quote_attachment',
        },
      ]);
    }
  }
  await repository.closeSentQuote(deps.db, {
    requestId: locked.id,
    status: 'superseded',
    answeredBy: null,
    at,
  });
  const version = (await repository.lastQuoteVersion(deps.db, locked.id)) + 1;
  const quote = {
    version,
    amountTokens: body.amountTokens,
    amountEur: tokensToEuros(body.amountTokens, Number(locked.token_price_eur)),
    validUntil: body.validUntil,
  };
  const quoteId = randomUUID();
  await repository.insertQuote(deps.db, {
    id: quoteId,
    requestId: locked.id,
    ...quote,
    text: body.text,
    attachmentId: body.attachmentId ?? null,
    createdBy: actor.id,
    at,
  });
  await repository.setStatus(deps.db, { id: locked.id, status: to, at });
  await repository.insertEvent(deps.db, {
    requestId: locked.id,
    actorId: actor.id,
    kind: 'quote_sent',
    fromStatus: from,
    toStatus: to,
    at,
    data: { action: 'send_quote', quoteId, ...quote },
  });
  await dueDates.refreshClock(deps, locked.id);
  await notifications.notifyMove(deps, {
    request: noticeOf(locked),
    action: 'send_quote',
    toStatus: to,
    actorId: actor.id,
    actorName: actor.name,
    note: null,
    quote,
  });
}

/**
 * The customer's answer to the quote they read (`quoteId`). A newer quote makes it a
 * conflict; an expired or closed one, an invalid transition. Records who, when and which.
 */
export async function answerQuote(
  deps: Deps,
  locked: LockedRequest,
  actor: Acting & { id: string },
  quoteId: string,
  answer: 'accept' | 'refuse',
): Promise<void> {
  const action = answer === 'accept' ? 'accept_quote' : 'refuse_quote';
  const quote = await repository.findQuote(deps.db, locked.id, quoteId);
  if (!quote) throw new DomainError('not_found', 'Quote not found');
  nextStatus(locked.status as RequestStatus, action, actor.kind);
  if (quote.status === 'superseded') {
    throw new DomainError('conflict', 'A newer quote was sent meanwhile: read it first');
  }
  if (quote.status !== 'sent') {
    throw new DomainError('invalid_transition', `This quote is ${quote.status} already`);
  }
  if (isQuoteExpired(quote.valid_until, deps.clock(), locked.time_zone)) {
    throw new DomainError('invalid_transition', 'This quote has expired');
  }
  await repository.closeSentQuote(deps.db, {
    requestId: locked.id,
    status: answer === 'accept' ? 'accepted' : 'refused',
    answeredBy: actor.id,
    at: deps.clock(),
  });
  await applyMove(deps, locked, {
    action,
    actor,
    data: { quoteId: quote.id, quoteVersion: quote.version },
  });
}

/**
 * Cancels the request whose quote awaiting an answer is past its validity (if it still is,
 * under the lock). Returns whether it did.
 */
export async function expireQuote(deps: Deps, locked: LockedRequest): Promise<boolean> {
  if (locked.status !== 'quote_sent') return false;
  const quote = await repository.findSentQuote(deps.db, locked.id);
  if (!quote || !isQuoteExpired(quote.valid_until, deps.clock(), locked.time_zone)) return false;
  await repository.closeSentQuote(deps.db, {
    requestId: locked.id,
    status: 'expired',
    answeredBy: null,
    at: deps.clock(),
  });
  await applyMove(deps, locked, {
    action: 'expire_quote',
    actor: systemActor,
    data: { quoteId: quote.id, quoteVersion: quote.version, validUntil: quote.valid_until },
  });
  return true;
}

/** Requests that may have an expired quote, to be checked one by one under their lock. */
export async function listExpiredQuoteRequests(deps: Deps, limit: number): Promise<string[]> {
  const rows = await repository.listExpiredQuoteRequests(deps.db, deps.clock(), limit);
  return rows.map((row) => row.request_id);
}

export async function addComment(
  deps: Deps,
  locked: LockedRequest,
  actor: Acting & { id: string; kind: 'customer' | 'operator' },
  comment: { body: string; isInternal: boolean },
): Promise<string> {
  if (comment.isInternal && actor.kind !== 'operator') {
    throw new DomainError('forbidden', 'Only operators write internal comments');
  }
  const id = randomUUID();
  await repository.insertComment(deps.db, {
    id,
    requestId: locked.id,
    authorId: actor.id,
    body: comment.body,
    isInternal: comment.isInternal,
    at: deps.clock(),
  });
  await notifications.notifyComment(deps, {
    request: noticeOf(locked),
    actorId: actor.id,
    actorName: actor.name ?? '',
    actorKind: actor.kind,
    isInternal: comment.isInternal,
  });
  return id;
}

const attachmentMessages: Record<AttachmentProblem, string> = {
  empty: 'The file is empty',
  too_large: 'The file is larger than 10 MB',
  unsupported_type:
    'Accepted files: PDF, PNG, JPEG, text, CSV, Word and Excel, with a matching extension',
  content_mismatch: 'The content of the file does not match its type',
};

function refuseAttachment(problem: AttachmentProblem): DomainError {
  const code =
    problem === 'too_large'
      ? 'payload_too_large'
      : problem === 'empty'
        ? 'validation_failed'
        : 'unsupported_media_type';
  return new DomainError(code, attachmentMessages[problem], [
    { path: 'file', message: attachmentMessages[problem], rule: problem },
  ]);
}

/** Refuses a file by its declared name and type, before reading it. */
export function checkDeclaredFile(fileName: string, mediaType: string): void {
  const problem = declaredTypeProblem(cleanFileName(fileName), mediaType);
  if (problem) throw refuseAttachment(problem);
}

export async function addAttachment(
  deps: Deps,
  locked: LockedRequest,
  actor: Acting & { id: string; kind: 'customer' | 'operator' },
  file: { fileName: string; mediaType: string; content: Buffer; isInternal: boolean },
): Promise<string> {
  if (file.isInternal && actor.kind !== 'operator') {
    throw new DomainError('forbidden', 'Only operators add internal attachments');
  }
  const fileName = cleanFileName(file.fileName);
  const mediaType = file.mediaType.toLowerCase();
  const problem =
    declaredTypeProblem(fileName, mediaType) ?? contentProblem(mediaType, file.content);
  if (problem) throw refuseAttachment(problem);
  const id = randomUUID();
  await repository.insertAttachment(deps.db, {
    id,
    requestId: locked.id,
    uploadedBy: actor.id,
    fileName,
    mediaType,
    content: file.content,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    isInternal: file.isInternal,
    at: deps.clock(),
  });
  return id;
}

export function toAttachmentView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    isInternal: row.is_internal,
    uploadedByName: row.uploaded_by_name,
    uploadedByKind: row.uploaded_by_kind,
    createdAt: row.created_at.toISOString(),
  };
}

function toQuoteView(row: QuoteRow, attachments: readonly AttachmentView[]): QuoteView {
  return {
    id: row.id,
    version: row.version,
    amountTokens: row.amount_tokens,
    amountEur: Number(row.amount_eur),
    validUntil: row.valid_until,
    text: row.text,
    attachment: attachments.find((attachment) => attachment.id === row.attachment_id) ?? null,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answeredByName: row.answered_by_name,
  };
}

/**
 * Quotes, comments and attachments of a request. Without `includeInternal` (the customer's
 * view), internal comments and attachments are left out by the query itself.
 */
export async function loadActivity(
  deps: Deps,
  requestId: string,
  options: { includeInternal: boolean },
): Promise<{ quotes: QuoteView[]; comments: CommentView[]; attachments: AttachmentView[] }> {
  const [quoteRows, commentRows, attachmentRows] = await Promise.all([
    repository.listQuotes(deps.db, requestId),
    repository.listComments(deps.db, requestId, options),
    repository.listAttachments(deps.db, requestId, options),
  ]);
  const attachments = attachmentRows.map(toAttachmentView);
  return {
    quotes: quoteRows.map((row) => toQuoteView(row, attachments)),
    comments: commentRows.map((row) => ({
      id: row.id,
      body: row.body,
      isInternal: row.is_internal,
      authorName: row.author_name,
      authorKind: row.author_kind,
      createdAt: row.created_at.toISOString(),
    })),
    attachments,
  };
}

/** An attachment's metadata and bytes, if it belongs to the request (and may be seen). */
export async function readAttachment(
  deps: Deps,
  requestId: string,
  attachmentId: string,
  options: { includeInternal: boolean },
): Promise<{ view: AttachmentView; content: Buffer }> {
  const row = await repository.findAttachment(deps.db, requestId, attachmentId);
  if (!row || (row.is_internal && !options.includeInternal)) {
    throw new DomainError('not_found', 'Attachment not found');
  }
  const content = await repository.readAttachmentContent(deps.db, attachmentId);
  if (!content) throw new DomainError('not_found', 'Attachment not found');
  return { view: toAttachmentView(row), content };
}
