import type { FastifyReply } from 'fastify';
import {
  CurrentSession,
  IdParams,
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
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../../http/auth.ts';
import { route, routesPlugin } from '../../http/route-definition.ts';
import type { Config } from '../../config.ts';
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

/**
 * The config of a route that takes a sign-in attempt: public, and limited per address and
 * minute (`LOGIN_ATTEMPTS_PER_MINUTE`), the limit shared by every API process.
 */
export function signInAttemptsOf(config: Pick<Config, 'loginAttemptsPerMinute'>) {
  return {
    isPublic: true,
    rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' },
  };
}

export const sessionRoutes = routesPlugin(
  { tags: ['session'], errors: [400, 401] },
  ({ deps, config }) => {
    service.prepareDummyHash();
    const signInAttempts = signInAttemptsOf(config);
    return [
      route('POST /api/session', {
        config: signInAttempts,
        summary:
          'Log in with e-mail or login identifier (`identifier`; `email` is still read) and password; sets the session cookie. The same answers for a known and an unknown identifier. Limited per address (shared by every API process); after 5 failures of one account (its e-mail and login count as one) from one address, that pair waits 1 s, 2 s, 4 s… (429, at most 15 minutes); an account is never locked',
        body: LoginBody,
        ok: SessionView,
        otherAnswers: { 202: SignInPending },
        errors: [400, 401, 403, 429],
        handle: async ({ body, request, reply }) => {
          const previous = request.cookies[sessionCookie];
          if (previous) await service.logOut(deps, previous);
          const outcome = await service
            .logIn(deps, body, config.sessionTtlHours, request.ip, request.headers['user-agent'], {
              adminsRequireTwoFactor: config.adminsRequireTwoFactor,
              operatorSso: config.operatorSso,
            })
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
      }),
      route('POST /api/session/second-factor', {
        config: signInAttempts,
        summary:
          'The second step of a sign-in with two-factor codes on (after a 202 of POST /api/session, whose pending cookie it needs): a 6-digit code from the app (each accepted once) or one of the recovery codes (each works once). Failures limited like passwords (429); sets the session cookie',
        body: SecondFactorBody,
        ok: SessionView,
        errors: [400, 401, 429],
        handle: async ({ body, request, reply }) => {
          const pending = request.cookies[pendingCookie];
          if (!pending)
            throw new DomainError(
              'unauthenticated',
              'The sign-in expired: give your password again',
            );
          const { token, expiresAt } = await service
            .completeSignIn(deps, pending, body, config.sessionTtlHours, request.ip)
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
      }),
      route('GET /api/session', {
        summary: 'The current session',
        ok: SessionView,
        errors: [401],
        handle: ({ auth }) => service.toSessionView(auth),
      }),
      route('GET /api/session/current', {
        config: { isPublic: true },
        summary:
          'Who is signed in: the current session, or null when nobody is (200 either way, for the web app’s first page)',
        ok: CurrentSession,
        errors: [400],
        handle: ({ request }) => ({
          session: request.auth ? service.toSessionView(request.auth) : null,
        }),
      }),
      route('DELETE /api/session', {
        summary: 'Log out',
        status: 204,
        errors: [401],
        handle: async ({ request, reply }) => {
          const token = request.cookies[sessionCookie];
          if (token) await service.logOut(deps, token, request.auth);
          clearSessionCookie(reply);
        },
      }),
      route('PUT /api/session/perimeter', {
        summary: 'Choose the perimeter (customer account) shown at the top right',
        body: PerimeterBody,
        ok: SessionView,
        errors: [400, 401, 404],
        handle: async ({ auth, body, request }) => {
          await service.choosePerimeter(deps, auth, body.customerId);
          const token = request.cookies[sessionCookie] ?? '';
          const updated = await service.resolveSession(deps, token);
          return service.toSessionView(updated ?? auth);
        },
      }),
      route('PUT /api/session/locale', {
        summary: 'Choose the interface language',
        body: LocaleBody,
        ok: SessionView,
        handle: async ({ auth, body }) => {
          await service.chooseLocale(deps, auth, body.locale);
          return service.toSessionView({ ...auth, user: { ...auth.user, locale: body.locale } });
        },
      }),
      route('GET /api/account/sessions', {
        tags: ['account'],
        summary:
          '« Mon compte »: your open sessions (device, address, last seen), the current one marked. Not with an API token',
        ok: OpenSessionList,
        errors: [401, 403],
        handle: ({ auth }) => service.listMySessions(deps, auth),
      }),
      route('DELETE /api/account/sessions/:id', {
        tags: ['account'],
        summary:
          'End one of your sessions (the current one too: that logs you out). Audited. Not with an API token',
        params: SessionIdParams,
        status: 204,
        errors: [400, 401, 403, 404],
        handle: async ({ auth, params, reply }) => {
          await service.endMySession(deps, auth, params.id);
          if (params.id === auth.sessionId) clearSessionCookie(reply);
        },
      }),
      route('POST /api/account/sessions/end-others', {
        tags: ['account'],
        summary: 'End all your sessions but the current one. Audited. Not with an API token',
        ok: SessionsEnded,
        errors: [401, 403],
        handle: ({ auth }) => service.endMyOtherSessions(deps, auth),
      }),
      route('POST /api/back-office/users/:id/end-sessions', {
        tags: ['back-office'],
        summary:
          'An admin ends every session of a user, customer or operator (their API tokens stay: revoke them apart). Audited. Not with an API token',
        params: IdParams,
        ok: SessionsEnded,
        errors: [400, 401, 403, 404],
        handle: ({ auth, params }) => service.endSessionsOfUser(deps, auth, params.id),
      }),
    ];
  },
);
