import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/**
 * A real OpenID provider (`oidc-provider`, the certified implementation) on loopback, for the
 * single sign-on tests (issue 21). Its dev interactions ask for a login (an account below) and
 * any password; consent is given in advance. `tamper` makes the token endpoint answer with an
 * ID token changed and signed again — by the provider's own key or by a key it never
 * published — to check that Guichet refuses each.
 */
export type Tamper = 'wrong_audience' | 'expired' | 'wrong_nonce' | 'unknown_key';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** login → the claims of that account (`sub` is the login). */
  accounts: Map<string, { email?: string; email_verified?: boolean; name?: string }>;
  tamper: Tamper | null;
  /** Follows an authorization URL through the provider's login as `login`: the callback URL. */
  authorize(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startIdentityProvider(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
}): Promise<TestIdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk: JWK = {
    ...(await exportJWK(privateKey)),
    kid: 'provider-key',
    alg: 'RS256',
    use: 'sig',
  };
  const rogue = await generateKeyPair('RS256');
  const clientId = 'guichet';
  const clientSecret = 'a-client-secret-of-the-test-provider';
  const accounts: TestIdentityProvider['accounts'] = new Map();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['cookie-key-of-the-test-provider'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // the claims in the ID token itself (the relying party reads them there)
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx, id) => {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    // a first-party client: consent given in advance
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientOf = ctx.oidc.client?.clientId;
      if (!accountId || !clientOf) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: clientOf, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx: unknown, error: Error) =>
    console.error('oidc-provider', error),
  );

  const result: TestIdentityProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamper: null,
    authorize: (url, login) => authorize(issuer, options.redirectUri, url, login),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path !== '/token' || result.tamper === null || typeof body?.id_token !== 'string')
      return;
    const claims = decodeJwt(body.id_token);
    const now = Math.floor(Date.now() / 1000);
    let key: Parameters<SignJWT['sign']>[0] | JWK = signingJwk;
    let kid = 'provider-key';
    if (result.tamper === 'wrong_audience') claims.aud = 'another-client';
    if (result.tamper === 'expired') Object.assign(claims, { iat: now - 1200, exp: now - 600 });
    if (result.tamper === 'wrong_nonce') claims['nonce'] = 'a-nonce-guichet-never-sent';
    if (result.tamper === 'unknown_key') {
      key = rogue.privateKey;
      kid = 'rogue-key';
    }
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
    ctx.body = body;
  });
  const handle = provider.callback();
  server.on('request', (request, response) => void handle(request, response));
  return result;
}

/** A browser's walk through the provider: redirects, its login form, until the callback. */
async function authorize(
  issuer: string,
  redirectUri: string,
  authorizationUrl: string,
  login: string,
): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let response = await go(authorizationUrl);
  for (let hop = 0; hop < 12; hop += 1) {
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, issuer);
      if (next.href.startsWith(redirectUri)) return next;
      response = await go(next.href);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action)
      throw new Error(`the provider answered ${response.status} without a form: ${html}`);
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1] ?? 'login';
    response = await go(new URL(action.replace(/&amp;/g, '&'), issuer).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
      ).toString(),
    });
  }
  throw new Error('the provider never sent the browser back');
}
