import * as client from 'openid-client';

/**
 * The identity provider as openid-client 6 (a certified relying party) sees it: discovered
 * from its issuer, each time a flow starts or comes back (no state kept in the process).
 */
export interface ProviderEndpoint {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The provider could not be reached or its metadata was not usable. */
export class ProviderUnavailable extends Error {}

export async function discoverProvider(
  endpoint: ProviderEndpoint,
  options: { allowInsecure: boolean },
): Promise<client.Configuration> {
  const url = new URL(endpoint.issuer);
  if (url.protocol !== 'https:' && !options.allowInsecure)
    throw new ProviderUnavailable(`${endpoint.issuer} is not https`);
  try {
    return await client.discovery(
      url,
      endpoint.clientId,
      undefined,
      client.ClientSecretBasic(endpoint.clientSecret),
      {
        // The ID token's signature is checked against the provider's JWKS too: by default
        // openid-client trusts the TLS of the token endpoint for it (OpenID Connect §3.1.3.7).
        execute: [
          client.enableNonRepudiationChecks,
          ...(options.allowInsecure ? [client.allowInsecureRequests] : []),
        ],
        timeout: 10,
      },
    );
  } catch (error) {
    throw new ProviderUnavailable(error instanceof Error ? error.message : String(error));
  }
}

export interface AuthorizationStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The authorization request: code flow, PKCE (S256), a fresh state and nonce. */
export async function authorizationStart(
  provider: client.Configuration,
  redirectUri: string,
  loginHint: string | undefined,
): Promise<AuthorizationStart> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
  });
  return { url: url.href, state, nonce, codeVerifier };
}

/** How the code's exchange failed: the provider said no, or its ID token failed a check. */
export type ExchangeFailure =
  | { kind: 'provider_error'; detail: string }
  | { kind: 'provider_unavailable'; detail: string }
  | { kind: 'token_invalid'; detail: string };

/**
 * Exchanges the code (with the PKCE verifier) and checks the ID token: signature by the
 * provider's JWKS, issuer, audience, expiry, nonce, state (openid-client does each).
 */
export async function exchangeCode(
  provider: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<
  | { ok: true; claims: Record<string, unknown>; idToken: string }
  | { ok: false; failure: ExchangeFailure }
> {
  try {
    const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token)
      return { ok: false, failure: { kind: 'token_invalid', detail: 'no ID token' } };
    return { ok: true, claims: { ...claims }, idToken: tokens.id_token };
  } catch (error) {
    return { ok: false, failure: classify(error) };
  }
}

function classify(error: unknown): ExchangeFailure {
  const detail = describe(error);
  if (
    error instanceof client.AuthorizationResponseError ||
    error instanceof client.ResponseBodyError
  )
    return { kind: 'provider_error', detail };
  if (error instanceof TypeError && !(error instanceof client.ClientError))
    return { kind: 'provider_unavailable', detail };
  return { kind: 'token_invalid', detail };
}

/** The library's code and words, down its causes (which claim failed), for the audit. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(`${typeof code === 'string' ? `${code}: ` : ''}${current.message}`);
    } else {
      const claim = (current as { claim?: unknown }).claim;
      if (typeof claim === 'string') parts.push(`claim ${claim}`);
      break;
    }
    current = current.cause;
  }
  return [...new Set(parts)].join(' — ').slice(0, 500);
}

/** The provider's logout (RP-initiated), if it advertises an end_session_endpoint. */
export function endSessionUrl(
  provider: client.Configuration,
  input: { idToken: string | null; postLogoutRedirectUri: string; clientId: string },
): string | null {
  if (!provider.serverMetadata().end_session_endpoint) return null;
  return client
    .buildEndSessionUrl(provider, {
      ...(input.idToken ? { id_token_hint: input.idToken } : {}),
      post_logout_redirect_uri: input.postLogoutRedirectUri,
      client_id: input.clientId,
    })
    .toString();
}
