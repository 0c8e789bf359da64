import { createHash, randomBytes } from 'node:crypto';
import {
  DomainError,
  emailDomainOf,
  isAllowedEmail,
  safeReturnPath,
  summariseUserAgent,
} from '@guichet/domain';
import type { SsoRefusal } from '@guichet/domain';
import type { SsoLogout, SsoOfferList } from '@guichet/contracts';
import type { Config, OperatorSsoConfig } from '../../config.ts';
import type { AuthContext, Deps } from '../../http/context.ts';
import { requireInteractiveSession } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { logOut, openSession } from '../session/session.service.ts';
import { openSecret } from '../webhooks/webhook-secrets.ts';
import {
  ProviderUnavailable,
  authorizationStart,
  discoverProvider,
  endSessionUrl,
  exchangeCode,
} from './oidc-client.ts';
import * as repository from './sso.repository.ts';

/**
 * OpenID Connect single sign-on (issue 21, decision 0030): a customer's connection (set in the
 * back-office) or the operators' (environment variables). The flow's state, nonce and PKCE
 * verifier wait in PostgreSQL, taken once; the ID token is checked by openid-client.
 */

/** `operators`, or a customer's id. */
export const operatorsConnection = 'operators';
const flowLifetimeMs = 10 * 60_000;
export const callbackPath = '/api/sso/callback';

/** A sign-in connection: the operators' (from the environment) or a customer's (stored). */
export interface Connection extends OperatorSsoConfig {
  key: string;
  customerId: string | null;
}

type SsoConfig = Pick<
  Config,
  'operatorSso' | 'webhooksSecretKey' | 'ssoAllowInsecureIssuers' | 'publicUrl' | 'sessionTtlHours'
>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findConnection(
  deps: Deps,
  config: SsoConfig,
  key: string,
): Promise<Connection | null> {
  if (key === operatorsConnection) {
    const operators = config.operatorSso;
    return operators ? { key, customerId: null, ...operators } : null;
  }
  if (!uuidPattern.test(key)) return null;
  const stored = await repository.findConnection(deps.db, key);
  if (!stored) return null;
  return {
    key,
    customerId: stored.customerId,
    issuer: stored.issuer,
    clientId: stored.clientId,
    clientSecret: openSecret(stored.sealedSecret, config.webhooksSecretKey),
    displayName: stored.displayName,
    allowedDomains: stored.allowedDomains,
    emailClaim: stored.emailClaim,
    isRequired: stored.isRequired,
  };
}

export function startUrlOf(key: string): string {
  return key === operatorsConnection
    ? '/api/sso/operators/start'
    : `/api/sso/customers/${key}/start`;
}

/**
 * What the login page offers: the connection owning the typed e-mail's domain (domain
 * discovery), or a customer's by its link. An unknown domain offers nothing.
 */
export async function findOffers(
  deps: Deps,
  config: SsoConfig,
  query: { identifier?: string | undefined; customer?: string | undefined },
): Promise<SsoOfferList> {
  const offers: SsoOfferList['offers'] = [];
  if (query.customer !== undefined) {
    const connection = await repository.findConnection(deps.db, query.customer);
    if (connection)
      offers.push({
        connection: connection.customerId,
        name: connection.displayName,
        startUrl: startUrlOf(connection.customerId),
        isRequired: connection.isRequired,
      });
  }
  const domain = query.identifier === undefined ? null : emailDomainOf(query.identifier.trim());
  if (domain !== null) {
    const found = await repository.findConnectionByDomain(deps.db, domain);
    if (found && !offers.some((offer) => offer.connection === found.customerId))
      offers.push({
        connection: found.customerId,
        name: found.displayName,
        startUrl: startUrlOf(found.customerId),
        isRequired: found.isRequired,
      });
    const operators = config.operatorSso;
    if (operators && operators.allowedDomains.includes(domain))
      offers.push({
        connection: operatorsConnection,
        name: operators.displayName,
        startUrl: startUrlOf(operatorsConnection),
        isRequired: operators.isRequired,
      });
  }
  return { offers };
}

/** A refused single sign-on: the route sends the browser to the refusal page with the reason. */
export class SsoRefused extends DomainError {
  readonly reason: SsoRefusal;

  constructor(reason: SsoRefusal) {
    super('forbidden', `Single sign-on refused: ${reason}`);
    this.reason = reason;
  }
}

/** The connection's provider, discovered; when it cannot be, the refusal, audited with `detailOf`. */
async function providerOr(
  deps: Deps,
  config: SsoConfig,
  connection: Connection,
  ip: string | null,
  detailOf: (error: unknown) => string,
) {
  try {
    return await discoverProvider(connection, { allowInsecure: config.ssoAllowInsecureIssuers });
  } catch (error) {
    return refuse(deps, 'provider_unavailable', {
      connection: connection.key,
      ip,
      data: { detail: detailOf(error) },
    });
  }
}

async function refuse(
  deps: Deps,
  reason: SsoRefusal,
  context: {
    connection: string | null;
    ip: string | null;
    user?: { id: string; email: string } | undefined;
    data?: Record<string, unknown>;
  },
): Promise<never> {
  await recordAudit(deps, {
    kind: 'sso_sign_in_refused',
    actor: context.user ?? null,
    ip: context.ip,
    ...(context.connection && context.connection !== operatorsConnection
      ? { target: { type: 'customer', id: context.connection } }
      : {}),
    data: { reason, connection: context.connection, ...context.data },
  });
  throw new SsoRefused(reason);
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function redirectUriOf(config: Pick<Config, 'publicUrl'>): string {
  return `${config.publicUrl}${callbackPath}`;
}

/**
 * Starts a sign-in at the connection's provider: the URL to send the browser to, and the
 * browser's token (a cookie) the answer must come back with.
 */
export async function startSignIn(
  deps: Deps,
  config: SsoConfig,
  input: {
    key: string;
    suite: string | undefined;
    browserToken: string | undefined;
    ip: string | null;
    loginHint?: string | undefined;
  },
): Promise<{ redirectTo: string; browserToken: string }> {
  const connection = await findConnection(deps, config, input.key);
  if (!connection) throw new DomainError('not_found', 'No single sign-on for this connection');
  const provider = await providerOr(deps, config, connection, input.ip, (error) =>
    error instanceof ProviderUnavailable ? error.message : 'discovery failed',
  );
  const start = await authorizationStart(provider, redirectUriOf(config), input.loginHint);
  const browserToken =
    input.browserToken && /^[A-Za-z0-9_-]{43}$/.test(input.browserToken)
      ? input.browserToken
      : randomBytes(32).toString('base64url');
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    await repository.insertFlow(trx, {
      id: hashOf(start.state),
      connection: connection.key,
      browserHash: hashOf(browserToken),
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      returnPath: safeReturnPath(input.suite),
      now,
      expiresAt: new Date(now.getTime() + flowLifetimeMs),
    });
  });
  return { redirectTo: start.url, browserToken };
}

/**
 * The provider's answer: takes the flow of `state` once (unknown, used, expired or from
 * another browser: refused), exchanges the code, checks the ID token, then finds the user —
 * linked before by (issuer, subject), or by the verified e-mail the first time — and opens a
 * session. Never creates a user or a right. Every refusal is audited.
 */
export async function finishSignIn(
  deps: Deps,
  config: SsoConfig,
  input: {
    query: { code?: string | undefined; state?: string | undefined; error?: string | undefined };
    callbackUrl: URL;
    browserToken: string | undefined;
    ip: string | null;
    userAgent: string | undefined;
  },
): Promise<{ token: string; expiresAt: Date; returnPath: string }> {
  const { query, ip } = input;
  const now = deps.clock();
  const flow = query.state ? await repository.takeFlow(deps.db, hashOf(query.state)) : undefined;
  if (!flow)
    return refuse(deps, 'state_invalid', {
      connection: null,
      ip,
      data: { detail: query.state ? 'unknown or already used state' : 'no state' },
    });
  if (flow.expiresAt.getTime() <= now.getTime())
    return refuse(deps, 'state_invalid', {
      connection: flow.connection,
      ip,
      data: { detail: 'expired' },
    });
  if (!input.browserToken || hashOf(input.browserToken) !== flow.browserHash)
    return refuse(deps, 'state_invalid', {
      connection: flow.connection,
      ip,
      data: { detail: 'another browser' },
    });
  if (query.error !== undefined)
    return refuse(deps, 'provider_error', {
      connection: flow.connection,
      ip,
      data: { detail: query.error },
    });
  const connection = await findConnection(deps, config, flow.connection);
  if (!connection)
    return refuse(deps, 'provider_unavailable', {
      connection: flow.connection,
      ip,
      data: { detail: 'connection removed' },
    });
  const provider = await providerOr(deps, config, connection, ip, (error) =>
    error instanceof Error ? error.message : 'discovery failed',
  );
  const exchanged = await exchangeCode(provider, input.callbackUrl, {
    state: query.state ?? '',
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
  });
  if (!exchanged.ok)
    return refuse(deps, exchanged.failure.kind, {
      connection: connection.key,
      ip,
      data: { detail: exchanged.failure.detail },
    });
  const { claims, idToken } = exchanged;
  const issuer = String(claims['iss']);
  const subject = String(claims['sub']);
  const claimed = claims[connection.emailClaim];
  const claimedEmail = typeof claimed === 'string' ? claimed.trim().toLowerCase() : null;

  let user = await repository.findUserByIdentity(deps.db, issuer, subject);
  const isFirstSignIn = user === undefined;
  if (!user) {
    if (claimedEmail === null || claims['email_verified'] !== true)
      return refuse(deps, 'email_not_verified', {
        connection: connection.key,
        ip,
        data: { email: claimedEmail, subject },
      });
    if (!isAllowedEmail(claimedEmail, connection.allowedDomains))
      return refuse(deps, 'domain_not_allowed', {
        connection: connection.key,
        ip,
        data: { email: claimedEmail },
      });
    user = await repository.findUserByEmail(deps.db, claimedEmail);
  }
  const email = user?.email ?? claimedEmail;
  const isTheirs =
    user !== undefined &&
    user.deactivatedAt === null &&
    (connection.customerId === null
      ? user.kind === 'operator'
      : user.kind === 'customer' &&
        (await repository.hasGrantAt(deps.db, user.id, connection.customerId)));
  if (!user || !isTheirs)
    return refuse(deps, 'unknown_user', {
      connection: connection.key,
      ip,
      user: user ? { id: user.id, email: user.email } : undefined,
      data: { email },
    });
  // a user linked earlier is still held to the connection's domains (one may be removed since)
  if (!isAllowedEmail(user.email, connection.allowedDomains))
    return refuse(deps, 'domain_not_allowed', {
      connection: connection.key,
      ip,
      user: { id: user.id, email: user.email },
      data: { email: user.email },
    });
  const signedIn = user;
  const session = await openSession(
    deps,
    { id: signedIn.id, email: signedIn.email },
    {
      ttlHours: config.sessionTtlHours,
      ip,
      device: summariseUserAgent(input.userAgent),
      sso: {
        connection: connection.key,
        idToken,
        alsoWrite: (db) =>
          repository.linkIdentity(db, {
            issuer,
            subject,
            userId: signedIn.id,
            connection: connection.key,
            now,
          }),
        isFirstSignIn,
      },
    },
  );
  return { ...session, returnPath: flow.returnPath };
}

/**
 * Logs out; for a session opened by single sign-on whose provider advertises an
 * end_session_endpoint, where to send the browser so that the provider's session ends too.
 */
export async function logOutEverywhere(
  deps: Deps,
  config: SsoConfig,
  auth: AuthContext,
  token: string,
): Promise<SsoLogout> {
  requireInteractiveSession(auth);
  const sso = await repository.findSessionSso(deps.db, auth.sessionId);
  await logOut(deps, token, auth);
  if (!sso) return { redirectTo: null };
  const connection = await findConnection(deps, config, sso.connection);
  if (!connection) return { redirectTo: null };
  try {
    const provider = await discoverProvider(connection, {
      allowInsecure: config.ssoAllowInsecureIssuers,
    });
    return {
      redirectTo: endSessionUrl(provider, {
        idToken: sso.idToken,
        postLogoutRedirectUri: postLogoutRedirectUriOf(config),
        clientId: connection.clientId,
      }),
    };
  } catch {
    // the Guichet session is over either way; the provider's stays if it cannot be reached
    return { redirectTo: null };
  }
}

export function postLogoutRedirectUriOf(config: Pick<Config, 'publicUrl'>): string {
  return `${config.publicUrl}/connexion`;
}
