import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CurrentSession,
  ErrorBody,
  LocaleBody,
  LoginBody,
  PerimeterBody,
  SessionView,
} from '@guichet/contracts';
import { authOf, clearSessionCookie, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/context.ts';
import * as service from './session.service.ts';

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
          'Log in with e-mail and password; sets the session cookie. The same answers for a known and an unknown e-mail. Limited per address (shared by every API process); after 5 failures of one e-mail from one address, that pair waits 1 s, 2 s, 4 s… (429, at most 15 minutes); an account is never locked',
        body: LoginBody,
        response: { 200: SessionView, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const previous = request.cookies[sessionCookie];
      if (previous) await service.logOut(deps, previous);
      const { token, expiresAt } = await service
        .logIn(deps, request.body, config.sessionTtlHours, request.ip)
        .catch((error: unknown) => {
          if (error instanceof service.LoginWait)
            void reply.header('retry-after', String(error.retryAfterSeconds));
          throw error;
        });
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
  done();
};
