import { bodyOf } from './harness.ts';
import { AddUserResult, CreatedApiToken } from '@guichet/contracts';
import type { Harness } from './harness.ts';

export const newPassword = 'Nouveau.Mot2passe';

let counter = 0;
/** A login and e-mail no other test uses. */
export function uniqueIdentity(prefix = 'user') {
  counter += 1;
  const tag = `${prefix}${process.pid}x${counter}x${Math.random().toString(36).slice(2, 7)}`;
  return {
    login: `${tag}.login`,
    email: `${tag}@example.test`,
    firstName: 'Jeanne',
    lastName: `Test ${counter}`,
  };
}

/** The invitation token mailed last to `email`, read from the outbox as the user would. */
export async function invitationTokenFor(h: Harness, email: string): Promise<string> {
  const mail = await h.database.db
    .selectFrom('mail_outbox')
    .select('text_body')
    .where('to_address', '=', email)
    .where('kind', '=', 'invitation')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const token = /\/invitation\/([A-Za-z0-9_-]+)/.exec(mail?.text_body ?? '')?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

/** Logs in with any account; returns the cookie header. */
export async function logInWith(h: Harness, email: string, password: string): Promise<string> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'guichet_session');
  if (!cookie) throw new Error('no session cookie');
  return `guichet_session=${cookie.value}`;
}

/**
 * Adds a user through the API as the given Gestionnaire, accepts the invitation with
 * `newPassword`, and returns the new user's id and a session cookie.
 */
export async function addActiveUser(
  h: Harness,
  managerCookie: string,
  grants: { contractId: string; section: string; profile: string }[],
): Promise<{ id: string; email: string; cookie: string }> {
  const identity = uniqueIdentity();
  const added = await h.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: managerCookie },
    payload: { ...identity, grants },
  });
  if (added.statusCode !== 201) throw new Error(`add user: ${added.body}`);
  const token = await invitationTokenFor(h, identity.email);
  const accepted = await h.app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { password: newPassword, confirmation: newPassword },
  });
  if (accepted.statusCode !== 204) throw new Error(`accept: ${accepted.body}`);
  return {
    id: (bodyOf(added, AddUserResult) as { user: { id: string } }).user.id,
    email: identity.email,
    cookie: await logInWith(h, identity.email, newPassword),
  };
}

/** Creates a personal API token as the cookie's user; returns the token. */
export async function createApiToken(
  h: Harness,
  cookie: string,
  grants: { contractId: string; section: string; profile: string }[],
  options: { expiresInDays?: number | null } = {},
): Promise<{ id: string; token: string }> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/account/api-tokens',
    headers: { cookie },
    payload: { name: 'test token', grants, ...options },
  });
  if (response.statusCode !== 201) throw new Error(`token: ${response.body}`);
  const body = bodyOf(response, CreatedApiToken) as { id: string; token: string };
  return { id: body.id, token: body.token };
}
