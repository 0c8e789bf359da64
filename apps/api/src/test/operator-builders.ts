import { CreatedOperatorApiToken, OperatorAccountView } from '@guichet/contracts';
import { createHash, randomBytes } from 'node:crypto';
import type { OperatorRole } from '@guichet/domain';
import { insertSession } from '../features/session/session.repository.ts';
import type { Harness } from './harness.ts';
import { stableId, testNow, bodyOf } from './harness.ts';
import { invitationTokenFor, newPassword, uniqueIdentity } from './rights-builders.ts';

/** The demo admin (seed), who invites the operators the tests need. */
export const demoAdminEmail = 'admin@guichet.example';

/**
 * A session cookie for the user, inserted as a login would make it (no password hashing and no
 * login rate limit, for tests that need many sessions).
 */
export async function sessionCookieFor(h: Harness, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(h.database.db, {
    id: createHash('sha256').update(token).digest('hex'),
    userId,
    perimeterCustomerId: null,
    expiresAt: new Date(testNow.getTime() + 12 * 3_600_000),
  });
  return `guichet_session=${token}`;
}

/** A session cookie of a demo account of the seed, e.g. `admin@guichet.example`. */
export async function demoSessionFor(h: Harness, email: string): Promise<string> {
  return sessionCookieFor(h, stableId(`user:${email}`));
}

/**
 * A Bearer header for an operator's personal API token (`{ authorization: 'Bearer gch_…' }`),
 * created through the API from a session of `email`, a demo operator (e.g.
 * `agent@guichet.example`), or from `cookie` (an operator made by `addActiveOperator`). `role` limits the token to a
 * role within the owner's; by default it acts with the owner's role of each instant.
 */
export async function operatorTokenFor(
  h: Harness,
  email: string,
  options: { role?: OperatorRole; name?: string; cookie?: string } = {},
): Promise<{ authorization: string }> {
  const cookie = options.cookie ?? (await demoSessionFor(h, email));
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/back-office/api-tokens',
    headers: { cookie },
    payload: { name: options.name ?? 'tests', role: options.role ?? null },
  });
  if (response.statusCode !== 201) throw new Error(`operator token: ${response.body}`);
  return {
    authorization: `Bearer ${(bodyOf(response, CreatedOperatorApiToken) as { token: string }).token}`,
  };
}

/**
 * Invites an operator with `role` as the demo admin, accepts the invitation with
 * `newPassword` (their password from then on), and returns the account's id, e-mail and a
 * session cookie.
 */
export async function addActiveOperator(
  h: Harness,
  role: OperatorRole,
): Promise<{ id: string; email: string; cookie: string }> {
  const identity = uniqueIdentity('operator');
  const invited = await h.app.inject({
    method: 'POST',
    url: '/api/back-office/operators',
    headers: { cookie: await demoSessionFor(h, demoAdminEmail) },
    payload: {
      email: identity.email,
      firstName: identity.firstName,
      lastName: identity.lastName,
      role,
      locale: 'fr',
    },
  });
  if (invited.statusCode !== 201) throw new Error(`invite operator: ${invited.body}`);
  const token = await invitationTokenFor(h, identity.email);
  const accepted = await h.app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { password: newPassword, confirmation: newPassword },
  });
  if (accepted.statusCode !== 204) throw new Error(`accept: ${accepted.body}`);
  const id = (bodyOf(invited, OperatorAccountView) as { id: string }).id;
  return { id, email: identity.email, cookie: await sessionCookieFor(h, id) };
}
