import type { Db } from '@guichet/db';
import type { Clock } from '../../http/context.ts';
import * as repository from './audit.repository.ts';

/** The closed list of security events the audit keeps. */
export type AuditKind =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_refused_locked'
  | 'account_locked'
  | 'logout'
  | 'draft_deleted'
  | 'rights_changed'
  | 'user_invited'
  | 'user_access_removed'
  | 'referent_changed'
  | 'password_changed'
  | 'token_created'
  | 'token_revoked';

export interface AuditEvent {
  kind: AuditKind;
  actor: { id: string; email: string } | null;
  target?: { type: string; id: string };
  ip?: string | null;
  /** What changed; never a password, a token or form values. */
  data?: Record<string, unknown>;
}

/** Records a security event, in the caller's transaction when it has one. */
export async function recordAudit(
  deps: { db: Db; clock: Clock },
  event: AuditEvent,
): Promise<void> {
  await repository.insertAuditEvent(deps.db, {
    actorId: event.actor?.id ?? null,
    actorEmail: event.actor?.email ?? null,
    kind: event.kind,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    ip: event.ip ?? null,
    data: event.data ?? {},
    at: deps.clock(),
  });
}
