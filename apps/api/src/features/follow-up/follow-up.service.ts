import { DomainError, allowedActions, hasProfile } from '@guichet/domain';
import type { RequestStatus } from '@guichet/domain';
import { customerActions } from '@guichet/contracts';
import type { CancelBody, CommentBody, RequestDetail, RequestFollowUp } from '@guichet/contracts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireGrant } from '../../http/access.ts';
import * as approvals from '../approvals/approvals.service.ts';
import * as contracts from '../contracts/contracts.service.ts';
import * as processing from '../processing/processing.service.ts';
import type { Acting, LockedRequest } from '../processing/processing.service.ts';
import * as requests from '../requests/requests.service.ts';

/**
 * The customer's side of a confirmed request: its quotes to accept or refuse, comments and
 * attachments (never the internal ones), and cancelling while it is not yet worked on.
 */

function customerOf(auth: AuthContext): Acting & { id: string; kind: 'customer' } {
  if (auth.user.kind !== 'customer') {
    throw new DomainError('forbidden', 'Operators work on requests from the back-office');
  }
  return { kind: 'customer', id: auth.user.id, name: auth.user.displayName };
}

/** A confirmed request of the perimeter the caller may see, else 404 (drafts have no follow-up). */
export const visibleRequest = processing.visibleRequest;

export async function getFollowUp(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<RequestFollowUp> {
  const header = await visibleRequest(deps, auth, id);
  const activity = await processing.loadActivity(deps, id, { includeInternal: false });
  const isManager =
    auth.user.kind === 'customer' &&
    hasProfile(auth.grants, header.contract_id, 'requests', 'manager');
  const possible = allowedActions(header.status as RequestStatus, 'customer');
  return {
    ...activity,
    allowedActions: isManager ? customerActions.filter((action) => possible.includes(action)) : [],
    canComment: isManager,
  };
}

/** Checks sight and the Gestionnaire profile, then runs `work` on the locked request. */
export async function actOn(
  deps: Deps,
  auth: AuthContext,
  id: string,
  work: (
    scoped: Deps,
    locked: LockedRequest,
    actor: Acting & { id: string; kind: 'customer' },
  ) => Promise<void>,
): Promise<void> {
  const actor = customerOf(auth);
  const header = await visibleRequest(deps, auth, id);
  requireGrant(auth, header.contract_id, 'requests', 'manager');
  await deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    await work(scoped, await processing.requireLockedRequest(scoped, id), actor);
  });
}

/** Cancels a request while no quote is sent (`submitted`, `in_review` or `quote_pending`). */
export async function cancel(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: CancelBody,
): Promise<RequestDetail> {
  await actOn(deps, auth, id, async (scoped, locked, actor) => {
    if (body.expectedStatus !== undefined && body.expectedStatus !== locked.status) {
      throw new DomainError(
        'invalid_transition',
        `The request left ${body.expectedStatus} meanwhile: it is ${locked.status}`,
      );
    }
    await processing.applyMove(scoped, locked, {
      action: 'cancel',
      actor,
      note: body.reason || null,
    });
    if (locked.status === 'awaiting_approval') await approvals.cancelApproval(scoped, id);
  });
  return requests.getRequest(deps, auth, id);
}

export async function answerQuote(
  deps: Deps,
  auth: AuthContext,
  id: string,
  quoteId: string,
  answer: 'accept' | 'refuse',
): Promise<RequestDetail> {
  await actOn(deps, auth, id, async (scoped, locked, actor) => {
    // A suspended contract's quotes are answered as usual; an ended one's only refused.
    await contracts.requireContractAllows(
      scoped,
      locked.contract_id,
      answer === 'accept' ? 'accept_quote' : 'refuse_quote',
    );
    await processing.answerQuote(scoped, locked, actor, quoteId, answer);
  });
  return requests.getRequest(deps, auth, id);
}

export async function addComment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: CommentBody,
): Promise<RequestFollowUp> {
  await actOn(deps, auth, id, async (scoped, locked, actor) => {
    await processing.addComment(scoped, locked, actor, { body: body.body, isInternal: false });
  });
  return getFollowUp(deps, auth, id);
}

/** Checks the caller and the declared file before its bytes are read; then stores it. */
export async function addAttachment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  upload: { fileName: string; mediaType: string; read: () => Promise<Buffer> },
): Promise<RequestFollowUp> {
  customerOf(auth);
  const header = await visibleRequest(deps, auth, id);
  requireGrant(auth, header.contract_id, 'requests', 'manager');
  processing.checkDeclaredFile(upload.fileName, upload.mediaType);
  const content = await upload.read();
  await actOn(deps, auth, id, async (scoped, locked, actor) => {
    await processing.addAttachment(scoped, locked, actor, {
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      content,
      isInternal: false,
    });
  });
  return getFollowUp(deps, auth, id);
}

export async function readAttachment(
  deps: Deps,
  auth: AuthContext,
  id: string,
  attachmentId: string,
) {
  await visibleRequest(deps, auth, id);
  return processing.readAttachment(deps, id, attachmentId, { includeInternal: false });
}
