import { randomUUID } from 'node:crypto';
import {
  DomainError,
  isNoOpChange,
  managingRoles,
  operatorChangeProblem,
  conflictOn,
  personName,
} from '@guichet/domain';
import type { OperatorChange, OperatorChangeProblem } from '@guichet/domain';
import type {
  ChangeOperatorRoleBody,
  InviteOperatorBody,
  OperatorAccountListQuery,
  OperatorAccountPage,
  OperatorAccountView,
} from '@guichet/contracts';
import { inTransaction, isUniqueViolation, type Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import { revokeTokensOf } from '../api-tokens/api-tokens.service.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import type { AuditKind } from '../audit/audit.service.ts';
import * as invitations from '../invitations/invitations.service.ts';
import { endSessionsOf } from '../session/session.service.ts';
import * as repository from './operator-accounts.repository.ts';
import type { OperatorRow } from './operator-accounts.repository.ts';

/** Operator accounts are an admin's, from a session opened with the password (never a token). */
function requireManager(auth: AuthContext): void {
  requireOperator(auth, managingRoles);
  requireInteractiveSession(auth);
}

function toView(row: OperatorRow): OperatorAccountView {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    // a users row of kind `operator` always has a role (the table's CHECK)
    role: row.operator_role ?? 'agent',
    locale: row.locale,
    status:
      row.deactivated_at !== null
        ? 'deactivated'
        : row.activated_at === null
          ? 'invited'
          : 'active',
    createdAt: row.created_at.toISOString(),
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
  };
}

const notFound = () => new DomainError('not_found', 'Operator not found');

export async function listOperators(
  deps: Deps,
  auth: AuthContext,
  query: OperatorAccountListQuery,
): Promise<OperatorAccountPage> {
  requireManager(auth);
  const { rows, total } = await repository.listOperators(deps.db, {
    limit: query.limit,
    ...omitEmpty({ q: query.q, status: query.status, after: keysetOf(query.cursor) }),
  });
  return {
    ...keysetPage(rows, query.limit, toView, (last) => [last.display_name, last.id]),
    total,
  };
}

async function viewOf(db: Db, id: string): Promise<OperatorAccountView> {
  const row = await repository.findOperator(db, id);
  if (!row) throw notFound();
  return toView(row);
}

export async function getOperator(
  deps: Deps,
  auth: AuthContext,
  id: string,
): Promise<OperatorAccountView> {
  requireManager(auth);
  return viewOf(deps.db, id);
}

function emailTaken(): DomainError {
  return conflictOn('email', 'email_taken', 'This e-mail is already used by an account');
}

/**
 * A new operator account, invited through the invitations (the mail leaves through the outbox
 * in the same transaction; the invitation page sets the first password). An e-mail already
 * used by any account, customer or operator, is a 409 on `email`.
 */
export async function inviteOperator(
  deps: Deps,
  auth: AuthContext,
  body: InviteOperatorBody,
  options: { publicUrl: string },
): Promise<OperatorAccountView> {
  requireManager(auth);
  const { id } = await createOperatorInvitation(deps, auth, body, options);
  return viewOf(deps.db, id);
}

/**
 * The seed's options: a fixed id (its stable ids) and, for its re-runs, the existing account
 * answered (link null) instead of a conflict when that id is taken.
 */
export interface SeedOptions {
  id?: string;
  skipIfExists?: boolean;
}

/**
 * The invitation itself, for an admin (audited) or for `'system'`, the seed (not audited, no
 * mail: it accepts the returned link at once). In the caller's transaction when it has one.
 */
export async function createOperatorInvitation(
  deps: Deps,
  actor: AuthContext | 'system',
  body: InviteOperatorBody,
  options: { publicUrl: string } & SeedOptions,
): Promise<{ id: string; link: string | null }> {
  if (actor !== 'system') requireManager(actor);
  const id = options.id ?? randomUUID();
  let link: string | null = null;
  const work = async (trx: Db) => {
    const scoped = { ...deps, db: trx };
    if (options.skipIfExists && (await repository.findOperator(trx, id))) return;
    if (await repository.isEmailTaken(trx, body.email)) throw emailTaken();
    await repository.insertOperator(trx, {
      id,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      role: body.role,
      locale: body.locale,
      at: deps.clock(),
    });
    link = await invitations.invite(scoped, {
      user: {
        id,
        email: body.email,
        displayName: personName(body),
        login: null,
      },
      invitedBy:
        actor === 'system' ? null : { id: actor.user.id, displayName: actor.user.displayName },
      contractIds: [],
      publicUrl: options.publicUrl,
    });
    if (actor === 'system') return;
    await recordAudit(scoped, {
      kind: 'operator_invited',
      actor: actorOf(actor),
      target: { type: 'user', id },
      data: { email: body.email, role: body.role },
    });
  };
  try {
    await inTransaction(deps.db, work);
  } catch (error) {
    // Two invitations of the same e-mail at once: the second finds it taken.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return { id, link };
}

const problemErrors: Record<OperatorChangeProblem, () => DomainError> = {
  not_allowed: () => new DomainError('forbidden', 'Only an active admin manages operators'),
  self_deactivation: () =>
    new DomainError('forbidden', 'You cannot deactivate your own account: ask another admin', [
      { path: 'id', rule: 'self_deactivation', message: 'Your own account' },
    ]),
  last_active_admin: () =>
    conflictOn(
      'role',
      'last_active_admin',
      'The last active admin must stay an active admin',
      'Make another operator admin first',
    ),
};

const auditKinds: Record<OperatorChange['kind'], AuditKind> = {
  role: 'operator_role_changed',
  deactivate: 'operator_deactivated',
  reactivate: 'operator_reactivated',
};

/**
 * One change to an operator account, in one transaction: the active admins and the target are
 * locked first, so that the last-admin rule holds whatever runs at the same instant in any
 * process. Deactivation ends every session and token of the account in the same transaction.
 */
async function changeOperator(
  deps: Deps,
  auth: AuthContext,
  id: string,
  change: OperatorChange,
  options: { publicUrl: string },
): Promise<OperatorAccountView> {
  requireManager(auth);
  await deps.db.transaction().execute(async (trx) => {
    const scoped = { ...deps, db: trx };
    const activeManagerIds = await repository.lockActiveOperatorsWithRoles(trx, managingRoles);
    const row = await repository.lockOperator(trx, id);
    if (!row || row.operator_role === null) throw notFound();
    const target = { id: row.id, role: row.operator_role, isActive: row.deactivated_at === null };
    const problem = operatorChangeProblem({
      actorId: auth.user.id,
      activeManagerIds,
      target,
      change,
    });
    if (problem !== null) throw problemErrors[problem]();
    if (isNoOpChange(target, change)) return;
    const now = deps.clock();
    let data: Record<string, unknown>;
    switch (change.kind) {
      case 'role':
        await repository.setRole(trx, id, change.role);
        data = { before: { role: target.role }, after: { role: change.role } };
        break;
      case 'deactivate': {
        await repository.setDeactivated(trx, id, { at: now, by: auth.user.id });
        const sessionsEnded = await endSessionsOf(scoped, id);
        const tokensRevoked = await revokeTokensOf(scoped, id);
        await invitations.revokeInvitationsOf(scoped, id);
        data = {
          role: target.role,
          before: { status: 'active' },
          after: { status: 'deactivated' },
          sessionsEnded,
          tokensRevoked,
        };
        break;
      }
      case 'reactivate':
        await repository.setDeactivated(trx, id, null);
        // An account deactivated before its first password gets a new link (the old one died).
        if (row.activated_at === null) {
          await invitations.invite(scoped, {
            user: { id, email: row.email, displayName: row.display_name, login: null },
            invitedBy: { id: auth.user.id, displayName: auth.user.displayName },
            contractIds: [],
            publicUrl: options.publicUrl,
          });
        }
        data = {
          role: target.role,
          before: { status: 'deactivated' },
          after: { status: 'active' },
          invitationSent: row.activated_at === null,
        };
        break;
    }
    await recordAudit(scoped, {
      kind: auditKinds[change.kind],
      actor: actorOf(auth),
      target: { type: 'user', id },
      data,
    });
  });
  return viewOf(deps.db, id);
}

export async function changeRole(
  deps: Deps,
  auth: AuthContext,
  id: string,
  body: ChangeOperatorRoleBody,
  options: { publicUrl: string },
): Promise<OperatorAccountView> {
  return changeOperator(deps, auth, id, { kind: 'role', role: body.role }, options);
}

export async function deactivate(
  deps: Deps,
  auth: AuthContext,
  id: string,
  options: { publicUrl: string },
): Promise<OperatorAccountView> {
  return changeOperator(deps, auth, id, { kind: 'deactivate' }, options);
}

export async function reactivate(
  deps: Deps,
  auth: AuthContext,
  id: string,
  options: { publicUrl: string },
): Promise<OperatorAccountView> {
  return changeOperator(deps, auth, id, { kind: 'reactivate' }, options);
}
