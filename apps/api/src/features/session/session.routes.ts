import type { FastifyReply } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CurrentSession,
  ErrorBody,
  LocaleBody,
  LoginBody,
  OpenSessionList,
  PerimeterBody,
  SessionIdParams,
  SessionView,
  SecondFactorBody,
  SessionsEnded,
  SignInPending,
} from '@guichet/contracts';
import { DomainError } from '@guichet/domain';
import { IdParams } from '@guichet/contracts';
import { authOf, clearSessionCookie, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './session.service.ts';

/** The pending sign-in between a right password and the second factor (5 minutes). */
export const pendingCookie = 'guichet_sign_in';

export function setPendingCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
  secure: boolean,
) {
  void reply.setCookie(pendingCookie, token, {
    path: '/api/session',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires: expiresAt,
  });
}

export const sessionRoutes: FastifyPluginCallbackZod<RouteDeps> = (app, { deps, config }, done) => {
  service.prepareDummyHash();
  app.post(
    '/api/session',
    {
      config: {
        isPublic: true,
        rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['session'],
        summary:
          'Log in with e-mail or login identifier (`identifier`; `email` is still read) and password; sets the session cookie. The same answers for a known and an unknown identifier. Limited per address (shared by every API process); after 5 failures of one account (its e-mail and login count as one) from one address, that pair waits 1 s, 2 s, 4 s… (429, at most 15 minutes); an account is never locked',
        body: LoginBody,
        response: {
          200: SessionView,
          202: SignInPending,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const previous = request.cookies[sessionCookie];
      if (previous) await service.logOut(deps, previous);
      const outcome = await service
        .logIn(
          deps,
          request.body,
          config.sessionTtlHours,
          request.ip,
          request.headers['user-agent'],
          {
            adminsRequireTwoFactor: config.adminsRequireTwoFactor,
            operatorSso: config.operatorSso,
          },
        )
        .catch((error: unknown) => {
          if (error instanceof service.LoginWait)
            void reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        });
      if (outcome.kind === 'pending') {
        setPendingCookie(reply, outcome.token, outcome.expiresAt, config.secureCookies);
        return reply.status(202).send({ secondFactor: outcome.step });
      }
      setSessionCookie(reply, outcome.token, outcome.expiresAt, config.secureCookies);
      const auth = await service.resolveSession(deps, outcome.token);
      if (!auth) throw new Error('session vanished right after login');
      return service.toSessionView(auth);
    },
  );

  app.post(
    '/api/session/second-factor',
    {
      config: {
        isPublic: true,
        rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['session'],
        summary:
          'The second step of a sign-in with two-factor codes on (after a 202 of POST /api/session, whose pending cookie it needs): a 6-digit code from the app (each accepted once) or one of the recovery codes (each works once). Failures limited like passwords (429); sets the session cookie',
        body: SecondFactorBody,
        response: { 200: SessionView, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const pending = request.cookies[pendingCookie];
      if (!pending)
        throw new DomainError('unauthenticated', 'The sign-in expired: give your password again');
      const { token, expiresAt } = await service
        .completeSignIn(deps, pending, request.body, config.sessionTtlHours, request.ip)
        .catch((error: unknown) => {
          if (error instanceof service.LoginWait)
            void reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        });
      void reply.clearCookie(pendingCookie, { path: '/api/session' });
      setSessionCookie(reply, token, expiresAt, config.secureCookies);
      const auth = await service.resolveSession(deps, token);
      if (!auth) throw new Error('session vanished right after login');
      return service.toSessionView(auth);
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'The current session',
        response: { 200: SessionView, 401: ErrorBody },
      },
    },
    (request) => service.toSessionView(authOf(request)),
  );

  app.get(
    '/api/session/current',
    {
      config: { isPublic: true },
      schema: {
        tags: ['session'],
        summary:
          'Who is signed in: the current session, or null when nobody is (200 either way, for the web app’s first page)',
        response: { 200: CurrentSession, 400: ErrorBody },
      },
    },
    (request) => ({ session: request.auth ? service.toSessionView(request.auth) : null }),
  );

  app.delete(
    '/api/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Log out',
        response: { 204: z.null(), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await service.logOut(deps, token, request.auth);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/session/perimeter',
    {
      schema: {
        tags: ['session'],
        summary: 'Choose the perimeter (customer account) shown at the top right',
        body: PerimeterBody,
        response: { 200: SessionView, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await service.choosePerimeter(deps, auth, request.body.customerId);
      const token = request.cookies[sessionCookie] ?? '';
      const updated = await service.resolveSession(deps, token);
      return service.toSessionView(updated ?? auth);
    },
  );

  app.put(
    '/api/session/locale',
    {
      schema: {
        tags: ['session'],
        summary: 'Choose the interface language',
        body: LocaleBody,
        response: { 200: SessionView, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const auth = authOf(request);
      await service.chooseLocale(deps, auth, request.body.locale);
      return service.toSessionView({
        ...auth,
        user: { ...auth.user, locale: request.body.locale },
      });
    },
  );

  app.get(
    '/api/account/sessions',
    {
      schema: {
        tags: ['account'],
        summary:
          '« Mon compte »: your open sessions (device, address, last seen), the current one marked. Not with an API token',
        response: { 200: OpenSessionList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.listMySessions(deps, authOf(request)),
  );

  app.delete(
    '/api/account/sessions/:id',
    {
      schema: {
        tags: ['account'],
        summary:
          'End one of your sessions (the current one too: that logs you out). Audited. Not with an API token',
        params: SessionIdParams,
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await service.endMySession(deps, auth, request.params.id);
      if (request.params.id === auth.sessionId) clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/account/sessions/end-others',
    {
      schema: {
        tags: ['account'],
        summary: 'End all your sessions but the current one. Audited. Not with an API token',
        response: { 200: SessionsEnded, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => service.endMyOtherSessions(deps, authOf(request)),
  );

  app.post(
    '/api/back-office/users/:id/end-sessions',
    {
      schema: {
        tags: ['back-office'],
        summary:
          'An admin ends every session of a user, customer or operator (their API tokens stay: revoke them apart). Audited. Not with an API token',
        params: IdParams,
        response: {
          200: SessionsEnded,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => service.endSessionsOfUser(deps, authOf(request), request.params.id),
  );
  done();
};
