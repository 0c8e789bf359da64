import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '@guichet/domain';
import type { SessionView } from '@guichet/contracts';
import type { AuthContext, Deps, Perimeter } from '../../http/context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repository from './session.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireInteractiveSession } from '../account/account.service.ts';

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Failed logins in a row that lock an account, and for how long. */
export const maxFailedLogins = 5;
export const lockMinutes = 15;

// Verified against when the e-mail is unknown, so that both answers take as long.
let dummyHash: Promise<string> | null = null;

export async function logIn(
  deps: Deps,
  credentials: { email: string; password: string },
  ttlHours: number,
  ip: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await repository.findUserByEmail(deps.db, credentials.email);
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, credentials.password);
    await recordAudit(deps, {
      kind: 'login_failed',
      actor: null,
      ip,
      data: { email: credentials.email },
    });
    throw new DomainError('invalid_credentials', 'Unknown e-mail or wrong password');
  }
  const actor = { id: user.id, email: user.email };
  const now = deps.clock();
  if (user.deactivated_at !== null) {
    // The password is still checked, so that the answer says nothing to whoever lacks it.
    const isRightPassword = await verifyPassword(user.password_hash, credentials.password);
    await recordAudit(deps, {
      kind: isRightPassword ? 'login_refused_deactivated' : 'login_failed',
      actor,
      ip,
    });
    throw new DomainError('invalid_credentials', 'Unknown e-mail or wrong password');
  }
  if (user.locked_until !== null && user.locked_until > now) {
    await recordAudit(deps, { kind: 'login_refused_locked', actor, ip });
    throw new DomainError(
      'rate_limited',
      'Too many failed logins: this account is locked for a while',
    );
  }
  if (!(await verifyPassword(user.password_hash, credentials.password))) {
    const lockUntil = new Date(now.getTime() + lockMinutes * 60_000);
    const locked = await repository.recordFailedLogin(deps.db, user.id, maxFailedLogins, lockUntil);
    await recordAudit(deps, { kind: locked ? 'account_locked' : 'login_failed', actor, ip });
    throw new DomainError('invalid_credentials', 'Unknown e-mail or wrong password');
  }
  await repository.clearFailedLogins(deps.db, user.id);
  const grants = await repository.listGrantsWithCustomers(deps.db, user.id);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.clock().getTime() + ttlHours * 3_600_000);
  await repository.insertSession(deps.db, {
    id: sessionIdOf(token),
    userId: user.id,
    perimeterCustomerId: grants[0]?.customerId ?? null,
    expiresAt,
  });
  await recordAudit(deps, { kind: 'login_succeeded', actor, ip });
  return { token, expiresAt };
}

export async function logOut(
  deps: Deps,
  token: string,
  auth: AuthContext | null = null,
): Promise<void> {
  await repository.deleteSession(deps.db, sessionIdOf(token));
  if (auth)
    await recordAudit(deps, {
      kind: 'logout',
      actor: { id: auth.user.id, email: auth.user.email },
    });
}

/** Ends every session of the user at once (deactivation), in the caller's transaction. */
export async function endSessionsOf(deps: Deps, userId: string): Promise<number> {
  return repository.deleteSessionsOf(deps.db, userId);
}

export async function resolveSession(deps: Deps, token: string): Promise<AuthContext | null> {
  const session = await repository.findLiveSessionWithGrants(
    deps.db,
    sessionIdOf(token),
    deps.clock(),
  );
  if (!session) return null;
  return contextFor(session, session.grants);
}

/** Of these sessions (ids as in `AuthContext.sessionId`), those still live: a live stream asks. */
export async function liveSessionIds(deps: Deps, ids: readonly string[]): Promise<Set<string>> {
  return new Set(await repository.findLiveSessionIds(deps.db, ids, deps.clock()));
}

/** The rights of a user acting without a browser session (demo data, background jobs). */
export async function resolveSessionForUser(
  deps: Deps,
  userId: string,
  perimeterCustomerId: string,
): Promise<AuthContext | null> {
  const user = await repository.findUserById(deps.db, userId);
  if (!user) return null;
  const grants = await repository.listGrantsWithCustomers(deps.db, user.id);
  return contextFor({ sessionId: '', perimeterCustomerId, user }, grants);
}

function contextFor(
  session: { sessionId: string; perimeterCustomerId: string | null; user: AuthContext['user'] },
  rows: readonly repository.GrantWithCustomer[],
): AuthContext {
  const perimeters: Perimeter[] = [];
  for (const row of rows) {
    if (!perimeters.some((p) => p.customerId === row.customerId)) {
      perimeters.push({ customerId: row.customerId, name: row.customerName });
    }
  }
  const perimeter =
    perimeters.find((p) => p.customerId === session.perimeterCustomerId) ?? perimeters[0] ?? null;
  return {
    sessionId: session.sessionId,
    user: session.user,
    perimeters,
    perimeter,
    grants: rows.filter((row) => row.customerId === perimeter?.customerId).map((row) => row.grant),
  };
}

export async function choosePerimeter(
  deps: Deps,
  auth: AuthContext,
  customerId: string,
): Promise<void> {
  requireInteractiveSession(auth);
  if (!auth.perimeters.some((p) => p.customerId === customerId)) {
    throw new DomainError('not_found', 'Perimeter not found');
  }
  await repository.setSessionPerimeter(deps.db, auth.sessionId, customerId);
}

export async function chooseLocale(
  deps: Deps,
  auth: AuthContext,
  locale: 'fr' | 'en',
): Promise<void> {
  requireInteractiveSession(auth);
  await repository.setUserLocale(deps.db, auth.user.id, locale);
}

export function toSessionView(auth: AuthContext): SessionView {
  return {
    user: {
      id: auth.user.id,
      email: auth.user.email,
      displayName: auth.user.displayName,
      locale: auth.user.locale,
      kind: auth.user.kind,
      operatorRole: auth.user.operatorRole,
    },
    perimeters: auth.perimeters,
    perimeter: auth.perimeter,
    grants: auth.grants,
  };
}
