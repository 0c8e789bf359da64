import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CustomerSignInSettings,
  ErrorBody,
  IdParams,
  SsoCallbackQuery,
  SsoConnectionBody,
  SsoLogout,
  SsoOfferList,
  SsoOfferQuery,
  SsoStartQuery,
  TwoFactorPolicyBody,
} from '@guichet/contracts';
import { authOf, clearSessionCookie, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import { resetTwoFactorOf } from '../two-factor/two-factor-reset.service.ts';
import * as settings from './sso-settings.service.ts';
import * as service from './sso.service.ts';

/** The browser that started a flow holds this; the answer must come back with it. */
const browserCookie = 'guichet_sso';
/** Where a refused sign-in lands: the web app's page words the reason. */
const refusalPage = '/connexion/refus-sso';

/**
 * OpenID Connect single sign-on (issue 21, decision 0030): the login page's offers, the flow's
 * start and callback (browser redirects, no JSON), the logout that ends the provider's session
 * too, and the back-office's settings per customer.
 */
export const ssoRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps, config }, done) => {
  const limit = { rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' } };

  app.get(
    '/api/sso/offers',
    {
      config: { isPublic: true, ...limit },
      schema: {
        tags: ['session'],
        summary:
          'The single sign-on the login page offers: the connection owning the typed e-mail’s domain (domain discovery), and a customer’s by its link (`customer`). Empty when none',
        querystring: SsoOfferQuery,
        response: { 200: SsoOfferList, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request) => service.findOffers(deps, config, request.query),
  );

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
  const startSchema = {
    tags: ['session'],
    querystring: SsoStartQuery,
    response: { 302: z.null(), 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
  };

  app.get(
    '/api/sso/customers/:id/start',
    {
      config: { isPublic: true, ...limit },
      schema: {
        ...startSchema,
        summary:
          'Start signing in with a customer’s identity provider: redirects the browser there (authorization code with PKCE, state and nonce kept in the database for 10 minutes). `suite`: the page to come back to',
        params: IdParams,
      },
    },
    async (request, reply) =>
      start(request.params.id, request.query, request.cookies, request.ip, reply),
  );

  app.get(
    '/api/sso/operators/start',
    {
      config: { isPublic: true, ...limit },
      schema: {
        ...startSchema,
        summary:
          'Start signing in with the provider’s own identity provider (operators; OPERATOR_SSO_* settings): redirects the browser there',
      },
    },
    async (request, reply) =>
      start(service.operatorsConnection, request.query, request.cookies, request.ip, reply),
  );

  app.get(
    service.callbackPath,
    {
      config: { isPublic: true, ...limit },
      schema: {
        tags: ['session'],
        summary:
          'Where the identity provider sends the browser back: the state is taken once, the code exchanged, the ID token checked (issuer, audience, expiry, nonce, signature from the provider’s JWKS) and the user found by the verified e-mail (never created). Redirects to the page asked for with a session, or to the refusal page (`/connexion/refus-sso?motif=`); every refusal is audited',
        querystring: SsoCallbackQuery,
        response: { 302: z.null(), 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(request.url, `${config.publicUrl}/`);
      void reply.clearCookie(browserCookie, { path: '/api/sso' });
      try {
        const signedIn = await service.finishSignIn(deps, config, {
          query: request.query,
          callbackUrl: new URL(`${service.redirectUriOf(config)}${callbackUrl.search}`),
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
  );

  app.post(
    '/api/sso/logout',
    {
      schema: {
        tags: ['session'],
        summary:
          'Log out, and for a session opened by single sign-on whose provider advertises an end_session_endpoint, where to send the browser so that the provider’s session ends too (RP-initiated logout); `redirectTo` null otherwise. Not with an API token',
        response: { 200: SsoLogout, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const outcome = await service.logOutEverywhere(
        deps,
        config,
        authOf(request),
        request.cookies[sessionCookie] ?? '',
      );
      clearSessionCookie(reply);
      return outcome;
    },
  );

  // ---- the back-office: a customer's sign-in settings, a user's second factor ----------

  const settingsErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
  app.get(
    '/api/back-office/customers/:id/sign-in',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'A customer’s sign-in settings: its single sign-on connection (never its secret) and whether its users need a second factor. Admins, from a session',
        params: IdParams,
        response: { 200: CustomerSignInSettings, ...settingsErrors },
      },
    },
    async (request) => settings.getSignInSettings(deps, config, authOf(request), request.params.id),
  );

  app.put(
    '/api/back-office/customers/:id/sso',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Set a customer’s OpenID Connect connection: issuer, client id and secret (stored encrypted; omitted: kept), display name, allowed e-mail domains (each one customer’s only: 409), e-mail claim, « SSO required » (password sign-in then refused to its users). Audited. Admins, from a session',
        params: IdParams,
        body: SsoConnectionBody,
        response: { 200: CustomerSignInSettings, 409: ErrorBody, ...settingsErrors },
      },
    },
    async (request) =>
      settings.putSsoConnection(deps, config, authOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/back-office/customers/:id/sso',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Remove a customer’s single sign-on (its users sign in with a password again). Audited. Admins, from a session',
        params: IdParams,
        response: { 204: z.null(), ...settingsErrors },
      },
    },
    async (request, reply) => {
      await settings.deleteSsoConnection(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/back-office/customers/:id/two-factor-policy',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Require (or not) a second factor of every user of the customer at password sign-in: one without it sets it up before reaching anything else. Audited. Admins, from a session',
        params: IdParams,
        body: TwoFactorPolicyBody,
        response: { 200: CustomerSignInSettings, ...settingsErrors },
      },
    },
    async (request) =>
      settings.setTwoFactorPolicy(
        deps,
        config,
        authOf(request),
        request.params.id,
        request.body.requiresTwoFactor,
      ),
  );

  app.post(
    '/api/back-office/users/:id/reset-two-factor',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'Reset a user’s second factor (a lost phone): the secret and recovery codes go, the user is mailed. Audited. Admins, from a session',
        params: IdParams,
        response: { 204: z.null(), ...settingsErrors },
      },
    },
    async (request, reply) => {
      await resetTwoFactorOf(deps, authOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  done();
};
