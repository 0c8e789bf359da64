import { rolesWith } from '@guichet/domain';
import type { AuditPage, AuditQuery } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import { requireOperator } from '../../http/access.ts';
import type { AuthContext, Clock } from '../../http/context.ts';
import { keysetOf, keysetPage } from '../../lib/cursor.ts';
import { omitEmpty } from '../../lib/omit-empty.ts';
import * as repository from './audit.repository.ts';

/** The closed list of security events the audit keeps. */
export type AuditKind =
  | 'login_succeeded'
  | 'login_failed'
  | 'login_refused_locked'
  | 'account_locked'
  | 'login_throttled'
  | 'login_failures_alert'
  | 'logout'
  | 'draft_deleted'
  | 'rights_changed'
  | 'user_invited'
  | 'user_access_removed'
  | 'referent_changed'
  | 'password_changed'
  | 'token_created'
  | 'token_revoked'
  | 'customer_created'
  | 'customer_updated'
  | 'contract_created'
  | 'contract_updated'
  | 'contract_status_changed'
  | 'login_refused_deactivated'
  | 'operator_invited'
  | 'operator_role_changed'
  | 'operator_deactivated'
  | 'operator_reactivated'
  | 'inventory_synced'
  | 'session_ended'
  | 'sessions_ended'
  | 'two_factor_enabled'
  | 'two_factor_disabled'
  | 'two_factor_failed'
  | 'two_factor_reset'
  | 'two_factor_policy_changed'
  | 'sso_configured'
  | 'sso_removed'
  | 'sso_sign_in_refused'
  | 'password_login_refused_sso'
  | 'webhook_created'
  | 'webhook_updated'
  | 'webhook_deleted'
  | 'webhook_secret_rotated'
  | 'webhook_replayed'
  | 'webhook_disabled'
  | 'service_account_created'
  | 'service_account_deactivated'
  | 'token_rotated'
  | 'service_account_grants_changed'
  | 'service_account_role_changed';

export interface AuditEvent {
  kind: AuditKind;
  actor: { id: string; email: string } | null;
  target?: { type: string; id: string };
  ip?: string | null;
  /** What changed; never a password, a token or form values. */
  data?: Record<string, unknown>;
}

/** Who acted, as the audit records them: the caller's id and e-mail. */
export function actorOf(auth: AuthContext): { id: string; email: string } {
  return { id: auth.user.id, email: auth.user.email };
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

/** The audit, newest first, for admins only. */
export async function listAudit(
  deps: { db: Db },
  auth: AuthContext,
  query: AuditQuery,
): Promise<AuditPage> {
  requireOperator(auth, rolesWith('read_audit'));
  const rows = await repository.listAuditEvents(deps.db, {
    limit: query.limit,
    ...omitEmpty({
      kind: query.kind,
      actorEmail: query.actorEmail,
      before: keysetOf(query.cursor),
    }),
  });
  return keysetPage(
    rows,
    query.limit,
    (row) => ({
      at: row.at.toISOString(),
      kind: row.kind,
      actorEmail: row.actor_email,
      targetType: row.target_type,
      targetId: row.target_id,
      ip: row.ip,
      data: row.data,
    }),
    (last) => [last.at.toISOString(), last.id],
  );
}
