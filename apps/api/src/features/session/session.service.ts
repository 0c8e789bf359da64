import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  emailDomainOf,
  requiresSecondFactor,
  accountForgetAfterMs,
  accountSlowdownMs,
  isAccountAlert,
  pairForgetAfterMs,
  pairWaitSeconds,
  summariseUserAgent,
} from '@guichet/domain';
import type { OpenSessionList, SessionView } from '@guichet/contracts';
import type { Db } from '@guichet/db';
import type { AuthContext, AuthUser, Deps, Perimeter } from '../../http/context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repository from './session.repository.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import * as twoFactor from '../two-factor/two-factor.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { requireInteractiveSession, requireOperator } from '../../http/access.ts';

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Verified against when the e-mail is unknown, so that both answers take as long; made when
// the routes are registered, so that the first unknown e-mail does not pay for it.
let dummyHash: Promise<string> | null = null;

export function prepareDummyHash(): void {
  dummyHash ??= hashPassword('not-a-real-password');
}

/** A pair made to wait: 429, and the route says how long in `Retry-After`. */
export class LoginWait extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(seconds: number) {
    super(
      'rate_limited',
      `Too many failed logins for this e-mail from this address: try again in ${seconds} s`,
    );
    this.retryAfterSeconds = seconds;
  }
}

/**
 * The key failures are counted by (issue 21): the account's e-mail when the identifier names an
 * account, so that its e-mail and its login share one count; else the identifier as typed,
 * whatever its case.
 */
function throttleKeyOf(identifier: string, user: { email: string } | undefined): string {
  return (user?.email ?? identifier).toLowerCase();
}

/**
 * Logs in (issue 18, decision 0019). Nothing here tells a known e-mail from an unknown one:
 * failures are counted by the e-mail as typed, the same answers come out, and an unknown
 * e-mail verifies a dummy hash. An (e-mail, address) pair past 5 failures waits 1 s, 2 s, 4 s…
 * (429); the e-mail from every address is never refused, only slowed and alerted on.
 */
export async function logIn(
  deps: Deps,
  credentials: { identifier?: string | undefined; email?: string | undefined; password: string },
  ttlHours: number,
  ip: string | null = null,
  userAgent?: string,
  policy: PasswordPolicy = noPolicy,
): Promise<SignInOutcome> {
  const identifier = credentials.identifier ?? credentials.email ?? '';
  const address = ip ?? 'unknown';
  const now = deps.clock();
  // one look-up either way, then the failures: a known and an unknown identifier cost alike
  const user = await repository.findUserByIdentifier(deps.db, identifier);
  const email = throttleKeyOf(identifier, user);
  const failures = await repository.findLoginFailures(deps.db, email, address);
  const actor = user ? { id: user.id, email: user.email } : null;
  const wait = pairWaitSeconds(
    failures.pair?.failures ?? 0,
    failures.pair?.lastFailureAt ?? null,
    now,
  );
  if (wait > 0) {
    await recordAudit(deps, { kind: 'login_throttled', actor, ip, data: { email, wait } });
    throw new LoginWait(wait);
  }
  const account = failures.account;
  const slowdown =
    account && now.getTime() - account.lastFailureAt.getTime() < accountForgetAfterMs
      ? accountSlowdownMs(account.failures)
      : 0;
  if (slowdown > 0) await new Promise((resolve) => setTimeout(resolve, slowdown));

  let isRightPassword: boolean;
  if (user) {
    // checked for a deactivated user too, so that the answer says nothing to whoever lacks it
    isRightPassword = await verifyPassword(user.password_hash, credentials.password);
  } else {
    prepareDummyHash();
    await verifyPassword(await (dummyHash as Promise<string>), credentials.password);
    isRightPassword = false;
  }
  if (!user || !isRightPassword || user.deactivated_at !== null) {
    await recordFailure(deps, { email, address, ip, now, user: user ?? null, isRightPassword });
    throw new DomainError('invalid_credentials', 'Unknown e-mail or login, or wrong password');
  }
  await repository.clearLoginFailures(deps.db, email, address);
  const device = summariseUserAgent(userAgent);
  const step = await passwordSignInStep(deps, user, policy, ip);
  if (step !== 'none') {
    const pending = await twoFactor.beginPendingSignIn(deps, {
      userId: user.id,
      step,
      address: ip,
      device,
    });
    return { kind: 'pending', step, ...pending };
  }
  return { kind: 'session', ...(await openSession(deps, user, { ttlHours, ip, device })) };
}

/** What the deployment demands of password sign-ins (issue 21, decision 0030). */
export interface PasswordPolicy {
  adminsRequireTwoFactor: boolean;
  operatorSso: {
    isRequired: boolean;
    allowedDomains: readonly string[];
    displayName: string;
  } | null;
}

const noPolicy: PasswordPolicy = { adminsRequireTwoFactor: false, operatorSso: null };

/**
 * After a right password: refused when the user's organisation signs in by SSO only (audited);
 * else the second factor's step — its code, or its setup when a policy requires one the user
 * has not set up — or none.
 */
async function passwordSignInStep(
  deps: Deps,
  user: {
    id: string;
    email: string;
    kind: 'customer' | 'operator';
    operator_role: AuthUser['operatorRole'];
  },
  policy: PasswordPolicy,
  ip: string | null,
): Promise<'none' | 'code' | 'setup'> {
  const domain = emailDomainOf(user.email) ?? '';
  const policies = await repository.findPasswordPolicies(deps.db, user.id, domain);
  const operatorSso = policy.operatorSso;
  const ssoRequiredBy =
    user.kind === 'operator'
      ? operatorSso?.isRequired && operatorSso.allowedDomains.includes(domain)
        ? operatorSso.displayName
        : null
      : policies.ssoRequiredBy;
  if (ssoRequiredBy !== null) {
    await recordAudit(deps, {
      kind: 'password_login_refused_sso',
      actor: { id: user.id, email: user.email },
      ip,
      data: { connection: ssoRequiredBy },
    });
    const message = `Your organisation signs in with ${ssoRequiredBy}: use « Sign in with ${ssoRequiredBy} »`;
    throw new DomainError('forbidden', message, [
      { path: '', rule: 'sso_required', params: { name: ssoRequiredBy }, message },
    ]);
  }
  if (await twoFactor.isTwoFactorOn(deps, user.id)) return 'code';
  const isRequired = requiresSecondFactor({
    kind: user.kind,
    operatorRole: user.operator_role,
    isRequiredByCustomer: policies.requiresTwoFactor,
    adminsAlways: policy.adminsRequireTwoFactor,
  });
  return isRequired ? 'setup' : 'none';
}

/**
 * A session, or a pending sign-in waiting for the code (two-factor sign-in on) or for the
 * setup a policy requires first.
 */
export type SignInOutcome =
  | { kind: 'session'; token: string; expiresAt: Date }
  | { kind: 'pending'; step: 'code' | 'setup'; token: string; expiresAt: Date };

/**
 * The second step (issue 21): a code from the app or a recovery code, for the pending sign-in
 * of `pendingToken`. Failures count like passwords' (decision 0019), keyed by the account and
 * the address: five free, then 1 s, 2 s, 4 s… Ends the pending sign-in once it succeeds.
 */
export async function completeSignIn(
  deps: Deps,
  pendingToken: string,
  proof: { code?: string | undefined; recoveryCode?: string | undefined },
  ttlHours: number,
  ip: string | null = null,
): Promise<{ token: string; expiresAt: Date }> {
  const pending = await twoFactor.findPendingSignIn(deps, pendingToken);
  if (!pending || pending.step !== 'code')
    throw new DomainError('unauthenticated', 'The sign-in expired: give your password again');
  const actor = { id: pending.userId, email: pending.email };
  const key = `second-factor:${pending.email}`;
  const address = ip ?? 'unknown';
  const now = deps.clock();
  const failures = await repository.findLoginFailures(deps.db, key, address);
  const wait = pairWaitSeconds(
    failures.pair?.failures ?? 0,
    failures.pair?.lastFailureAt ?? null,
    now,
  );
  if (wait > 0) {
    await recordAudit(deps, {
      kind: 'login_throttled',
      actor,
      ip,
      data: { secondFactor: true, wait },
    });
    throw new LoginWait(wait);
  }
  if (!(await twoFactor.checkSecondFactor(deps, pending.userId, proof))) {
    await deps.db.transaction().execute(async (trx) => {
      await repository.recordLoginFailure(trx, {
        email: key,
        address,
        now,
        pairCut: new Date(now.getTime() - pairForgetAfterMs),
        accountCut: new Date(now.getTime() - accountForgetAfterMs),
      });
      await recordAudit(
        { ...deps, db: trx },
        {
          kind: 'two_factor_failed',
          actor,
          ip,
          data: { with: proof.recoveryCode === undefined ? 'code' : 'recovery_code' },
        },
      );
    });
    throw new DomainError('invalid_credentials', 'Wrong or already used code', [
      {
        path: proof.recoveryCode === undefined ? 'code' : 'recoveryCode',
        rule: 'two_factor_code',
        message: 'Wrong or already used code',
      },
    ]);
  }
  await repository.clearLoginFailures(deps.db, key, address);
  await twoFactor.endPendingSignIn(deps, pendingToken);
  return openSession(deps, actor, { ttlHours, ip, device: pending.device });
}

/**
 * Opens a session for a user whose identity is proven, with its audit event; a single
 * sign-on's also links the identity in the same transaction (issue 21).
 */
export async function openSession(
  deps: Deps,
  user: { id: string; email: string },
  meta: {
    ttlHours: number;
    ip: string | null;
    device: string;
    sso?: {
      connection: string;
      idToken: string;
      isFirstSignIn: boolean;
      alsoWrite: (db: Db) => Promise<void>;
    };
  },
): Promise<{ token: string; expiresAt: Date }> {
  const grants = await repository.listGrantsWithCustomers(deps.db, user.id);
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + meta.ttlHours * 3_600_000);
  await deps.db.transaction().execute(async (trx) => {
    await repository.insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      perimeterCustomerId: grants[0]?.customerId ?? null,
      expiresAt,
      now,
      device: meta.device,
      address: meta.ip,
      ...(meta.sso ? { sso: { connection: meta.sso.connection, idToken: meta.sso.idToken } } : {}),
    });
    if (meta.sso) await meta.sso.alsoWrite(trx);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'login_succeeded',
        actor: { id: user.id, email: user.email },
        ip: meta.ip,
        ...(meta.sso
          ? { data: { sso: meta.sso.connection, isFirstSignIn: meta.sso.isFirstSignIn } }
          : {}),
      },
    );
  });
  return { token, expiresAt };
}

/**
 * Counts a refused login, its audit event and, every `accountAlertEvery` failures on the
 * e-mail, an alert: an audit event and a mail to the owner (if the e-mail has an active
 * account), in one transaction.
 */
async function recordFailure(
  deps: Deps,
  input: {
    email: string;
    address: string;
    ip: string | null;
    now: Date;
    user: {
      id: string;
      email: string;
      locale: 'fr' | 'en';
      display_name: string;
      deactivated_at: Date | null;
    } | null;
    isRightPassword: boolean;
  },
): Promise<void> {
  const { email, address, ip, now, user } = input;
  const actor = user ? { id: user.id, email: user.email } : null;
  await deps.db.transaction().execute(async (trx) => {
    const tx = { ...deps, db: trx };
    const counts = await repository.recordLoginFailure(trx, {
      email,
      address,
      now,
      pairCut: new Date(now.getTime() - pairForgetAfterMs),
      accountCut: new Date(now.getTime() - accountForgetAfterMs),
    });
    const refusedDeactivated =
      user !== null && user.deactivated_at !== null && input.isRightPassword;
    await recordAudit(tx, {
      kind: refusedDeactivated ? 'login_refused_deactivated' : 'login_failed',
      actor,
      ip,
      ...(user ? {} : { data: { email } }),
    });
    if (!isAccountAlert(counts.account)) return;
    await recordAudit(tx, {
      kind: 'login_failures_alert',
      actor,
      ip,
      data: { email, failures: counts.account },
    });
    if (user && user.deactivated_at === null) {
      const mail = failedLoginsMail(user.locale, user.display_name, counts.account);
      await queueMail(tx, { to: user.email, ...mail, kind: 'login_failures_alert' });
    }
  });
}

function failedLoginsMail(
  locale: 'fr' | 'en',
  name: string,
  failures: number,
): { subject: string; text: string } {
  return locale === 'en'
    ? {
        subject: 'Guichet: failed logins on your account',
        text: `Hello ${name},\n\n${failures} logins with a wrong password were tried on your Guichet account recently. Your account is not locked: you can still log in. If it was not you, choose a new password in « My account ».\n`,
      }
    : {
        subject: 'Guichet : connexions échouées sur votre compte',
        text: `Bonjour ${name},\n\n${failures} connexions avec un mauvais mot de passe ont été tentées récemment sur votre compte Guichet. Votre compte n’est pas bloqué : vous pouvez toujours vous connecter. Si ce n’était pas vous, choisissez un nouveau mot de passe dans « Mon compte ».\n`,
      };
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
      actor: actorOf(auth),
    });
}

/** Ends every session of the user at once (deactivation), in the caller's transaction. */
export async function endSessionsOf(deps: Deps, userId: string): Promise<number> {
  return repository.deleteSessionsOf(deps.db, userId);
}

/** How often a session's last seen time moves at most. */
const lastSeenEveryMs = 60_000;

export async function resolveSession(deps: Deps, token: string): Promise<AuthContext | null> {
  const now = deps.clock();
  const session = await repository.findLiveSessionWithGrants(deps.db, sessionIdOf(token), now);
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= lastSeenEveryMs)
    await repository.touchSession(deps.db, session.sessionId, now, lastSeenEveryMs);
  return contextFor(session, session.grants);
}

/** « Mon compte »: the caller's open sessions, the one they use marked. */
export async function listMySessions(deps: Deps, auth: AuthContext): Promise<OpenSessionList> {
  requireInteractiveSession(auth);
  const rows = await repository.listLiveSessionsOf(deps.db, auth.user.id, deps.clock());
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      device: row.device,
      address: row.address,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      isCurrent: row.id === auth.sessionId,
    })),
  };
}

/** Ends one of the caller's sessions (the current one too: that is a logout). */
export async function endMySession(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  requireInteractiveSession(auth);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repository.deleteSessionOf(trx, auth.user.id, id)))
      throw new DomainError('not_found', 'Session not found');
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'session_ended',
        actor: actorOf(auth),
        target: { type: 'user', id: auth.user.id },
        data: { isCurrent: id === auth.sessionId },
      },
    );
  });
}

/** Ends every session of the caller but the one they use. */
export async function endMyOtherSessions(
  deps: Deps,
  auth: AuthContext,
): Promise<{ ended: number }> {
  requireInteractiveSession(auth);
  return deps.db.transaction().execute(async (trx) => {
    const ended = await repository.deleteSessionsOfBut(trx, auth.user.id, auth.sessionId);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'sessions_ended',
        actor: actorOf(auth),
        target: { type: 'user', id: auth.user.id },
        data: { ended, by: 'self' },
      },
    );
    return { ended };
  });
}

/** An admin operator ends every session of a user (customer or operator). */
export async function endSessionsOfUser(
  deps: Deps,
  auth: AuthContext,
  userId: string,
): Promise<{ ended: number }> {
  requireOperator(auth, ['admin']);
  requireInteractiveSession(auth);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repository.userExists(trx, userId)))
      throw new DomainError('not_found', 'User not found');
    const ended = await repository.deleteSessionsOf(trx, userId);
    await recordAudit(
      { ...deps, db: trx },
      {
        kind: 'sessions_ended',
        actor: actorOf(auth),
        target: { type: 'user', id: userId },
        data: { ended, by: 'admin' },
      },
    );
    return { ended };
  });
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
