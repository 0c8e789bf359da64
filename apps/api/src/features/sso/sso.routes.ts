import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CustomerSignInSettings,
  IdParams,
  SsoCallbackQuery,
  SsoConnectionBody,
  SsoLogout,
  SsoOfferList,
  SsoOfferQuery,
  SsoStartQuery,
  TwoFactorPolicyBody,
} from '@guichet/contracts';
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import { resetTwoFactorOf } from '../two-factor/two-factor-reset.service.ts';
import * as settings from './sso-settings.service.ts';
import * as service from './sso.service.ts';

/** The browser that started a flow holds this; the answer must come back with it. */
const browserCookie = 'guichet_sso';
/** Where a refused sign-in lands: the web app's page words the reason. */
const refusalPage = '/connexion/refus-sso';
/** A browser redirect: no body. */
const redirect = { 302: z.null() };

/**
 * OpenID Connect single sign-on (issue 21, decision 0030): the login page's offers, the flow's
 * start and callback (browser redirects, no JSON), the logout that ends the provider's session
 * too, and the back-office's settings per customer.
 */
export const ssoRoutes = routesPlugin({ tags: ['session'] }, ({ deps, config }) => {
  const signInAttempts = {
    isPublic: true,
    rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' },
  };

  const start = async (
    key: string,
    query: { suite?: string | undefined },
    cookies: Record<string, string | undefined>,
    ip: string,
    reply: FastifyReply,
  ) => {
    try {
      const started = await service.startSignIn(deps, config, {
        key,
        suite: query.suite,
        browserToken: cookies[browserCookie],
        ip,
      });
      void reply.setCookie(browserCookie, started.browserToken, {
        path: '/api/sso',
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level navigation from its site
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: 10 * 60,
      });
      return await reply.redirect(started.redirectTo, 302);
    } catch (error) {
      if (error instanceof service.SsoRefused)
        return reply.redirect(`${refusalPage}?motif=${error.reason}`, 302);
      throw error;
    }
  };

  return [
    route('GET /api/sso/offers', {
      config: signInAttempts,
      summary:
        'The single sign-on the login page offers: the connection owning the typed e-mail’s domain (domain discovery), and a customer’s by its link (`customer`). Empty when none',
      querystring: SsoOfferQuery,
      ok: SsoOfferList,
      errors: [400, 429],
      handle: ({ query }) => service.findOffers(deps, config, query),
    }),
    route('GET /api/sso/customers/:id/start', {
      config: signInAttempts,
      summary:
        'Start signing in with a customer’s identity provider: redirects the browser there (authorization code with PKCE, state and nonce kept in the database for 10 minutes). `suite`: the page to come back to',
      params: IdParams,
      querystring: SsoStartQuery,
      otherAnswers: redirect,
      errors: [400, 404, 429],
      handle: ({ params, query, request, reply }) =>
        start(params.id, query, request.cookies, request.ip, reply),
    }),
    route('GET /api/sso/operators/start', {
      config: signInAttempts,
      summary:
        'Start signing in with the provider’s own identity provider (operators; OPERATOR_SSO_* settings): redirects the browser there',
      querystring: SsoStartQuery,
      otherAnswers: redirect,
      errors: [400, 404, 429],
      handle: ({ query, request, reply }) =>
        start(service.operatorsConnection, query, request.cookies, request.ip, reply),
    }),
    route(`GET ${service.callbackPath}`, {
      config: signInAttempts,
      summary:
        'Where the identity provider sends the browser back: the state is taken once, the code exchanged, the ID token checked (issuer, audience, expiry, nonce, signature from the provider’s JWKS) and the user found by the verified e-mail (never created). Redirects to the page asked for with a session, or to the refusal page (`/connexion/refus-sso?motif=`); every refusal is audited',
      querystring: SsoCallbackQuery,
      otherAnswers: redirect,
      errors: [400, 429],
      handle: async ({ query, request, reply }) => {
        const search = new URL(request.url, `${config.publicUrl}/`).search;
        void reply.clearCookie(browserCookie, { path: '/api/sso' });
        try {
          const signedIn = await service.finishSignIn(deps, config, {
            query,
            callbackUrl: new URL(`${service.redirectUriOf(config)}${search}`),
            browserToken: request.cookies[browserCookie],
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          setSessionCookie(reply, signedIn.token, signedIn.expiresAt, config.secureCookies);
          return await reply.redirect(signedIn.returnPath, 302);
        } catch (error) {
          if (error instanceof service.SsoRefused)
            return reply.redirect(`${refusalPage}?motif=${error.reason}`, 302);
          throw error;
        }
      },
    }),
    route('POST /api/sso/logout', {
      summary:
        'Log out, and for a session opened by single sign-on whose provider advertises an end_session_endpoint, where to send the browser so that the provider’s session ends too (RP-initiated logout); `redirectTo` null otherwise. Not with an API token',
      ok: SsoLogout,
      errors: [401, 403],
      handle: async ({ auth, request, reply }) => {
        const outcome = await service.logOutEverywhere(
          deps,
          config,
          auth,
          request.cookies[sessionCookie] ?? '',
        );
        clearSessionCookie(reply);
        return outcome;
      },
    }),

    // ---- the back-office: a customer's sign-in settings, a user's second factor --------
    route('GET /api/back-office/customers/:id/sign-in', {
      tags: ['back-office'],
      summary:
        'A customer’s sign-in settings: its single sign-on connection (never its secret) and whether its users need a second factor. Admins, from a session',
      params: IdParams,
      ok: CustomerSignInSettings,
      errors: [400, 401, 403, 404],
      handle: ({ auth, params }) => settings.getSignInSettings(deps, config, auth, params.id),
    }),
    route('PUT /api/back-office/customers/:id/sso', {
      tags: ['back-office'],
      summary:
        'Set a customer’s OpenID Connect connection: issuer, client id and secret (stored encrypted; omitted: kept), display name, allowed e-mail domains (each one customer’s only: 409), e-mail claim, « SSO required » (password sign-in then refused to its users). Audited. Admins, from a session',
      params: IdParams,
      body: SsoConnectionBody,
      ok: CustomerSignInSettings,
      handle: ({ auth, params, body }) =>
        settings.putSsoConnection(deps, config, auth, params.id, body),
    }),
    route('DELETE /api/back-office/customers/:id/sso', {
      tags: ['back-office'],
      summary:
        'Remove a customer’s single sign-on (its users sign in with a password again). Audited. Admins, from a session',
      params: IdParams,
      status: 204,
      errors: [400, 401, 403, 404],
      handle: ({ auth, params }) => settings.deleteSsoConnection(deps, auth, params.id),
    }),
    route('PUT /api/back-office/customers/:id/two-factor-policy', {
      tags: ['back-office'],
      summary:
        'Require (or not) a second factor of every user of the customer at password sign-in: one without it sets it up before reaching anything else. Audited. Admins, from a session',
      params: IdParams,
      body: TwoFactorPolicyBody,
      ok: CustomerSignInSettings,
      errors: [400, 401, 403, 404],
      handle: ({ auth, params, body }) =>
        settings.setTwoFactorPolicy(deps, config, auth, params.id, body.requiresTwoFactor),
    }),
    route('POST /api/back-office/users/:id/reset-two-factor', {
      tags: ['back-office'],
      summary:
        'Reset a user’s second factor (a lost phone): the secret and recovery codes go, the user is mailed. Audited. Admins, from a session',
      params: IdParams,
      status: 204,
      errors: [400, 401, 403, 404],
      handle: ({ auth, params }) => resetTwoFactorOf(deps, auth, params.id),
    }),
  ];
});
